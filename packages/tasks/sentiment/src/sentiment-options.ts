/**
 * The task's own options, as declarative specs: the data flags of `recurrent train
 * sentiment` (and `eval`), its training flags and the predict verb's flags. The CLI and the
 * demo generate their flags and controls from these.
 */
import type { OptionSpecs } from '@recurrent/task';
import { sentenceFormats } from './load-sentences.js';

const formatHelp = `${sentenceFormats.join('|')} (default: guessed from the file name)`;

/** The options that name data, shared by `train` and `eval`. */
const dataSource: OptionSpecs = {
  data: {
    type: 'path',
    help: 'labelled sentences to train on: a file, an IMDB folder or aclImdb_v1.tar.gz (default: the UCI sentences, embedded)',
  },
  format: {
    type: 'string',
    choices: sentenceFormats,
    help: `format of --data and --test: ${formatHelp}`,
  },
  dataText: {
    type: 'string',
    help: 'the data itself in --format, instead of a file (the page passes file contents here)',
  },
  textColumn: {
    type: 'string',
    default: 'text',
    help: 'csv/tsv/jsonl: the column holding the sentence',
  },
  labelColumn: {
    type: 'string',
    default: 'label',
    help: 'csv/tsv/jsonl: the column holding the label',
  },
  labels: {
    type: 'string',
    help: 'csv/tsv/jsonl: the label set in class order, comma-separated (default: the values found)',
  },
  split: {
    type: 'string',
    choices: ['train', 'test'],
    default: 'train',
    help: 'imdb: the split to read from aclImdb/ or the archive',
  },
};

export const sentimentDataOptions: OptionSpecs = Object.freeze({
  ...dataSource,
  test: {
    type: 'path',
    help: 'labelled sentences for the final test number, same format (default: a held-out share of --data; imdb: its test split)',
  },
  probe: {
    type: 'boolean',
    default: true,
    help: 'train on the generated order probe too and report its held-out compositions (two-class data only)',
  },
  tooLong: {
    type: 'string',
    choices: ['truncate', 'error'],
    default: 'truncate',
    help: 'a sentence longer than --max-length: cut it and count it, or stop with its file and line',
  },
  embeddings: {
    type: 'path',
    help: 'pretrained word vectors (GloVe/word2vec text), read for the vocabulary only; set --embedding-dim to their width',
  },
  freezeEmbeddings: {
    type: 'boolean',
    default: false,
    help: 'keep the --embeddings vectors fixed instead of fine-tuning them',
  },
});

export const sentimentTrainOptions: OptionSpecs = Object.freeze({
  baseline: {
    type: 'boolean',
    default: true,
    help: 'also train the bag-of-words baseline on the same split and print it beside the RNN',
  },
  baselineSteps: {
    type: 'integer',
    default: 0,
    min: 0,
    max: 100_000_000,
    help: 'updates for the baseline (0: as many as the RNN)',
  },
});

export const sentimentEvalOptions: OptionSpecs = Object.freeze({
  ...dataSource,
  data: {
    type: 'path',
    help: 'labelled sentences to score (default: the held-out test split the run was trained with)',
  },
});

export const sentimentPredictOptions: OptionSpecs = Object.freeze({
  trajectory: {
    type: 'boolean',
    default: true,
    help: 'print the probability after every word (the trajectory)',
  },
});
