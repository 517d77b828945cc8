/**
 * Loaded sentences -> training data: the fixed split, the tokenizer and the vocabulary of
 * the training part, the order probe (mixed into training, its held-out compositions kept
 * apart), the truncation report and the unknown-token rate. Prints nothing: `report` says
 * what happened.
 *
 * The split is fixed (seed 0, whatever the model's seed) so runs with different seeds are
 * scored on the same held-out sentences.
 */
import {
  sequenceBatcher,
  splitDataset,
  type Tokenizer,
  type TruncationReport,
  Vocabulary,
} from '@recurrent/data';
import { DataFormatError } from '@recurrent/errors';
import { type EncodedSentences, encodeSentences } from './encode-sentences.js';
import type { LabelledSentence, LoadedSentences } from './labelled-sentence.js';
import { buildOrderProbe, type ProbeSubset } from './order-probe.js';
import { effectiveMaxLength, type SentimentHyperParameters } from './sentiment-defaults.js';
import { sentimentTokenizer } from './sentiment-tokenizer.js';

export interface PrepareSentimentDataOptions {
  readonly hyperParameters: SentimentHyperParameters;
  /** Separate test sentences (`--test`); else a share of `data` is held out. */
  readonly test?: LoadedSentences;
  /** Mix the order probe into training and score its held-out compositions (binary data only). */
  readonly probe?: boolean;
  /** What to do with a sentence longer than maxLength: cut it (and count it) or stop. */
  readonly tooLong?: 'truncate' | 'error';
  /** Reuse a vocabulary (resume, evaluation of a trained run). */
  readonly vocabulary?: Vocabulary;
}

export const prepareSentimentDataDefaults = Object.freeze({
  probe: true, // order matters: train on it, report it
  tooLong: 'truncate' as 'truncate' | 'error', // keep the beginning, count what was cut
  splitSeed: 0, // the documented split: the same held-out sentences for every run
});

export interface SentimentDataReport {
  readonly source: string;
  readonly sentences: number;
  readonly train: number;
  readonly validation: number;
  readonly test: number;
  readonly probeTrain: number;
  readonly probeHeldOut: number;
  readonly vocabSize: number;
  readonly maxLength: number;
  readonly truncation: TruncationReport;
  /** The first sentence that was cut, as `origin` (file:line). */
  readonly firstTruncated?: string;
  /** Share of validation tokens that are <unk>. */
  readonly unknownRate: number;
  /** Share of the training batches' steps that are padding, with the buckets and without. */
  readonly padding: { readonly bucketed: number; readonly unbucketed: number };
  readonly notes: readonly string[];
}

export interface SentimentData {
  readonly labels: readonly string[];
  readonly hyperParameters: SentimentHyperParameters;
  readonly tokenizer: Tokenizer;
  readonly vocabulary: Vocabulary;
  readonly train: EncodedSentences;
  readonly validation: EncodedSentences;
  readonly test: EncodedSentences;
  /** The order probe's held-out compositions, with the subset of each. */
  readonly probe?: EncodedSentences & { readonly subsets: readonly ProbeSubset[] };
  readonly report: SentimentDataReport;
}

function truncation(
  sets: readonly EncodedSentences[],
  maxLength: number,
): { report: TruncationReport; first?: string } {
  let truncated = 0;
  let droppedTokens = 0;
  let maxDropped = 0;
  let longest = 0;
  let sequences = 0;
  let first: string | undefined;
  for (const set of sets) {
    set.sequences.forEach((seq, i) => {
      sequences++;
      longest = Math.max(longest, seq.length);
      const cut = seq.length - maxLength;
      if (cut <= 0) return;
      truncated++;
      droppedTokens += cut;
      maxDropped = Math.max(maxDropped, cut);
      first ??= set.origins[i] ?? `sentence ${i}`;
    });
  }
  return {
    report: { sequences, truncated, droppedTokens, maxDropped, longest },
    ...(first ? { first } : {}),
  };
}

/**
 * @example
 * const data = prepareSentimentData(await loadUciSentences(), { hyperParameters });
 * data.report.train; // 2,386
 */
export function prepareSentimentData(
  data: LoadedSentences,
  options: PrepareSentimentDataOptions,
): SentimentData {
  const o = { ...prepareSentimentDataDefaults, ...options };
  const hp = o.hyperParameters;
  if (data.sentences.length < 3) {
    throw new DataFormatError(
      `sentiment: ${data.source} holds ${data.sentences.length} labelled sentences; expected at least 3 (train, validation, test). Check the file and --format.`,
    );
  }
  if (o.test && o.test.labels.join('\u0000') !== data.labels.join('\u0000')) {
    throw new DataFormatError(
      `sentiment: the test data ${o.test.source} has labels ${o.test.labels.join(', ')} but the training data ${data.source} has ${data.labels.join(', ')}. Use files of the same format and label set.`,
    );
  }
  const split = splitDataset(data.sentences, {
    validationFraction: hp.validationFraction,
    testFraction: o.test ? 0 : hp.testFraction,
    seed: o.splitSeed,
  });
  const testSentences = o.test ? o.test.sentences : split.test;
  const useProbe = o.probe && data.labels.length === 2;
  const probe = useProbe ? buildOrderProbe() : undefined;
  const training: LabelledSentence[] = [...split.train, ...(probe?.train ?? [])];
  const tokenizer = sentimentTokenizer(hp.input);
  const vocabulary =
    o.vocabulary ??
    Vocabulary.build(
      training.map((s) => tokenizer.tokenize(s.text)),
      { minFrequency: hp.input === 'char' ? 1 : hp.minFrequency },
    );
  const train = encodeSentences(training, tokenizer, vocabulary);
  const validation = encodeSentences(split.validation, tokenizer, vocabulary);
  const test = encodeSentences(testSentences, tokenizer, vocabulary);
  const heldOut = probe ? encodeSentences(probe.heldOut, tokenizer, vocabulary) : undefined;
  const maxLength = effectiveMaxLength(hp);
  const cut = truncation([train, validation, test], maxLength);
  if (o.tooLong === 'error' && cut.first) {
    throw new DataFormatError(
      `sentiment: ${cut.first}: a sentence of more than ${maxLength} tokens (the longest has ${cut.report.longest}). Raise --max-length, or pass --too-long truncate to keep the first ${maxLength} tokens.`,
    );
  }
  const plan = sequenceBatcher(
    { sequences: train.sequences, labels: train.labels },
    { batchSize: hp.batchSize, maxLength, buckets: hp.buckets, seed: hp.seed },
  ).report; // plain arrays only: what training's batches will look like
  return {
    labels: data.labels,
    hyperParameters: hp,
    tokenizer,
    vocabulary,
    train,
    validation,
    test,
    ...(heldOut && probe
      ? { probe: { ...heldOut, subsets: probe.heldOut.map((s) => s.subset) } }
      : {}),
    report: {
      source: data.source,
      sentences: data.sentences.length,
      train: split.train.length,
      validation: split.validation.length,
      test: testSentences.length,
      probeTrain: probe?.train.length ?? 0,
      probeHeldOut: probe?.heldOut.length ?? 0,
      vocabSize: vocabulary.size,
      maxLength,
      truncation: cut.report,
      ...(cut.first ? { firstTruncated: cut.first } : {}),
      unknownRate: validation.tokens === 0 ? 0 : validation.unknownTokens / validation.tokens,
      padding: { bucketed: plan.paddingFraction, unbucketed: plan.paddingFractionWithoutBuckets },
      notes: [...data.notes, ...(o.test?.notes ?? [])],
    },
  };
}
