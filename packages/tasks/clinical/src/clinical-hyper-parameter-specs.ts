/**
 * Every clinical hyper-parameter as a declarative spec (type, bounds, help): the CLI's
 * `recurrent train clinical` flags and the demo's controls come from it, and
 * `resolveClinicalHyperParameters` checks every value against it.
 */
import { initializationSpecs, type OptionSpec } from '@recurrent/task';
import { type ClinicalHyperParameters, clinicalDefaults } from './clinical-defaults.js';

const spec = (key: keyof ClinicalHyperParameters, rest: Omit<OptionSpec, 'default'>): OptionSpec =>
  Object.freeze({ ...rest, default: clinicalDefaults[key] });

export const clinicalHyperParameterSpecs: Readonly<
  Record<keyof ClinicalHyperParameters, OptionSpec>
> = Object.freeze({
  cell: spec('cell', {
    type: 'string',
    choices: ['lstm', 'gru', 'gru-d'],
    help: 'recurrent cell (gru-d: learned decay of missing values)',
  }),
  units: spec('units', {
    type: 'integer',
    min: 1,
    max: 4096,
    help: 'units of the recurrent layer',
  }),
  stepHours: spec('stepHours', {
    type: 'number',
    min: 0.25,
    max: 24,
    help: 'hours per grid bin (1: hourly risk)',
  }),
  imputation: spec('imputation', {
    type: 'string',
    choices: ['forward', 'mean'],
    help: 'LSTM/GRU inputs where nothing was measured: last value or the training mean',
  }),
  batchSize: spec('batchSize', { type: 'integer', min: 1, max: 65_536, help: 'stays per batch' }),
  learningRate: spec('learningRate', {
    type: 'number',
    min: 0,
    exclusiveMin: true,
    max: 10,
    help: 'peak Adam learning rate (warmup, then cosine decay)',
  }),
  steps: spec('steps', {
    type: 'integer',
    min: 1,
    max: 100_000_000,
    help: 'optimizer updates per fold',
  }),
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
  hourlyLossWeight: spec('hourlyLossWeight', {
    type: 'number',
    min: 0,
    max: 100,
    help: 'weight of the per-hour loss beside the final risk (0: final only)',
  }),
  positiveWeight: spec('positiveWeight', {
    type: 'number',
    min: 0,
    max: 1000,
    help: 'loss weight of a death (0: balanced by the training part)',
  }),
  validationFraction: spec('validationFraction', {
    type: 'number',
    min: 0,
    exclusiveMin: true,
    max: 0.5,
    exclusiveMax: true,
    help: "share of each fold's training part that picks the best step and the Event-1 threshold",
  }),
  seed: spec('seed', {
    type: 'integer',
    min: 0,
    max: 2 ** 32 - 1,
    help: 'seed for weights, folds and batch order',
  }),
  kernelInit: spec('kernelInit', initializationSpecs.kernelInit),
  forgetBias: spec('forgetBias', initializationSpecs.forgetBias),
  secondBias: spec('secondBias', initializationSpecs.secondBias),
  adamEpsilon: spec('adamEpsilon', initializationSpecs.adamEpsilon),
});
