/**
 * A vocabulary: token <-> id. The first ids (`specialCount` of them, 0-3) are the special
 * tokens `<pad>` (0: padding, masked out), `<unk>` (anything not in the vocabulary), `<bos>`
 * and `<eos>` (sequence boundaries); corpus tokens follow, most frequent first. Unknown tokens become `<unk>` and
 * are counted (`vocab.unknown`), never dropped. `toJSON`/`fromJSON` carry a format version.
 */
import { ConfigError, DataFormatError, describeValue } from '@recurrent/errors';
import { checkChoice, checkInteger } from './check-options.js';

export const specialTokens = Object.freeze(['<pad>', '<unk>', '<bos>', '<eos>'] as const);
export const VOCABULARY_FORMAT = 'recurrent.vocabulary';
export const VOCABULARY_VERSION = 1;

export interface VocabularyOptions {
  /** Keep tokens seen at least this many times; rarer ones encode as `<unk>`. */
  readonly minFrequency?: number;
  /** Largest vocabulary, the special tokens (`specialTokens`) included. */
  readonly maxSize?: number;
  /** Id order of corpus tokens: by count (ties by code point) or by code point. */
  readonly order?: 'frequency' | 'codepoint';
}

export const vocabularyDefaults = Object.freeze({
  minFrequency: 1, // keep every token seen: nothing becomes <unk> unless asked
  maxSize: Number.POSITIVE_INFINITY, // no cap: char vocabularies are small anyway
  order: 'frequency' as 'frequency' | 'codepoint', // frequent tokens get small ids; stable across runs
});

export interface VocabularyJSON {
  readonly format: typeof VOCABULARY_FORMAT;
  readonly version: typeof VOCABULARY_VERSION;
  /** Every token by id; the first ones are `specialTokens`, in that order. */
  readonly tokens: readonly string[];
}

/** Unknown tokens seen while encoding: how many, and which (token -> count). */
export interface UnknownTally {
  count: number;
  readonly tokens: Map<string, number>;
}

export interface EncodeOptions {
  /** Prepend `<bos>`. */
  readonly bos?: boolean;
  /** Append `<eos>`. */
  readonly eos?: boolean;
  /** Also count unknown tokens here (besides the vocabulary's running `unknown`). */
  readonly tally?: UnknownTally;
}

