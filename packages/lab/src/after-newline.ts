/**
 * Text feature "right after a newline": 1 at the first character of every line (the one read
 * just after a `\n`, another `\n` of a blank line included), 0 elsewhere. The state has to
 * remember one step back to know it; the text is taken to start at the beginning of a line.
 */

/**
 * @example
 * afterNewline([...'ab\ncd']); // Float64Array [1, 0, 0, 1, 0]
 */
export function afterNewline(chars: readonly string[]): Float64Array {
  const out = new Float64Array(chars.length);
  chars.forEach((_, t) => {
    out[t] = t === 0 || chars[t - 1] === '\n' ? 1 : 0;
  });
  return out;
}
