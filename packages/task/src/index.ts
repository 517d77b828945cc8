export { checkStateDict } from './check-state-dict.js';
export { initializationSpecs } from './initialization-specs.js';
export {
  optimizationSpecs,
  type SpecWithoutDefault,
  specsWithDefaults,
} from './optimization-specs.js';
export {
  camelCase,
  checkOption,
  describeSpec,
  kebabCase,
  type OptionSpec,
  type OptionSpecs,
  type OptionValue,
  type OptionValues,
  resolveOptions,
  satisfiesSpec,
} from './option-spec.js';
export type { PytorchExport, PytorchMapping } from './pytorch-mapping.js';
export { readStateDict, type StateDictReader } from './read-state-dict.js';
export {
  type AnyTask,
  defineTask,
  type GenerateVerb,
  type Generation,
  type MetricSpec,
  type PredictVerb,
  type PrepareContext,
  type Task,
  type TaskCommand,
  type TaskCommandContext,
  type TaskDataParallel,
  type TaskEvaluation,
  type TaskFiles,
  type TaskModel,
  type TaskNote,
  type TaskTrainOptions,
} from './task.js';
export { createTaskRegistry, type TaskRegistry } from './task-registry.js';
