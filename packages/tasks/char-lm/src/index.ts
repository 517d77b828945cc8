export { CHAR_LM_TASK, charLmConfig, charLmFromCheckpoint, loadCharLm } from './char-lm-config.js';
export {
  type CellType,
  type CharLmHyperParameters,
  charLmDefaults,
  charLmPresets,
} from './char-lm-defaults.js';
export { charLmHyperParameterSpecs } from './char-lm-hyper-parameter-specs.js';
export { charLmPytorch } from './char-lm-pytorch.js';
export { charLmTask, charLmTaskDefaults } from './char-lm-task.js';
export {
  type CharLm,
  type CharLmForwardOptions,
  type CreateCharLmOptions,
  createCharLm,
} from './create-char-lm.js';
export {
  type CharLmMetrics,
  type EvaluateCharLmOptions,
  evaluateCharLm,
  evaluateCharLmDefaults,
} from './evaluate-char-lm.js';
export {
  type GenerateTextOptions,
  generateText,
  generateTextDefaults,
  streamText,
} from './generate-text.js';
export {
  type CharLmData,
  type PrepareCharLmDataOptions,
  prepareCharLmData,
} from './prepare-char-lm-data.js';
export { resolveHyperParameters } from './resolve-hyper-parameters.js';
export { type TrainCharLmOptions, trainCharLm, trainCharLmDefaults } from './train-char-lm.js';