export function createUnknownTally(): UnknownTally {
  return { count: 0, tokens: new Map() };
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class Vocabulary {
  // The ids of `specialTokens`, in that order (a test checks they match).
  readonly padId = 0;
  readonly unkId = 1;
  readonly bosId = 2;
  readonly eosId = 3;
  /** Unknown tokens met by `encode` since creation or `resetUnknown()`. */
  readonly unknown: UnknownTally = createUnknownTally();
  readonly #tokens: readonly string[];
  readonly #corpusTokens: readonly string[];
  readonly #ids: Map<string, number>;

  private constructor(tokens: readonly string[]) {
    this.#tokens = Object.freeze([...tokens]);
    this.#corpusTokens = Object.freeze(tokens.slice(specialTokens.length));
    this.#ids = new Map(tokens.map((t, i) => [t, i]));
  }

  /**
   * Builds a vocabulary from token sequences (a string is a sequence of characters).
   *
   * @example
   * const vocab = Vocabulary.build([tok.tokenize('a rose is a rose')]);
   * vocab.encode(tok.tokenize('a tulip')); // [4, 1] (<unk> = 1, counted in vocab.unknown)
   */
  static build(sequences: Iterable<Iterable<string>>, options: VocabularyOptions = {}): Vocabulary {
    const counts = new Map<string, number>();
    for (const sequence of sequences) {
      for (const token of sequence) counts.set(token, (counts.get(token) ?? 0) + 1);
    }
    return Vocabulary.fromCounts(counts, options, 'Vocabulary.build');
  }

  /** Builds a vocabulary from token counts (what a streaming pass over a corpus collects). */
  static fromCounts(
    counts: ReadonlyMap<string, number>,
    options: VocabularyOptions = {},
    who = 'Vocabulary.fromCounts',
  ): Vocabulary {
    const o = { ...vocabularyDefaults, ...options };
    const minFrequency = checkInteger(who, 'minFrequency', o.minFrequency, 1);
    const maxSize =
      o.maxSize === Number.POSITIVE_INFINITY
        ? o.maxSize
        : checkInteger(who, 'maxSize', o.maxSize, specialTokens.length + 1);
    const order = checkChoice(who, 'order', o.order, ['frequency', 'codepoint']);
    const specials = new Set<string>(specialTokens);
    const seen = [...counts].filter(([token]) => !specials.has(token));
    if (seen.length === 0) {
      throw new DataFormatError(
        `${who}: the corpus is empty (no tokens besides special ones); expected at least one ` +
          'token. Check that the text source is not empty (file path, URL, or string).',
      );
    }
    const kept = seen
      .filter(([, count]) => count >= minFrequency)
      .sort(([a, ca], [b, cb]) => cb - ca || byCodePoint(a, b))
      .slice(0, maxSize - specialTokens.length)
      .map(([token]) => token);
    if (kept.length === 0) {
      const most = Math.max(...seen.map(([, c]) => c));
      throw new ConfigError(
        `${who}: minFrequency ${minFrequency} removed every token (the most frequent one ` +
          `appears ${most} times). Lower minFrequency to at most ${most}.`,
      );
    }
    if (order === 'codepoint') kept.sort(byCodePoint);
    return new Vocabulary([...specialTokens, ...kept]);
  }

  /** A vocabulary of exactly these tokens (ids `specialCount`, ... in this order), after the specials. */
  static fromTokens(tokens: Iterable<string>): Vocabulary {
    const list = [...tokens].filter((t) => !(specialTokens as readonly string[]).includes(t));
    const duplicate = list.find((t, i) => list.indexOf(t) !== i);
    if (duplicate !== undefined) {
      throw new ConfigError(
        `Vocabulary.fromTokens: the token ${JSON.stringify(duplicate)} appears twice; expected ` +
          'distinct tokens. Remove duplicates (e.g. new Set(tokens)).',
      );
    }
    if (list.length === 0) {
      throw new DataFormatError(
        'Vocabulary.fromTokens: got no tokens besides special ones; expected at least one.',
      );
    }
    return new Vocabulary([...specialTokens, ...list]);
  }

  /** Reads what `toJSON()` wrote, checking the format name and version. */
  static fromJSON(json: unknown): Vocabulary {
    const who = 'Vocabulary.fromJSON';
    const data = (
      typeof json === 'string' ? safeParse(json, who) : json
    ) as Partial<VocabularyJSON>;
    if (data === null || typeof data !== 'object' || data.format !== VOCABULARY_FORMAT) {
      throw new DataFormatError(
        `${who}: expected an object with format "${VOCABULARY_FORMAT}", got ` +
          `${describeValue(data?.format ?? data)}. Pass what vocab.toJSON() produced.`,
      );
    }
    if (data.version !== VOCABULARY_VERSION) {
      throw new DataFormatError(
        `${who}: expected format version ${VOCABULARY_VERSION}, got ${describeValue(data.version)}. ` +
          'This vocabulary was written by another version of @recurrent/data: use that version, ' +
          'or rebuild the vocabulary from the corpus with Vocabulary.build().',
      );
    }
    const tokens = data.tokens;
    if (!Array.isArray(tokens) || !tokens.every((t) => typeof t === 'string')) {
      throw new DataFormatError(
        `${who}: expected tokens to be an array of strings, got ${describeValue(tokens)}.`,
      );
    }
    const heads = tokens.slice(0, specialTokens.length);
    if (heads.join('\u0000') !== specialTokens.join('\u0000') || tokens.length <= heads.length) {
      throw new DataFormatError(
        `${who}: expected tokens to start with ${specialTokens.join(', ')} and hold at least one ` +
          `more, got ${JSON.stringify(tokens.slice(0, 5))}. The file is corrupt or not a vocabulary.`,
      );
    }
    if (new Set(tokens).size !== tokens.length) {
      throw new DataFormatError(`${who}: tokens contain duplicates; the file is corrupt.`);
    }
    return new Vocabulary(tokens);
  }

  toJSON(): VocabularyJSON {
    return { format: VOCABULARY_FORMAT, version: VOCABULARY_VERSION, tokens: [...this.#tokens] };
  }

  /** Number of ids, the special tokens included. */
  get size(): number {
    return this.#tokens.length;
  }

  /** All tokens by id (the first `specialCount` are special). */
  get tokens(): readonly string[] {
    return this.#tokens;
  }

  /**
   * How many special tokens lead the ids: ids below it are `<pad>`, `<unk>`, `<bos>`,
   * `<eos>` (never text), and it is the id of the first corpus token.
   *
   * @example
   * logitBias.fill(-1e9, 0, vocab.specialCount); // never sample a special token
   */
  get specialCount(): number {
    return specialTokens.length;
  }

  /** The corpus tokens by id, after the special ones (`tokens.slice(specialCount)`). */
  get corpusTokens(): readonly string[] {
    return this.#corpusTokens;
  }

  has(token: string): boolean {
    return this.#ids.has(token);
  }

  /** The id of `token`, or `unkId` (not counted: use `encode` to count unknowns). */
  idOf(token: string): number {
    return this.#ids.get(token) ?? this.unkId;
  }

  /** The token of `id`; throws a `DataFormatError` for ids outside the vocabulary. */
  tokenOf(id: number): string {
    const token = Number.isInteger(id) ? this.#tokens[id] : undefined;
    if (token === undefined) {
      throw new DataFormatError(
        `Vocabulary.tokenOf: expected an integer id in [0, ${this.size}), got ${describeValue(id)}. ` +
          'The ids come from another vocabulary or a model with a different output size.',
      );
    }
    return token;
  }

  /** Token ids; unknown tokens become `unkId` and are counted in `unknown` (and `tally`). */
  encode(tokens: Iterable<string>, options: EncodeOptions = {}): number[] {
    const ids: number[] = options.bos ? [this.bosId] : [];
    for (const token of tokens) {
      const id = this.#ids.get(token);
      if (id === undefined) {
        ids.push(this.unkId);
        countUnknown(this.unknown, token);
        if (options.tally) countUnknown(options.tally, token);
      } else {
        ids.push(id);
      }
    }
    if (options.eos) ids.push(this.eosId);
    return ids;
  }

  /** Tokens of `ids`; `skipSpecials` leaves out `<pad>`, `<bos>` and `<eos>` (not `<unk>`). */
  decode(ids: ArrayLike<number>, options: { readonly skipSpecials?: boolean } = {}): string[] {
    const tokens: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const token = Number.isInteger(id) ? this.#tokens[id] : undefined;
      if (token === undefined) {
        throw new DataFormatError(
          `Vocabulary.decode: ids has ${describeValue(id)} at position ${i}; expected an integer ` +
            `id in [0, ${this.size}). The ids come from another vocabulary or a model with a ` +
            'different output size.',
        );
      }
      if (options.skipSpecials && (id === this.padId || id === this.bosId || id === this.eosId)) {
        continue;
      }
      tokens.push(token);
    }
    return tokens;
  }

  resetUnknown(): void {
    this.unknown.count = 0;
    this.unknown.tokens.clear();
  }
}

function countUnknown(tally: UnknownTally, token: string): void {
  tally.count++;
  tally.tokens.set(token, (tally.tokens.get(token) ?? 0) + 1);
}

function safeParse(text: string, who: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new DataFormatError(
      `${who}: expected JSON text, got ${describeValue(text)} which does not parse. ` +
        'Pass the object from vocab.toJSON() or the text of a file written from it.',
      { cause },
    );
  }
}
