/**
 * The defaults study's runs (issue #19): today's char-LM default, then one choice changed at a
 * time towards what PyTorch does (or, for the learning rate, a step either side), then the
 * combination of every choice that beat today's default. Each config is flat data: a name,
 * what it changes, and the hyper-parameters it overrides.
 */
import type { CharLmHyperParameters } from '@recurrent/char-lm';

export interface DefaultsStudyConfig {
  /** File-safe name: `embedding-normal`. */
  readonly name: string;
  /** One line for the table: `embedding init N(0, 1) (PyTorch)`. */
  readonly change: string;
  /** The factor this run varies (the combination takes the best run of each factor). */
  readonly factor: string;
  readonly overrides: Partial<CharLmHyperParameters>;
}

/**
 * The choices the study varies, at the char-LM's defaults of 2026-12-01, before the study
 * changed them. Every run starts from these (then its own overrides), so the study measures
 * the same runs after the defaults moved.
 */
export const defaultsStudyBase: Readonly<Partial<CharLmHyperParameters>> = Object.freeze({
  embeddingInit: 'uniform',
  kernelInit: 'keras',
  forgetBias: 1,
  secondBias: false,
  adamEpsilon: 1e-7,
  stateResetProbability: 0.05,
  learningRate: 5e-3,
});

export const defaultsStudyBaseline: DefaultsStudyConfig = Object.freeze({
  name: 'today',
  change:
    'the default before the study (uniform +-0.05, keras init, forget bias 1, one bias, eps 1e-7, reset 0.05, lr 5e-3)',
  factor: 'none',
  overrides: Object.freeze({}),
});

export const defaultsStudyConfigs: readonly DefaultsStudyConfig[] = Object.freeze([
  defaultsStudyBaseline,
  {
    name: 'embedding-normal',
    change: 'embedding init N(0, 1) (PyTorch)',
    factor: 'embeddingInit',
    overrides: { embeddingInit: 'normal' },
  },
  {
    name: 'kernel-pytorch',
    change: 'kernels and bias uniform +-1/sqrt(units) (PyTorch)',
    factor: 'kernelInit',
    overrides: { kernelInit: 'pytorch' },
  },
  {
    name: 'forget-bias-0',
    change: 'forget-gate bias 0 (PyTorch)',
    factor: 'forgetBias',
    overrides: { forgetBias: 0 },
  },
  {
    name: 'second-bias',
    change: 'a second trained bias, bias_hh (PyTorch)',
    factor: 'secondBias',
    overrides: { secondBias: true },
  },
  {
    name: 'adam-eps-1e-8',
    change: "Adam's epsilon 1e-8 (PyTorch)",
    factor: 'adamEpsilon',
    overrides: { adamEpsilon: 1e-8 },
  },
  {
    name: 'no-state-reset',
    change: 'state-reset probability 0 (PyTorch script)',
    factor: 'stateResetProbability',
    overrides: { stateResetProbability: 0 },
  },
  {
    name: 'lr-2.5e-3',
    change: 'learning rate 2.5e-3',
    factor: 'learningRate',
    overrides: { learningRate: 2.5e-3 },
  },
  {
    name: 'lr-1e-2',
    change: 'learning rate 1e-2',
    factor: 'learningRate',
    overrides: { learningRate: 1e-2 },
  },
]);

/** The name of the run that combines every winning choice. */
export const defaultsStudyCombinationName = 'combination';
