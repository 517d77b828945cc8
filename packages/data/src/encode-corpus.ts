/**
 * One pass over a text source to a token-id stream (`Int32Array`) and its vocabulary: the
 * char-LM data path. The text is never held whole: pieces are tokenized and their ids
 * appended as they arrive (4 bytes per token). With no vocabulary given, one is built from
 * the same pass (provisional ids are remapped in place at the end).
 */
import { ConfigError, describeValue } from '@recurrent/errors';
import { Int32Builder } from './int32-builder.js';
import { stringSource, type TextSource } from './text-source.js';
import { tokenizeSource } from './tokenize-source.js';
import type { Tokenizer } from './tokenizer.js';
import {
  createUnknownTally,
  type UnknownTally,
  Vocabulary,
  type VocabularyOptions,
} from './vocabulary.js';

export interface EncodeCorpusOptions {
  readonly tokenizer: Tokenizer;
  /** Encode with this vocabulary; default: build one from the corpus. */
  readonly vocabulary?: Vocabulary;
  /** Options of the vocabulary built when none is given. */
  readonly vocabularyOptions?: VocabularyOptions;
}

export interface EncodedCorpus {
  /** Token ids of the whole corpus, in order. */
  readonly ids: Int32Array;
  readonly vocabulary: Vocabulary;
  /** Tokens that became `<unk>`: how many and which. */
  readonly unknown: UnknownTally;
  /** The source's name. */
  readonly source: string;
}

/**
 * @example
 * const { ids, vocabulary } = await encodeCorpus(mobyDick, { tokenizer: charTokenizer() });
 */
export async function encodeCorpus(
  source: TextSource | string,
  options: EncodeCorpusOptions,
): Promise<EncodedCorpus> {
  const who = 'encodeCorpus';
  const tokenizer = options?.tokenizer;
  if (!tokenizer || typeof tokenizer.tokenize !== 'function') {
    throw new ConfigError(
      `${who}: expected options.tokenizer (charTokenizer() or wordTokenizer()), got ${describeValue(tokenizer)}.`,
    );
  }
  const input = typeof source === 'string' ? stringSource(source) : source;
  const out = new Int32Builder();
  const unknown = createUnknownTally();

  if (options.vocabulary) {
    const vocabulary = options.vocabulary;
    for await (const tokens of tokenizeSource(input, tokenizer)) {
      for (const id of vocabulary.encode(tokens, { tally: unknown })) out.push(id);
    }
    return { ids: out.toInt32Array(), vocabulary, unknown, source: input.name };
  }

  const provisional = new Map<string, number>();
  const counts: number[] = [];
  for await (const tokens of tokenizeSource(input, tokenizer)) {
    for (const token of tokens) {
      let id = provisional.get(token);
      if (id === undefined) {
        id = provisional.size;
        provisional.set(token, id);
        counts.push(0);
      }
      counts[id]!++;
      out.push(id);
    }
  }
  const vocabulary = Vocabulary.fromCounts(
    new Map([...provisional].map(([token, id]) => [token, counts[id]!])),
    options.vocabularyOptions,
    `${who}(${input.name})`,
  );
  const remap = new Int32Array(provisional.size);
  for (const [token, id] of provisional) {
    remap[id] = vocabulary.idOf(token);
    if (!vocabulary.has(token)) {
      unknown.count += counts[id]!;
      unknown.tokens.set(token, counts[id]!);
    }
  }
  const ids = out.toInt32Array();
  for (let i = 0; i < ids.length; i++) ids[i] = remap[ids[i]!]!;
  return { ids, vocabulary, unknown, source: input.name };
}
