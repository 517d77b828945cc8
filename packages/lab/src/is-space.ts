/**
 * Text feature "is a space": 1 at a space character (the end of a word), 0 elsewhere; line
 * breaks have their own features. It is a property of the character just read, so a unit
 * that tracks it needs no memory: a baseline beside the features that do.
 */

/**
 * @example
 * isSpace([...'a b\n']); // Float64Array [0, 1, 0, 0]
 */
export function isSpace(chars: readonly string[]): Float64Array {
  return Float64Array.from(chars, (ch) => (ch === ' ' || ch === '\t' || ch === '\u00a0' ? 1 : 0));
}
