/**
 * Text feature "inside quotes": 1 while the reader is inside a quotation, 0 outside, for the
 * state after reading each character (it depends only on the characters so far).
 *
 * Straight quotes `"` cannot say whether they open or close, so the position decides, as a
 * typesetter reads them: a `"` at the start, after white space or after an opening bracket or
 * dash opens a quotation; any other `"` closes one. That keeps a quotation open across line
 * breaks, and reads the book convention for a speech of several paragraphs (each paragraph
 * opens with `"`, only the last one closes) as one quotation. Curly quotes are explicit: `“`
 * opens, `”` closes. The opening quote itself counts as inside, the closing one as outside.
 */

const opensAfter = /[\s([{—–-]/u;

/**
 * @example
 * insideQuotes([...'a "b" c']); // Float64Array [0, 0, 1, 1, 0, 0, 0]
 */
export function insideQuotes(chars: readonly string[]): Float64Array {
  const out = new Float64Array(chars.length);
  let inside = false;
  chars.forEach((ch, t) => {
    if (ch === '“') inside = true;
    else if (ch === '”') inside = false;
    else if (ch === '"') {
      const before = t === 0 ? '\n' : chars[t - 1]!;
      inside = opensAfter.test(before);
    }
    out[t] = inside ? 1 : 0;
  });
  return out;
}
