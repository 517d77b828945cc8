/**
 * Text feature "vowel vs consonant": 1 for a vowel (a, e, i, o, u in either case, accented
 * ones by their base letter), 0 for any other letter (y included), and NaN for characters
 * that are not letters: the correlation compares vowels with consonants only, and leaves
 * spaces and punctuation out.
 */

const vowel = /^[aeiou]/iu;

/**
 * @example
 * vowelOrConsonant([...'Ab, e']); // Float64Array [1, 0, NaN, NaN, 1]
 */
export function vowelOrConsonant(chars: readonly string[]): Float64Array {
  const out = new Float64Array(chars.length);
  chars.forEach((ch, t) => {
    if (!/\p{L}/u.test(ch)) out[t] = Number.NaN;
    else out[t] = vowel.test(ch.normalize('NFD')) ? 1 : 0;
  });
  return out;
}
