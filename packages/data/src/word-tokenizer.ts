/**
 * Word tokenizer: Unicode-aware words, numbers and single punctuation marks. Words keep
 * inner apostrophes and hyphens ("don't", "sea-boots", "o'clock"); with
 * `contractions: 'split'` clitics come off Penn-Treebank style ("don't" -> "do", "n't";
 * "Ahab's" -> "Ahab", "'s"). Punctuation is always its own token.
 */
import { ConfigError } from '@recurrent/errors';
import { checkChoice } from './check-options.js';
import { checkNormalization, type Normalization, normalizeText } from './normalize-text.js';
import type { ContractionMode, Tokenizer, WordTokenizerConfig } from './tokenizer.js';

export interface WordTokenizerOptions {
  readonly normalize?: Normalization;
  readonly lowercase?: boolean;
  readonly contractions?: ContractionMode;
  readonly splitHyphens?: boolean;
}

export const wordTokenizerDefaults = Object.freeze({
  normalize: 'NFC' as Normalization, // composed forms: the same visible word gives the same id
  lowercase: false, // lossless by default; sentiment-style tasks usually turn it on
  contractions: 'keep' as ContractionMode, // "don't" stays one word: its meaning is not "do" + "not" spelled apart
  splitHyphens: false, // "sea-boots" is one word in most corpora
});

const NUMBER = String.raw`\p{N}+(?:[.,:]\p{N}+)+`;
const WORD_PART = String.raw`[\p{L}\p{M}\p{N}]+`;
const PUNCTUATION = String.raw`[^\s]`;

function wordPattern(splitHyphens: boolean): RegExp {
  const joiners = splitHyphens ? `['’]` : `['’-]`;
  return new RegExp(`${NUMBER}|${WORD_PART}(?:${joiners}${WORD_PART})*|${PUNCTUATION}`, 'gu');
}

const NEGATION = /^(.+?)(n['’]t)$/iu;
const CLITIC = /^(.+?)(['’](?:s|m|d|ll|re|ve))$/iu;

function splitContraction(word: string, out: string[]): void {
  const match = NEGATION.exec(word) ?? CLITIC.exec(word);
  if (match?.[1] && match[2]) {
    out.push(match[1], match[2]);
  } else {
    out.push(word);
  }
}

const NO_SPACE_BEFORE = /^(?:[.,;:!?%)\]}»”’]|n['’]t|['’](?:s|m|d|ll|re|ve))$/iu;
const NO_SPACE_AFTER = /^[([{«“$]$/u;

/**
 * @example
 * const tok = wordTokenizer({ lowercase: true });
 * tok.tokenize("Don't stop, Ahab!"); // ["don't", 'stop', ',', 'ahab', '!']
 */
export function wordTokenizer(options: WordTokenizerOptions = {}): Tokenizer {
  const who = 'wordTokenizer';
  const o = { ...wordTokenizerDefaults, ...options };
  const normalize = checkNormalization(who, o.normalize);
  const contractions = checkChoice(who, 'contractions', o.contractions, ['keep', 'split']);
  for (const flag of ['lowercase', 'splitHyphens'] as const) {
    if (typeof o[flag] !== 'boolean') {
      throw new ConfigError(`${who}: expected ${flag} to be true or false, got ${o[flag]}.`);
    }
  }
  const config: WordTokenizerConfig = Object.freeze({
    kind: 'word',
    normalize,
    lowercase: o.lowercase,
    contractions,
    splitHyphens: o.splitHyphens,
  });
  const pattern = wordPattern(config.splitHyphens);
  return {
    config,
    tokenize(text) {
      const tokens: string[] = [];
      for (const [token] of normalizeText(text, normalize, config.lowercase).matchAll(pattern)) {
        if (contractions === 'split') splitContraction(token, tokens);
        else tokens.push(token);
      }
      return tokens;
    },
    detokenize(tokens) {
      let text = '';
      let glue = true;
      for (const token of tokens) {
        if (!glue && !NO_SPACE_BEFORE.test(token)) text += ' ';
        text += token;
        glue = NO_SPACE_AFTER.test(token);
      }
      return text;
    },
  };
}
