/**
 * Text feature "position in line": how many characters have been read since the last line
 * break (Karpathy et al.'s line-length cell). The `\n` itself is 0, the first character of
 * the next line 1; the text is taken to start at the beginning of a line, so its first
 * character is 1 too.
 */

/**
 * @example
 * positionInLine([...'ab\ncd']); // Float64Array [1, 2, 0, 1, 2]
 */
export function positionInLine(chars: readonly string[]): Float64Array {
  const out = new Float64Array(chars.length);
  let position = 0;
  chars.forEach((ch, t) => {
    position = ch === '\n' ? 0 : position + 1;
    out[t] = position;
  });
  return out;
}
