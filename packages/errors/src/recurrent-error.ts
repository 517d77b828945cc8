/**
 * The base of every error this project throws. Messages follow one shape: what failed,
 * what was expected, what was received, and how to fix it.
 */
export class RecurrentError extends Error {
  override name = 'RecurrentError';
}
