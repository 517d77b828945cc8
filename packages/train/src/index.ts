export { applyWeights } from './checkpoint/apply-weights.js';
export {
  type CheckpointManifest,
  digestFiles,
  encodeManifest,
  type FileDigest,
  parseManifest,
} from './checkpoint/checkpoint-manifest.js';
export type { CheckpointStore } from './checkpoint/checkpoint-store.js';
export {
  CHECKPOINT_FORMAT_VERSION,
  CHECKPOINT_PRODUCER,
  type Checkpoint,
  type CheckpointContents,
  type CheckpointFileReader,
  type CheckpointFiles,
  checkpointFileNames,
  type JsonValue,
  MANIFEST_FILE,
  reservedConfigKeys,
  type TrainState,
  type WeightsInput,
} from './checkpoint/checkpoint-types.js';
export { decodeCheckpoint } from './checkpoint/decode-checkpoint.js';
export { collectWeights, encodeCheckpoint } from './checkpoint/encode-checkpoint.js';
export { fetchCheckpoint } from './checkpoint/fetch-checkpoint.js';
export {
  indexedDBCheckpointStore,
  indexedDBDefaults,
  loadCheckpointFromIndexedDB,
  saveCheckpointToIndexedDB,
  writeIndexedDBCheckpoint,
} from './checkpoint/indexeddb-checkpoints.js';
export { loadCheckpoint } from './checkpoint/load-checkpoint.js';
export { memoryCheckpointStore } from './checkpoint/memory-checkpoint-store.js';
export {
  decodeSafetensors,
  encodeSafetensors,
  type SafetensorsContents,
} from './checkpoint/safetensors.js';
export { sha256Hex } from './checkpoint/sha256.js';
export {
  type NamedTensorRecord,
  type RecordDtype,
  type TensorRecord,
  toTensorRecord,
} from './checkpoint/tensor-record.js';
export { NonFiniteLossError } from './loop/non-finite-loss-error.js';
export type {
  CheckpointProgress,
  DoneProgress,
  EvalProgress,
  ResumedProgress,
  StepProgress,
  StopReason,
  TrainProgress,
  TrainResult,
  WarningCode,
  WarningProgress,
} from './loop/progress.js';
export { hasGradients, registerGradients } from './loop/register-gradients.js';
export { train } from './loop/train.js';
export { type MetricWatch, type TrainOptions, trainDefaults } from './loop/train-options.js';
export type {
  DataSource,
  IndexedData,
  LossContext,
  NamedVariable,
  StreamedData,
  Trainable,
} from './loop/trainable.js';
export { yieldToEventLoop } from './loop/yield-to-event-loop.js';
export {
  type BinaryCrossEntropyOptions,
  binaryCrossEntropy,
  binaryCrossEntropyDefaults,
} from './losses/binary-cross-entropy.js';
export type { Reduction } from './losses/masked-mean.js';
export {
  type SequenceCrossEntropyOptions,
  sequenceCrossEntropy,
  sequenceCrossEntropyDefaults,
} from './losses/sequence-cross-entropy.js';
export * from './metrics/index.js';
export { clipByGlobalNorm } from './optim/clip-by-global-norm.js';
export {
  createOptimizer,
  type OptimizerConfig,
  type OptimizerName,
  optimizerConfigOf,
  optimizerDefaults,
} from './optim/create-optimizer.js';
export { learningRateAt, type Schedule, scheduleDefaults } from './optim/learning-rate-at.js';
export {
  type OptimizerSlots,
  readOptimizerSlots,
  restoreOptimizerSlots,
} from './optim/optimizer-slots.js';
export { getLearningRate, setLearningRate } from './optim/set-learning-rate.js';
export { isNode } from './runtime/is-node.js';
export { builtModuleUrl } from './workers/built-module-url.js';
export type { DataParallel } from './workers/data-parallel.js';
export {
  type CombinedGradients,
  combineShardGradients,
  createGradientExchange,
  type GradientExchange,
  openGradientExchange,
  type ShardGradients,
  writeShardGradients,
} from './workers/gradient-exchange.js';
export type {
  ShardWorker,
  ShardWorkerInit,
  ShardWorkerModule,
  WorkerSetup,
} from './workers/shard-worker.js';
export { WorkerError } from './workers/worker-error.js';
export type { WorkerPool, WorkerPoolOptions } from './workers/worker-pool.js';
