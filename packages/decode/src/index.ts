export {
  type Beam,
  type BeamSearchOptions,
  beamSearch,
  beamSearchDefaults,
} from './beam-search.js';
export { type CommonDecodeOptions, commonDecodeDefaults } from './decode-options.js';
export { gatherStateRows } from './gather-state-rows.js';
export { type GenerateResult, generate, greedy, type OneShotOptions, sample } from './generate.js';
export { markovStepper } from './markov-stepper.js';
export {
  argmax,
  type SamplingOptions,
  sampleFromLogits,
  samplingDefaults,
} from './sample-from-logits.js';
export type { BeamStepper, Stepper, StepResult } from './stepper.js';
export {
  type GenerateOptions,
  generateDefaults,
  streamTokens,
  type TokenEvent,
} from './stream-tokens.js';
