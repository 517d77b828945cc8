/**
 * The sentiment page's settings: which task and model, the lecture's two sentences, the
 * preset and the training fields it shows (with the page's own upper bounds: a tab should
 * stay responsive), and how often a training run is validated.
 */
import type { OptionField } from '../components/option-fields.js';

export const sentimentPageDefaults = Object.freeze({
  task: 'sentiment', // the name in the worker's task registry
  pretrained: 'models/sentiment/', // relative to the page: public/models/sentiment in the repo
  preset: 'default', // word input, biLSTM 64, max pooling: what the pretrained model is
  steps: 300, // about a tenth of the CLI's default run: a first curve in well under a minute on wasm
  evalEvery: 50, // validation accuracy (and a saved checkpoint) every 50 steps
  debounceMs: 150, // a prediction after the reader pauses typing, not one per key
});

/**
 * The lecture's sentences, with the label the lecture gives them. The same as
 * `lectureSentences` of @recurrent/sentiment (the e2e test checks it), written out here so
 * the page's main-thread chunk does not load the task package and tfjs.
 */
export const lectureSentences = Object.freeze([
  Object.freeze({
    text: "I'd rather would have lunch instead of going to the boring workshop",
    label: 'negative',
  }),
  Object.freeze({ text: 'The talk was not so bad after all.', label: 'positive' }),
]);

const pageCap =
  'a bigger value would freeze this tab for minutes; use `pnpm recurrent train sentiment`';

/** The hyper-parameters a reader may change here; the rest come from the preset. */
export const sentimentTrainFields: readonly (string | OptionField)[] = Object.freeze([
  'cell',
  { key: 'units', max: 256, maxWhy: pageCap },
  'bidirectional',
  'learningRate',
  { key: 'steps', max: 20_000, maxWhy: 'Stop ends a long run; Train continues it' },
]);
