export {
  type BidirectionalCell,
  type BidirectionalOptions,
  bidirectional,
  bidirectionalDefaults,
  type MergeMode,
} from './bidirectional.js';
export type {
  Cell,
  CellKind,
  GruCell,
  GruDCell,
  LstmCell,
  NamedWeight,
  SideInput,
  SimpleRnnCell,
  StepOptions,
  StepResult,
} from './cell.js';
export { createStepper, type Stepper, type StepperOptions } from './create-stepper.js';
export { type Dense, type DenseOptions, dense, denseDefaults } from './dense.js';
export {
  type Embedding,
  type EmbeddingGradient,
  type EmbeddingInitializer,
  type EmbeddingOptions,
  type EmbeddingResult,
  embedding,
  embeddingDefaults,
} from './embedding.js';
export type { FusedSequenceOptions, FusedWeights } from './fused/fused-check.js';
export { fusedPathFor } from './fused/fused-path.js';
export {
  type GruSequenceOptions,
  gruSequence,
  gruSequenceDefaults,
} from './fused/gru-sequence.js';
export {
  type LstmSequenceOptions,
  lstmSequence,
  lstmSequenceDefaults,
} from './fused/lstm-sequence.js';
export {
  type RnnSequenceOptions,
  rnnSequence,
  rnnSequenceDefaults,
} from './fused/rnn-sequence.js';
export { getWeights, type HasWeights, type SetWeightsOptions, setWeights } from './get-weights.js';
export { glorotUniform } from './glorot-uniform.js';
export { type GruCellOptions, gruCell, gruCellDefaults } from './gru-cell.js';
export {
  type GruDCellOptions,
  type GruDSideInputName,
  gruDCell,
  gruDCellDefaults,
} from './gru-d-cell.js';
export { fromKerasWeights, toKerasWeights } from './keras-weights.js';
export { type LstmCellOptions, lstmCell, lstmCellDefaults } from './lstm-cell.js';
export { type LstmStepGates, lstmStepGates } from './lstm-step-gates.js';
export { orthogonal } from './orthogonal.js';
export { hardSigmoid, type RecurrentActivation } from './recurrent-activation.js';
export { type RecurrentInitializer, recurrentInitializers } from './recurrent-weights.js';
export type { RnnOptions, RnnResult } from './rnn-options.js';
export { runRnn } from './run-rnn.js';
export {
  type SimpleRnnCellOptions,
  simpleRnnCell,
  simpleRnnCellDefaults,
} from './simple-rnn-cell.js';
export {
  type StackCellsOptions,
  type StackedCell,
  stackCells,
  stackCellsDefaults,
} from './stack-cells.js';
export { fromPytorch, toPytorch } from './to-pytorch.js';
