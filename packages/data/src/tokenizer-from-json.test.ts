import { describe, expect, it } from 'vitest';
import { charTokenizer } from './char-tokenizer.js';
import { tokenizerFromJSON } from './tokenizer-from-json.js';
import { wordTokenizer } from './word-tokenizer.js';

describe('tokenizerFromJSON', () => {
  it('rebuilds both tokenizers from their stored config', () => {
    for (const tok of [
      charTokenizer({ lowercase: true }),
      wordTokenizer({ contractions: 'split', splitHyphens: true }),
    ]) {
      const again = tokenizerFromJSON(JSON.parse(JSON.stringify(tok.config)));
      expect(again.config).toEqual(tok.config);
      expect(again.tokenize("Sea-boots don't")).toEqual(tok.tokenize("Sea-boots don't"));
    }
  });

  it('rejects an unknown kind', () => {
    expect(() => tokenizerFromJSON({ kind: 'bpe' })).toThrow(
      /tokenizerFromJSON: expected a config with kind 'char' or 'word', got the string "bpe"/,
    );
  });
});
