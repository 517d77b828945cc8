/**
 * The tokenizer of each input kind. Words: lower-cased, contractions split Penn-Treebank
 * style, so "wasn't" reads as "was" + "n't" and "not" and "n't" are words of their own.
 * Characters: lower-cased code points.
 */
import { charTokenizer, type Tokenizer, wordTokenizer } from '@recurrent/data';
import type { InputKind } from './sentiment-defaults.js';

/**
 * @example
 * sentimentTokenizer('word').tokenize("Wasn't bad!"); // ['was', "n't", 'bad', '!']
 */
export function sentimentTokenizer(input: InputKind): Tokenizer {
  return input === 'char'
    ? charTokenizer({ lowercase: true })
    : wordTokenizer({ lowercase: true, contractions: 'split' });
}
