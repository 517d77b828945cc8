/**
 * Evaluation and early stopping: runs `model.evaluate()`, keeps its metrics, updates the best
 * value of the watched metric (writing `best/` when it improved), reports `eval`, and says
 * whether early stopping has run out of patience.
 */
import { observeMetric } from './observe-metric.js';
import { saveRunCheckpoint } from './save-run-checkpoint.js';
import type { TrainingRun } from './training-run.js';

/** Resolves to true when training should stop early. */
export async function evaluateRun<Batch>(run: TrainingRun<Batch>): Promise<boolean> {
  const { state, watch } = run;
  const evaluate = run.model.evaluate as NonNullable<typeof run.model.evaluate>;
  const metrics = await evaluate({ step: state.step });
  run.lastEvalStep = state.step;
  state.lastMetrics = { ...metrics };
  const seen = watch ? observeMetric(state, watch, metrics, state.step) : 'worse';
  if (seen === 'missing' && watch)
    run.warn(
      'metric-missing',
      `evaluate() returned no finite "${watch.metric}" (got ${Object.keys(metrics).join(', ') || 'nothing'})`,
    );
  run.emit({
    kind: 'eval',
    step: state.step,
    metrics,
    improved: seen === 'improved',
    best: state.best,
  });
  if (seen === 'improved' && run.store) await saveRunCheckpoint(run, 'best');
  const es = run.options.earlyStopping;
  return es !== undefined && state.evalsWithoutImprovement >= es.patience;
}
