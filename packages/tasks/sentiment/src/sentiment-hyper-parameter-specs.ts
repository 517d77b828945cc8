/**
 * Every sentiment hyper-parameter as a declarative spec: type, bounds and one line of help.
 * `recurrent train sentiment` flags and the demo's controls are generated from it, and
 * `resolveSentimentHyperParameters` checks every value against it. Defaults live in
 * `sentimentDefaults`.
 */
import { initializationSpecs, type OptionSpec, optimizationSpecs } from '@recurrent/task';
import { type SentimentHyperParameters, sentimentDefaults } from './sentiment-defaults.js';

const spec = (key: keyof SentimentHyperParameters, rest: Omit<OptionSpec, 'default'>): OptionSpec =>
  Object.freeze({ ...rest, default: sentimentDefaults[key] });

const fraction = (help: string): Omit<OptionSpec, 'default'> => ({
  type: 'number',
  min: 0,
  exclusiveMin: true,
  max: 0.5,
  exclusiveMax: true,
  help,
});

export const sentimentHyperParameterSpecs: Readonly<
  Record<keyof SentimentHyperParameters, OptionSpec>
> = Object.freeze({
  input: spec('input', {
    type: 'string',
    choices: ['word', 'char'],
    help: 'tokens the model reads',
  }),
  cell: spec('cell', { type: 'string', choices: ['lstm', 'gru', 'rnn'], help: 'recurrent cell' }),
  layers: spec('layers', { type: 'integer', min: 1, max: 16, help: 'stacked recurrent layers' }),
  units: spec('units', {
    type: 'integer',
    min: 1,
    max: 8192,
    help: 'units per layer and direction',
  }),
  bidirectional: spec('bidirectional', {
    type: 'boolean',
    help: 'read forwards and backwards (per-word trajectories then need one pass per prefix)',
  }),
  pooling: spec('pooling', {
    type: 'string',
    choices: ['last', 'mean', 'max'],
    help: 'sentence vector from the real steps: last state, mean or max',
  }),
  embeddingDim: spec('embeddingDim', {
    type: 'integer',
    min: 1,
    max: 4096,
    help: 'token embedding width (the file width with --embeddings)',
  }),
  dropout: spec('dropout', {
    type: 'number',
    min: 0,
    max: 1,
    exclusiveMax: true,
    help: 'dropout on embeddings, between layers and before the head',
  }),
  maxLength: spec('maxLength', {
    type: 'integer',
    min: 0,
    max: 100_000,
    help: 'longest sentence in tokens, longer ones are cut and counted (0: 64 words, 256 chars)',
  }),
  minFrequency: spec('minFrequency', {
    type: 'integer',
    min: 1,
    max: 1_000_000,
    help: 'words seen fewer times in training become <unk>',
  }),
  buckets: spec('buckets', {
    type: 'integer',
    min: 1,
    max: 64,
    help: 'length buckets (1: no bucketing, every batch padded to the longest sentence)',
  }),
  batchSize: spec('batchSize', {
    type: 'integer',
    min: 1,
    max: 65_536,
    help: 'sentences per update',
  }),
  learningRate: spec('learningRate', optimizationSpecs.learningRate),
  steps: spec('steps', optimizationSpecs.steps),
  warmupSteps: spec('warmupSteps', optimizationSpecs.warmupSteps),
  clipNorm: spec('clipNorm', optimizationSpecs.clipNorm),
  validationFraction: spec(
    'validationFraction',
    fraction('share held out for validation when no --test file is given'),
  ),
  testFraction: spec('testFraction', fraction('share held out for the final test number')),
  seed: spec('seed', {
    ...optimizationSpecs.seed,
    help: `${optimizationSpecs.seed.help} (the split is fixed)`,
  }),
  embeddingInit: spec('embeddingInit', initializationSpecs.embeddingInit),
  kernelInit: spec('kernelInit', initializationSpecs.kernelInit),
  forgetBias: spec('forgetBias', initializationSpecs.forgetBias),
  secondBias: spec('secondBias', initializationSpecs.secondBias),
  adamEpsilon: spec('adamEpsilon', initializationSpecs.adamEpsilon),
});
