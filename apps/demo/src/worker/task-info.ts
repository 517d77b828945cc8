/**
 * A registered task as plain data for its page (`task/describe`): the specs its controls are
 * generated from, its presets and metrics, its verb and the probes its worker module answers.
 * The page never imports a task package: that would load tfjs on the main thread.
 */
import type { AnyTask } from '@recurrent/task';
import type { TaskInfo } from './protocol.js';
import type { AnyTaskWorkerModule } from './task-worker-module.js';

export function taskInfo(task: AnyTask, module: AnyTaskWorkerModule = {}): TaskInfo {
  const verb = task.generate
    ? { name: 'generate' as const, options: task.generate.options }
    : task.predict
      ? { name: 'predict' as const, options: task.predict.options }
      : null;
  return {
    name: task.name,
    summary: task.summary,
    defaultDataset: task.defaultDataset,
    hyperParameters: task.hyperParameters,
    presets: task.presets as TaskInfo['presets'], // flat values: a preset overrides hyper-parameters
    metrics: task.metrics,
    bestMetric: task.bestMetric,
    verb,
    probes: Object.keys(module.probes ?? {}),
  };
}
