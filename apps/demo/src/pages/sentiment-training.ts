/**
 * One click on the sentiment page's Train: reads and checks the fields (a bad one is
 * explained under it, nothing is sent), then trains `sentimentTask` in the worker on its
 * embedded data (the UCI sentences and the order probe) with the live loss curve, the
 * validation accuracy every `evalEvery` steps, and at the end the task's notes: the test
 * split, the bag-of-words baseline beside it and the order probe's table. Train after Stop
 * continues the same model; "New model" or other fields start a new one.
 */
import type { TrainControls } from '../components/train-controls.js';
import type { TaskClient } from '../lib/task-client.js';
import { type WorkerClient, WorkerRestartedError } from '../lib/worker-client.js';
import type { ModelFacts, TaskTrainConfig } from '../worker/protocol.js';
import { sentimentPageDefaults } from './sentiment-defaults.js';

/** The page state training reads and changes. */
export interface SentimentTrainingState {
  disposed: boolean;
  training: Promise<unknown> | null;
  model: ModelFacts | null;
  resume: boolean;
}

export interface SentimentTrainingContext {
  readonly host: HTMLElement;
  readonly sentiment: TaskClient<Record<string, never>>;
  readonly client: WorkerClient;
  readonly s: SentimentTrainingState;
  readonly trainer: TrainControls;
  /** The trained model is now the page's: show it and read the sentences again. */
  useModel(model: ModelFacts): void;
  refresh(): void;
}

const f3 = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(3));

export function startSentimentTraining(c: SentimentTrainingContext): void {
  const { s, trainer, host } = c;
  if (c.client.status.kind !== 'ready' || s.training) return;
  const values = trainer.values(); // null: a field says what is wrong
  if (!values) return;
  const { steps, ...hyperParameters } = values;
  const config: TaskTrainConfig = {
    data: {}, // the task's embedded default: UCI sentences + the order probe
    preset: sentimentPageDefaults.preset,
    hyperParameters,
    steps: Number(steps),
    evalEvery: sentimentPageDefaults.evalEvery,
    resume: s.resume && s.model?.origin === 'trained',
  };
  if (config.resume) trainer.setStatus('resuming…');
  else trainer.clear('preparing the UCI sentences and the order probe…');
  const call = c.sentiment.train(
    config,
    (event) => {
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
        if (s.training === call) s.training = null; // the sentences may be read again now
        c.useModel(summary.model);
        s.resume = true;
        host.dataset.trainedSteps = String(summary.steps); // in this call
        host.dataset.firstLoss = String(summary.firstLoss);
        host.dataset.lastLoss = String(summary.lastLoss);
        const m = summary.model.metrics;
        trainer.setStatus(
          `${summary.stopped ? 'stopped' : 'done'} after ${summary.steps} steps · loss ${summary.firstLoss.toFixed(3)} → ${summary.lastLoss.toFixed(3)} · validation accuracy ${f3(m.accuracy)} · test accuracy ${f3(m.testAccuracy)}`,
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
