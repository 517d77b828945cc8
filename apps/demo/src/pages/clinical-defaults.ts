/**
 * The clinical page's settings: which task and model, the data a training run here uses
 * (generated stays, fewer than the CLI's 4,000 so a run takes seconds), the preset and the
 * fields it shows, with the page's own upper bounds (a tab should stay responsive).
 */
import type { OptionField } from '../components/option-fields.js';

export const clinicalPageDefaults = Object.freeze({
  task: 'clinical', // the name in the worker's task registry
  pretrained: 'models/clinical/', // relative to the page: public/models/clinical in the repo
  preset: 'default', // GRU 64 over the hourly grid: what the pretrained model is
  stays: 800, // generated stays to train on here (the CLI's default run: 4,000)
  folds: 2, // the fewest the protocol allows: fold 1 is the page's model, fold 2 its check
  steps: 150, // per fold: about 300 updates in all, well under a minute on wasm
  evalEvery: 50, // validation AUROC (and a saved checkpoint) every 50 steps of fold 1
});

const pageCap =
  'a bigger value would freeze this tab for minutes; use `pnpm recurrent train clinical`';

/** The hyper-parameters a reader may change here; the rest come from the preset. */
export const clinicalTrainFields: readonly (string | OptionField)[] = Object.freeze([
  'cell',
  { key: 'units', max: 128, maxWhy: pageCap },
  'learningRate',
  { key: 'steps', max: 5_000, maxWhy: 'steps per fold; Stop ends a long run' },
]);

/** ICU types of the PhysioNet 2012 descriptor `ICUType`. */
export const icuTypes: Readonly<Record<number, string>> = Object.freeze({
  1: 'coronary care',
  2: 'cardiac surgery recovery',
  3: 'medical ICU',
  4: 'surgical ICU',
});
