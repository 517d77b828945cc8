/**
 * What a task adds in the demo's worker beyond its `Task` definition, only where its page
 * needs it: probes (the char-LM page's hidden-state trace and per-character scores), the
 * facts the page shows about a model, and how a model trained here is described. A task
 * without page-specific needs has no module; the generic session serves it as it is.
 */
import type { TaskModel } from '@recurrent/task';
import type { JsonValue } from '@recurrent/train';

/** One probe: reads the model, returns plain data for the page (structured-clone friendly). */
export type Probe<Model> = (model: Model, input: JsonValue) => Promise<unknown>;

export interface TaskWorkerModule<Model, Data = unknown> {
  /** `task/probe` handlers by name. */
  readonly probes?: Readonly<Record<string, Probe<Model>>>;
  /**
   * Facts for the page beyond the hyper-parameters (char-lm: its characters, parameter
   * count, corpus); `config` is the checkpoint's config.json when the model was loaded.
   */
  describe?(model: Model, config?: Readonly<Record<string, JsonValue>>): Record<string, JsonValue>;
  /** The source line of a model trained on this page (default: the task's `describeData`). */
  trainedSource?(data: Data): string;
}

/** A module as the map holds it, next to its task's registry entry. */
export type AnyTaskWorkerModule = TaskWorkerModule<TaskModel, unknown>;

/**
 * Declares a module with its model and data types checked; returns it frozen, typed for the
 * module map. The cast is safe because the map pairs each module with its own task by name:
 * its probes only ever get that task's models, as `AnyTask` only ever gets its own data.
 */
export function defineTaskWorkerModule<Model extends TaskModel, Data>(
  module: TaskWorkerModule<Model, Data>,
): AnyTaskWorkerModule {
  return Object.freeze(module) as unknown as AnyTaskWorkerModule;
}
