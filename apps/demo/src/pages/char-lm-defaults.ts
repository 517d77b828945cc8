/**
 * The char-LM page's settings: which task and model, the preset and the training fields it
 * shows (with the page's own upper bounds, tighter than the specs': a tab should stay
 * responsive), and the default training text (chapters of Moby Dick).
 */
import type { OptionField } from '../components/option-fields.js';
import type { ModelFacts } from '../worker/protocol.js';

export const charLmPageDefaults = Object.freeze({
  task: 'char-lm', // the name in the worker's task registry
  pretrained: 'models/char-lm/', // relative to the page: public/models/char-lm in the repo
  preset: 'tiny', // units 64, window 32, batch 16, learning rate 0.01: seconds per hundred steps
  steps: 300, // about 15 s on wasm; Stop ends earlier
  evalEvery: 50, // a validation loss, a sample and a saved checkpoint every 50 steps
  sampleLength: 200, // characters of the sample shown at every validation
  // Moby Dick's documents 3-5 are chapters 1-3 (0-2: contents, etymology, extracts): 52,000
  // characters, enough that 300 steps of the tiny model still generalise (the 1,107-character
  // opening paragraph overfits within 100 steps: validation rises past ln(vocabulary)).
  chapters: { from: 3, to: 6 },
  traceLength: 160, // characters shown in the hidden-state view
});

const pageCap = 'a bigger value would freeze this tab for minutes; use `pnpm train` for big models';

/** The hyper-parameters a reader may change here; the rest come from the preset. */
export const charLmTrainFields: readonly (string | OptionField)[] = Object.freeze([
  { key: 'units', max: 512, maxWhy: pageCap },
  { key: 'timeSteps', label: 'window (chars)', max: 512, maxWhy: pageCap },
  { key: 'batchSize', label: 'batch (lanes)', max: 256, maxWhy: pageCap },
  'learningRate',
  { key: 'steps', max: 100_000, maxWhy: 'Stop ends a long run; Train continues it' },
]);

/** The characters a char-LM knows (its facts list them, without the special tokens). */
export const charactersOf = (facts: ModelFacts | null) =>
  new Set((facts?.details.characters as string[] | undefined) ?? []);
