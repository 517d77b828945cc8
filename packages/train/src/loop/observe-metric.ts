/**
 * Best-so-far tracking for one metric (min or max, with a minimum improvement), the basis of
 * the `best/` checkpoint and of early stopping.
 */
import type { TrainState } from '../checkpoint/checkpoint-types.js';

export interface Watch {
  metric: string;
  mode: 'min' | 'max';
  minDelta: number;
}

/**
 * Updates `state.best` and `state.evalsWithoutImprovement` in place from `metrics` at `step`.
 * Returns 'improved', 'worse' or 'missing' (the metric is not in `metrics` or not finite).
 */
export function observeMetric(
  state: Pick<TrainState, 'best' | 'evalsWithoutImprovement'>,
  watch: Watch,
  metrics: Record<string, number>,
  step: number,
): 'improved' | 'worse' | 'missing' {
  const value = metrics[watch.metric];
  if (value === undefined || !Number.isFinite(value)) return 'missing';
  const best = state.best;
  const improved =
    best === null ||
    (watch.mode === 'min'
      ? value < best.value - watch.minDelta
      : value > best.value + watch.minDelta);
  if (improved) {
    state.best = { metric: watch.metric, mode: watch.mode, value, step };
    state.evalsWithoutImprovement = 0;
    return 'improved';
  }
  state.evalsWithoutImprovement += 1;
  return 'worse';
}
