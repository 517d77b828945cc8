/**
 * Every char-LM hyper-parameter as a declarative spec: type, bounds and one line of help.
 * The CLI's `recurrent train char-lm` flags and the demo's controls are generated from it,
 * and `resolveHyperParameters` checks every value against it. Bounds are generous (they
 * catch typos such as `--steps 1e20`, not ambitions); defaults live in `charLmDefaults`.
 */
import { type OptionSpec, optimizationSpecs, specsWithDefaults } from '@recurrent/task';
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
    embeddingInit: {
      type: 'string',
      choices: ['uniform', 'normal'],
      help: 'embedding init: uniform +-0.05 (Keras) or normal N(0, 1) (PyTorch)',
    },
    kernelInit: {
      type: 'string',
      choices: ['keras', 'pytorch'],
      help: 'kernel init: keras (Glorot + orthogonal) or pytorch (uniform +-1/sqrt(units))',
    },
    forgetBias: {
      type: 'integer',
      min: 0,
      max: 1,
      help: 'initial LSTM forget-gate bias: 1 (remember first) or 0 (PyTorch)',
    },
    secondBias: {
      type: 'boolean',
      help: "train PyTorch's second LSTM bias (bias_hh) beside the first",
    },
    adamEpsilon: {
      type: 'number',
      min: 0,
      exclusiveMin: true,
      max: 1,
      help: "Adam's epsilon: 1e-7 (tfjs, Keras) or 1e-8 (PyTorch)",
    },
  });
