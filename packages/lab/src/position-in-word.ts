/**
 * Text feature "position in word": 1, 2, 3, ... along a word, 0 outside words (spaces,
 * punctuation, line breaks). A word is a run of letters and digits; an apostrophe right after
 * a letter continues it (`don't`, `Stubb's`); a hyphen ends it (`to-day` is two words).
 */

const wordChar = /[\p{L}\p{N}]/u;
const apostrophe = /['’]/u;

/**
 * @example
 * positionInWord([...'a cat.']); // Float64Array [1, 0, 1, 2, 3, 0]
 */
export function positionInWord(chars: readonly string[]): Float64Array {
  const out = new Float64Array(chars.length);
  let position = 0;
  chars.forEach((ch, t) => {
    const continues = apostrophe.test(ch) && position > 0 && /\p{L}/u.test(chars[t - 1]!);
    position = wordChar.test(ch) || continues ? position + 1 : 0;
    out[t] = position;
  });
  return out;
}
