/**
 * The choices where Keras and PyTorch start a recurrent model differently (issue #19's
 * defaults study): the embedding table, the recurrent and input kernels, the LSTM's
 * forget-gate bias and second bias, and Adam's epsilon. Specified once so every task's
 * `--embedding-init`, `--kernel-init`, `--forget-bias`, `--second-bias` and
 * `--adam-epsilon` have the same choices and help; each task picks the ones its model has
 * and gives them defaults (chosen by its own measurement) with `specsWithDefaults`.
 */
import type { SpecWithoutDefault } from './optimization-specs.js';

export const initializationSpecs = Object.freeze({
  embeddingInit: Object.freeze({
    type: 'string',
    choices: Object.freeze(['uniform', 'normal']),
    help: 'embedding init: uniform +-0.05 (Keras) or normal N(0, 1) (PyTorch)',
  }),
  kernelInit: Object.freeze({
    type: 'string',
    choices: Object.freeze(['keras', 'pytorch']),
    help: 'kernel init: keras (Glorot + orthogonal) or pytorch (uniform +-1/sqrt(units))',
  }),
  forgetBias: Object.freeze({
    type: 'integer',
    min: 0,
    max: 1,
    help: 'initial LSTM forget-gate bias: 1 (remember first) or 0 (PyTorch)',
  }),
  secondBias: Object.freeze({
    type: 'boolean',
    help: "train PyTorch's second LSTM bias (bias_hh) beside the first",
  }),
  adamEpsilon: Object.freeze({
    type: 'number',
    min: 0,
    exclusiveMin: true,
    max: 1,
    help: "Adam's epsilon: 1e-7 (tfjs, Keras) or 1e-8 (PyTorch)",
  }),
} satisfies Record<string, SpecWithoutDefault>);
