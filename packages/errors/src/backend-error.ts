import { RecurrentError } from './recurrent-error.js';

/** A tensor backend is unknown, not installed or failed to load. */
export class BackendError extends RecurrentError {
  override name = 'BackendError';
}
