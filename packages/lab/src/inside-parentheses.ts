/**
 * Text feature "inside parentheses": 1 while at least one `(` is open, 0 outside, for the
 * state after reading each character. Nested parentheses count as one region (the depth is
 * not the feature); a `)` with nothing open is ignored, and a `(` never closed stays open to
 * the end. The opening `(` counts as inside, the `)` that closes the outermost as outside.
 */

/**
 * @example
 * insideParentheses([...'a (b) c']); // Float64Array [0, 0, 1, 1, 0, 0, 0]
 */
export function insideParentheses(chars: readonly string[]): Float64Array {
  const out = new Float64Array(chars.length);
  let depth = 0;
  chars.forEach((ch, t) => {
    if (ch === '(') depth += 1;
    else if (ch === ')' && depth > 0) depth -= 1;
    out[t] = depth > 0 ? 1 : 0;
  });
  return out;
}
