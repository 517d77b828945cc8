/**
 * Every char-LM hyper-parameter as a declarative spec: type, bounds and one line of help.
 * The CLI's `recurrent train char-lm` flags and the demo's controls are generated from it,
 * and `resolveHyperParameters` checks every value against it. Bounds are generous (they
 * catch typos such as `--steps 1e20`, not ambitions); defaults live in `charLmDefaults`.
 */
import {
  initializationSpecs,
  type OptionSpec,
  optimizationSpecs,
  specsWithDefaults,
} from '@recurrent/task';
import { type CharLmHyperParameters, charLmDefaults } from './char-lm-defaults.js';

export const charLmHyperParameterSpecs: Readonly<Record<keyof CharLmHyperParameters, OptionSpec>> =
  specsWithDefaults(charLmDefaults, {
    cell: { type: 'string', choices: ['lstm', 'gru', 'rnn'], help: 'recurrent cell' },
    layers: { type: 'integer', min: 1, max: 16, help: 'stacked recurrent layers' },
    units: { type: 'integer', min: 1, max: 8192, help: 'units per layer' },
    embeddingDim: { type: 'integer', min: 1, max: 4096, help: 'character embedding width' },
    dropout: {
      type: 'number',
      min: 0,
      max: 1,
      exclusiveMax: true,
      help: 'dropout between layers and before the head',
    },
    timeSteps: {
      type: 'integer',
      min: 1,
      max: 100_000,
      help: 'characters per window (truncated BPTT length)',
    },
    batchSize: { type: 'integer', min: 1, max: 65_536, help: 'parallel lanes through the text' },
    learningRate: optimizationSpecs.learningRate,
    steps: optimizationSpecs.steps,
    warmupSteps: optimizationSpecs.warmupSteps,
    clipNorm: optimizationSpecs.clipNorm,
    validationFraction: {
      type: 'number',
      min: 0,
      exclusiveMin: true,
      max: 0.5,
      exclusiveMax: true,
      help: 'held-out tail of the text, never trained on',
    },
    stateResetProbability: {
      type: 'number',
      min: 0,
      max: 1,
      help: 'chance a lane restarts a window from the zero state (generation starts there)',
    },
    seed: optimizationSpecs.seed,
    embeddingInit: initializationSpecs.embeddingInit,
    kernelInit: initializationSpecs.kernelInit,
    forgetBias: initializationSpecs.forgetBias,
    secondBias: {
      ...initializationSpecs.secondBias,
      help: `${initializationSpecs.secondBias.help}; LSTM only, so off for gru and rnn`,
    },
    adamEpsilon: initializationSpecs.adamEpsilon,
  });
