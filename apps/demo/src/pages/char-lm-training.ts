/**
 * One click on the char-LM page's Train: reads and checks the fields and the text (a bad one
 * is explained under it, nothing is sent), then trains in the worker with progress, a sample
 * at every validation (the task's notes) and the summary in the status line. A new model
 * clears the previous curve, samples and notices; Train after Stop continues the same one.
 */
import type { TrainControls } from '../components/train-controls.js';
import type { TrainingText } from '../components/training-text.js';
import type { TaskClient } from '../lib/task-client.js';
import { type WorkerClient, WorkerRestartedError } from '../lib/worker-client.js';
import type { CharLmProbes } from '../worker/char-lm-worker-module.js';
import type { ModelFacts, TaskTrainConfig } from '../worker/protocol.js';
import { charactersOf, charLmPageDefaults } from './char-lm-defaults.js';

/** The page state training reads and changes. */
export interface CharLmTrainingState {
  disposed: boolean;
  training: Promise<unknown> | null;
  model: ModelFacts | null;
  resume: boolean;
}

export interface CharLmTrainingContext {
  readonly host: HTMLElement;
  readonly charLm: TaskClient<CharLmProbes>;
  readonly client: WorkerClient;
  readonly s: CharLmTrainingState;
  readonly trainer: TrainControls;
  readonly text: TrainingText;
  useModel(model: ModelFacts, isNew: boolean): void;
  refresh(): void;
}

export function startCharLmTraining(c: CharLmTrainingContext): void {
  const { s, trainer, host } = c;
  if (c.client.status.kind !== 'ready' || s.training) return;
  const values = trainer.values(); // null: a field says what is wrong
  const body = c.text.read(Number(values?.timeSteps ?? 1));
  if (!values || body === null) return;
  const { steps, ...hyperParameters } = values;
  const config: TaskTrainConfig = {
    data: { text: body },
    preset: charLmPageDefaults.preset,
    hyperParameters,
    steps: Number(steps),
    evalEvery: charLmPageDefaults.evalEvery,
    resume: s.resume && s.model?.origin === 'trained',
    options: { sampleLength: charLmPageDefaults.sampleLength },
  };
  if (config.resume) trainer.setStatus('resuming…');
  else trainer.clear('starting a new model…');
  const call = c.charLm.train(
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
        c.useModel(summary.model, s.model?.origin !== 'trained' || !config.resume);
        s.resume = true;
        host.dataset.trainedSteps = String(summary.steps); // in this call
        host.dataset.modelSteps = String(summary.model.trainedSteps ?? summary.steps); // in all
        host.dataset.firstLoss = String(summary.firstLoss);
        host.dataset.lastLoss = String(summary.lastLoss);
        const chars = charactersOf(summary.model).size;
        const val = summary.model.metrics.valLoss;
        trainer.setStatus(
          `${summary.stopped ? 'stopped' : 'done'} after ${summary.steps} steps · loss ${summary.firstLoss.toFixed(3)} → ${summary.lastLoss.toFixed(3)}${val === undefined ? '' : ` · validation ${val.toFixed(3)}`} · vocabulary ${chars} chars · saved in this browser`,
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
