/**
 * Pretrained word vectors in the GloVe / word2vec text format (`word v1 v2 ... vD` per
 * line; word2vec's optional first line `count dims` is skipped), streamed line by line and
 * restricted to the vocabulary as they arrive: a 1 GB file needs memory only for the
 * vocabulary's rows. Words the file lacks keep a small seeded random vector (`<pad>` stays
 * zero); the report says how much of the vocabulary was covered.
 */
import type { TextSource, Vocabulary } from '@recurrent/data';
import { DataFormatError } from '@recurrent/errors';
import { createRandom } from '@recurrent/random';
import { readLines } from './read-lines.js';

export interface LoadedEmbeddings {
  /** `[vocab.size * dim]` row-major, ready for `createSentimentModel({ pretrained })`. */
  readonly vectors: Float32Array;
  readonly dim: number;
  readonly source: string;
  /** Vocabulary words (specials excluded) found in the file. */
  readonly found: number;
  /** Vocabulary words (specials excluded). */
  readonly words: number;
  readonly linesRead: number;
}

export const loadEmbeddingsDefaults = Object.freeze({
  missingScale: 0.05, // missing words start like a fresh embedding row (Keras' uniform limit)
  seed: 11, // the same vectors for the same missing words on every run
});

/**
 * @example
 * const glove = await loadEmbeddings(files.textSource('glove.6B.100d.txt'), data.vocabulary);
 * glove.found / glove.words; // coverage
 */
export async function loadEmbeddings(
  source: TextSource,
  vocabulary: Vocabulary,
  options: { readonly dim?: number } = {},
): Promise<LoadedEmbeddings> {
  let dim = options.dim;
  let vectors: Float32Array | undefined;
  const seen = new Uint8Array(vocabulary.size);
  let found = 0;
  let linesRead = 0;
  for await (const { text, line } of readLines(source)) {
    linesRead++;
    if (text.trim() === '') continue;
    const parts = text.trimEnd().split(' ');
    if (line === 1 && parts.length === 2 && parts.every((p) => /^\d+$/.test(p))) continue; // word2vec header
    const width = parts.length - 1;
    if (dim === undefined) dim = width;
    if (width !== dim || width < 1) {
      throw new DataFormatError(
        `${source.name}:${line}: expected a word and ${dim} numbers (the width of the first vector line), got ${width} numbers. The file is truncated or mixes widths.`,
      );
    }
    const word = parts[0]!;
    if (!vocabulary.has(word)) continue;
    const id = vocabulary.idOf(word);
    if (id < 4 || seen[id]) continue; // specials keep their own rows; the first vector of a word wins
    vectors ??= new Float32Array(vocabulary.size * dim);
    for (let k = 0; k < dim; k++) {
      const v = Number(parts[k + 1]);
      if (!Number.isFinite(v)) {
        throw new DataFormatError(
          `${source.name}:${line}: value ${k + 1} of "${word}" is ${JSON.stringify(parts[k + 1])}; expected a number.`,
        );
      }
      vectors[id * dim + k] = v;
    }
    seen[id] = 1;
    found++;
  }
  if (dim === undefined) {
    throw new DataFormatError(
      `${source.name}: the file is empty; expected lines of "word v1 v2 ... vD".`,
    );
  }
  vectors ??= new Float32Array(vocabulary.size * dim);
  const rng = createRandom(loadEmbeddingsDefaults.seed);
  const scale = loadEmbeddingsDefaults.missingScale;
  for (let id = 1; id < vocabulary.size; id++) {
    if (seen[id]) continue;
    for (let k = 0; k < dim; k++) vectors[id * dim + k] = (rng.next() * 2 - 1) * scale;
  }
  return { vectors, dim, source: source.name, found, words: vocabulary.size - 4, linesRead };
}
