/**
 * What a checkpoint's config.json says about its training, for any task: the steps behind
 * the weights and the validation metrics, whichever way the writer recorded them.
 * `recurrent export` writes `trainedSteps` and `metrics`; a checkpoint saved by `train()`
 * has `lastMetrics` and a `best` entry; older exports put a metric at the top level.
 */
import type { JsonValue } from '@recurrent/train';

type Config = Readonly<Record<string, JsonValue>>;

const isObject = (v: JsonValue | undefined): v is { [key: string]: JsonValue } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const finite = (v: JsonValue | undefined): v is number =>
  typeof v === 'number' && Number.isFinite(v);

export interface CheckpointFacts {
  readonly trainedSteps: number | null;
  readonly metrics: Record<string, number>;
}

/**
 * @example
 * checkpointFacts({ trainedSteps: 1400, metrics: { valLoss: 1.597 } }, ['valLoss', 'bitsPerChar']);
 * // { trainedSteps: 1400, metrics: { valLoss: 1.597 } }
 */
export function checkpointFacts(config: Config, metricNames: readonly string[]): CheckpointFacts {
  const trainedSteps = [config.trainedSteps, config.step].find(finite) ?? null;
  const best = isObject(config.best) ? config.best : {};
  const metrics: Record<string, number> = {};
  for (const name of metricNames) {
    const value = [
      config[name],
      isObject(config.metrics) ? config.metrics[name] : undefined,
      isObject(config.lastMetrics) ? config.lastMetrics[name] : undefined,
      best.metric === name ? best.value : undefined,
    ].find(finite);
    if (value !== undefined) metrics[name] = value;
  }
  return { trainedSteps, metrics };
}
