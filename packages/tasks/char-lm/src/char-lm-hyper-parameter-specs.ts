/**
 * Every char-LM hyper-parameter as a declarative spec: type, bounds and one line of help.
 * The CLI's `recurrent train char-lm` flags and the demo's controls are generated from it,
 * and `resolveHyperParameters` checks every value against it. Bounds are generous (they
 * catch typos such as `--steps 1e20`, not ambitions); defaults live in `charLmDefaults`.
 */
import type { OptionSpec } from '@recurrent/task';
import { type CharLmHyperParameters, charLmDefaults } from './char-lm-defaults.js';

const spec = (key: keyof CharLmHyperParameters, rest: Omit<OptionSpec, 'default'>): OptionSpec =>
  Object.freeze({ ...rest, default: charLmDefaults[key] });

export const charLmHyperParameterSpecs: Readonly<Record<keyof CharLmHyperParameters, OptionSpec>> =
  Object.freeze({
    cell: spec('cell', { type: 'string', choices: ['lstm', 'gru', 'rnn'], help: 'recurrent cell' }),
    layers: spec('layers', { type: 'integer', min: 1, max: 16, help: 'stacked recurrent layers' }),
    units: spec('units', { type: 'integer', min: 1, max: 8192, help: 'units per layer' }),
    embeddingDim: spec('embeddingDim', {
      type: 'integer',
      min: 1,
      max: 4096,
      help: 'character embedding width',
    }),
    dropout: spec('dropout', {
      type: 'number',
      min: 0,
      max: 1,
      exclusiveMax: true,
      help: 'dropout between layers and before the head',
    }),
    timeSteps: spec('timeSteps', {
      type: 'integer',
      min: 1,
      max: 100_000,
      help: 'characters per window (truncated BPTT length)',
    }),
    batchSize: spec('batchSize', {
      type: 'integer',
      min: 1,
      max: 65_536,
      help: 'parallel lanes through the text',
    }),
    learningRate: spec('learningRate', {
      type: 'number',
      min: 0,
      exclusiveMin: true,
      max: 10,
      help: 'peak Adam learning rate (warmup, then cosine decay)',
    }),
    steps: spec('steps', { type: 'integer', min: 1, max: 100_000_000, help: 'optimizer updates' }),
    warmupSteps: spec('warmupSteps', {
      type: 'integer',
      min: 0,
      max: 100_000_000,
      help: 'learning-rate warmup steps',
    }),
    clipNorm: spec('clipNorm', {
      type: 'number',
      min: 0,
      exclusiveMin: true,
      max: 1e6,
      help: 'clip gradients to this global norm',
    }),
    validationFraction: spec('validationFraction', {
      type: 'number',
      min: 0,
      exclusiveMin: true,
      max: 0.5,
      exclusiveMax: true,
      help: 'held-out tail of the text, never trained on',
    }),
    stateResetProbability: spec('stateResetProbability', {
      type: 'number',
      min: 0,
      max: 1,
      help: 'chance a lane restarts a window from the zero state (generation starts there)',
    }),
    seed: spec('seed', {
      type: 'integer',
      min: 0,
      max: 2 ** 32 - 1,
      help: 'seed for weights, data order and dropout',
    }),
  });
