/**
 * One click on the clinical page's Train: reads and checks the fields (a bad one is
 * explained under it, nothing is sent), then runs `clinicalTask`'s protocol in the worker on
 * generated stays: stratified cross-validation with `folds` folds (fold 1 is the page's new
 * model), the logistic-regression baseline on the same folds, the loss curve live, the
 * validation AUROC of fold 1 every `evalEvery` steps, and at the end the task's notes (the
 * fold table beside the baseline, calibration). Train after Stop continues the same model.
 */
import type { TrainControls } from '../components/train-controls.js';
import type { TaskClient } from '../lib/task-client.js';
import { type WorkerClient, WorkerRestartedError } from '../lib/worker-client.js';
import type { ClinicalProbes } from '../worker/clinical-worker-module.js';
import type { ModelFacts, TaskTrainConfig } from '../worker/protocol.js';
import { clinicalPageDefaults } from './clinical-defaults.js';

/** The page state training reads and changes. */
export interface ClinicalTrainingState {
  disposed: boolean;
  training: Promise<unknown> | null;
  model: ModelFacts | null;
  resume: boolean;
}

export interface ClinicalTrainingContext {
  readonly host: HTMLElement;
  readonly clinical: TaskClient<ClinicalProbes>;
  readonly client: WorkerClient;
  readonly s: ClinicalTrainingState;
  readonly trainer: TrainControls;
  /** The trained model is now the page's: show it and read the stay again. */
  useModel(model: ModelFacts): void;
  refresh(): void;
}

const f3 = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(3));
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
/** Steps averaged at each end of fold 1's loss curve (one batch's loss is noisy). */
const lossWindow = 10;

export function startClinicalTraining(c: ClinicalTrainingContext): void {
  const { s, trainer, host } = c;
  if (c.client.status.kind !== 'ready' || s.training) return;
  const values = trainer.values(); // null: a field says what is wrong
  if (!values) return;
  const { steps, ...hyperParameters } = values;
  const config: TaskTrainConfig = {
    data: { stays: clinicalPageDefaults.stays, folds: clinicalPageDefaults.folds },
    preset: clinicalPageDefaults.preset,
    hyperParameters,
    steps: Number(steps),
    evalEvery: clinicalPageDefaults.evalEvery,
    resume: s.resume && s.model?.origin === 'trained',
  };
  if (config.resume) trainer.setStatus('resuming…');
  else
    trainer.clear(
      `generating ${clinicalPageDefaults.stays} stays in the PhysioNet format and parsing them…`,
    );
  const losses: number[] = []; // every step of this call, fold 1 first
  const call = c.clinical.train(
    config,
    (event) => {
      if (event.kind === 'step') losses.push(event.loss);
      if (!s.disposed && s.training === call) trainer.progress(event);
    },
    (note) => {
      if (!s.disposed && s.training === call) trainer.note(note);
    },
  );
  s.training = call;
  c.refresh();
  call
    .then(
      (summary) => {
        if (s.disposed) return;
        if (s.training === call) s.training = null;
        c.useModel(summary.model);
        s.resume = true;
        host.dataset.trainedSteps = String(summary.steps); // in this call, all folds
        host.dataset.firstLoss = String(summary.firstLoss);
        host.dataset.lastLoss = String(summary.lastLoss);
        const fold1 = losses.slice(0, summary.steps);
        const k = Math.min(lossWindow, Math.floor(fold1.length / 2));
        const early = mean(fold1.slice(0, k));
        const late = mean(fold1.slice(fold1.length - k));
        host.dataset.earlyLoss = String(early);
        host.dataset.lateLoss = String(late);
        const m = summary.model.metrics;
        trainer.setStatus(
          `${summary.stopped ? 'stopped' : 'done'} after ${summary.steps} steps of fold 1 · loss (mean of ${k} steps) ${early.toFixed(3)} → ${late.toFixed(3)} · ${clinicalPageDefaults.folds}-fold test AUROC ${f3(m.cvAuroc)} · baseline ${f3(m.baselineAuroc)}`,
        );
      },
      (error: unknown) => {
        if (s.disposed || error instanceof WorkerRestartedError) return;
        trainer.setStatus('training failed (see the error above)');
      },
    )
    .finally(() => {
      if (s.training === call) s.training = null;
      trainer.finished();
      if (!s.disposed) c.refresh();
    });
}
