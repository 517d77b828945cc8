/**
 * Stratified k-fold cross-validation with the baseline on the same folds. Fold 1 trains
 * the run's own model (checkpointed: `best/` and `latest/`); folds 2..k train fresh models
 * that are scored and disposed. Step events of all folds are forwarded as one count
 * (`step 700/1500`), so the progress line and its ETA cover the whole protocol; the run's
 * `done` event comes last. Out-of-fold risks cover every stay once and give the pooled
 * calibration table.
 *
 * @example
 * const cv = await crossValidate(model, data, { checkpointDir: 'runs/clinical', onProgress });
 * cv.summary.auroc; // { mean: 0.87, sd: 0.01, values: [...] }
 */
import type { TrainProgress } from '@recurrent/train';
import { type BaselineOutcome, baselineFold } from './baseline-fold.js';
import type { ClinicalModel } from './create-clinical-model.js';
import type { ClinicalData } from './prepare-clinical-data.js';
import type { RiskScores } from './score-risks.js';
import {
  createFoldModel,
  type FoldOutcome,
  type TrainFoldOptions,
  trainFold,
} from './train-fold.js';

export interface Spread {
  readonly mean: number;
  readonly sd: number;
  readonly values: readonly number[];
}

export interface CrossValidation {
  /** Fold 1, the run's checkpointed model. */
  readonly main: FoldOutcome;
  /** Every fold that ran (all k unless aborted), fold 1 first. */
  readonly folds: readonly FoldOutcome[];
  readonly baselines: readonly BaselineOutcome[];
  readonly summary: Readonly<Record<'auroc' | 'auprc' | 'event1' | 'hosmerLemeshow', Spread>>;
  readonly baselineSummary: Readonly<
    Record<'auroc' | 'auprc' | 'event1' | 'hosmerLemeshow', Spread>
  >;
  /** Out-of-fold risks of every stay scored (NaN where a fold did not run). */
  readonly outOfFold: Float64Array;
  readonly aborted: boolean;
  /** Wall time of the whole protocol (all folds and the baseline). */
  readonly elapsedMs: number;
}

export interface CrossValidateOptions extends TrainFoldOptions {
  /** Fit the logistic-regression baseline on the same folds. Default true. */
  readonly baseline?: boolean;
  /** Before each fold: `fold 2/5: 2,720 training stays ...`. */
  readonly onFold?: (line: string, fold: number) => void;
}

/** Mean and sample standard deviation. */
export function spread(values: readonly number[]): Spread {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const sd = n > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd, values };
}

function summarize(scores: readonly RiskScores[]) {
  return {
    auroc: spread(scores.map((s) => s.auroc)),
    auprc: spread(scores.map((s) => s.auprc)),
    event1: spread(scores.map((s) => s.event1)),
    hosmerLemeshow: spread(scores.map((s) => s.calibration.statistic)),
  };
}

const count = (n: number) => n.toLocaleString('en-US');

export async function crossValidate(
  model: ClinicalModel,
  data: ClinicalData,
  options: CrossValidateOptions = {},
): Promise<CrossValidation> {
  const k = data.foldCount;
  const steps = options.steps ?? model.hyperParameters.steps;
  const started = performance.now();
  let done: TrainProgress | null = null;
  const forward = (f: number, mine: boolean) => (event: TrainProgress) => {
    if (event.kind === 'step') {
      const step = f * steps + event.step;
      const elapsed = performance.now() - started;
      options.onProgress?.({
        ...event,
        step,
        totalSteps: k * steps,
        etaMs: (elapsed / step) * (k * steps - step),
      });
    } else if (event.kind === 'done') {
      if (mine) done = event;
    } else if (mine || event.kind === 'warning') {
      options.onProgress?.(event);
    }
  };
  const folds: FoldOutcome[] = [];
  const baselines: BaselineOutcome[] = [];
  const outOfFold = new Float64Array(data.set.stays.length).fill(Number.NaN);
  let aborted = false;
  for (let f = 0; f < k; f++) {
    const split = data.split(f);
    const deaths = (ids: Int32Array) => ids.reduce((a, i) => a + data.set.labels[i]!, 0);
    options.onFold?.(
      `fold ${f + 1}/${k}: train ${count(split.train.length)} stays (${deaths(split.train)} deaths) | validation ${count(split.validation.length)} (${deaths(split.validation)}) | test ${count(split.test.length)} (${deaths(split.test)})${f === 0 ? " | this fold is the run's checkpoint" : ''}`,
      f,
    );
    const foldModel = f === 0 ? model : createFoldModel(data, f);
    try {
      const outcome = await trainFold(foldModel, data, f, {
        ...(f === 0
          ? options
          : {
              steps,
              ...(options.evalEvery !== undefined ? { evalEvery: options.evalEvery } : {}),
              ...(options.signal ? { signal: options.signal } : {}),
              ...(options.workers !== undefined ? { workers: options.workers } : {}),
              ...(options.workerSetup ? { workerSetup: options.workerSetup } : {}),
            }),
        onProgress: forward(f, f === 0),
      });
      folds.push(outcome);
      outcome.testIndices.forEach((i, j) => {
        outOfFold[i] = outcome.testRisks[j]!;
      });
      if (outcome.result.reason === 'aborted') aborted = true;
    } finally {
      if (f !== 0) foldModel.dispose();
    }
    if (options.baseline !== false) baselines.push(baselineFold(data, f));
    if (aborted) break;
  }
  if (done)
    options.onProgress?.({
      ...(done as TrainProgress & { kind: 'done' }),
      elapsedMs: performance.now() - started,
    });
  return {
    main: folds[0]!,
    folds,
    baselines,
    summary: summarize(folds.map((o) => o.test)),
    baselineSummary: summarize(baselines.map((b) => b.test)),
    outOfFold,
    aborted,
    elapsedMs: performance.now() - started,
  };
}
