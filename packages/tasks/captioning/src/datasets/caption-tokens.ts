/**
 * How a real data set's captions become tokens: lower-case words (the word tokenizer of
 * `@recurrent/data`, so "don't" and "t-shirt" stay one word) with punctuation dropped, the
 * way NeuralTalk and Show and Tell preprocess Flickr8k and COCO.
 *
 * @example
 * captionTokens('A child in a pink dress is climbing up a set of stairs .');
 * // ['a', 'child', 'in', 'a', 'pink', 'dress', 'is', 'climbing', 'up', 'a', 'set', 'of', 'stairs']
 */
import { wordTokenizer } from '@recurrent/data';

const tokenizer = wordTokenizer({ lowercase: true });
const HAS_WORD = /[\p{L}\p{N}]/u;

export function captionTokens(caption: string): string[] {
  return tokenizer.tokenize(caption).filter((token) => HAS_WORD.test(token));
}
