/**
 * Bringing back the model trained on the char-LM page, which the worker keeps in IndexedDB:
 * `offer()` shows the banner when one is saved (after a reload), `restore()` makes it the
 * current model with its text and settings, so Train continues it exactly (after a backend
 * switch the page calls it directly: the model on screen comes back on the new backend).
 */
import type { ProgressLine } from '../components/progress-line.js';
import type { SavedModelBanner } from '../components/saved-model-banner.js';
import type { TrainControls } from '../components/train-controls.js';
import type { TrainingText } from '../components/training-text.js';
import type { TaskClient } from '../lib/task-client.js';
import type { CharLmProbes } from '../worker/char-lm-worker-module.js';
import type { ModelFacts } from '../worker/protocol.js';

export interface CharLmRestorer {
  offer(): void;
  restore(): Promise<void>;
}

export function createCharLmRestorer(o: {
  readonly host: HTMLElement;
  readonly charLm: TaskClient<CharLmProbes>;
  readonly s: { disposed: boolean; loading: boolean; resume: boolean; model: ModelFacts | null };
  readonly banner: SavedModelBanner;
  readonly bar: ProgressLine;
  readonly status: HTMLElement;
  readonly text: TrainingText;
  readonly trainer: TrainControls;
  useModel(model: ModelFacts, isNew: boolean): void;
  refresh(): void;
}): CharLmRestorer {
  const { s } = o;
  function restore(): Promise<void> {
    s.loading = true;
    o.bar.busy('Restoring the model you trained (from this browser’s storage)…');
    o.banner.hide();
    o.refresh();
    return o.charLm
      .restore()
      .then(
        ({ model, config }) => {
          if (s.disposed) return;
          o.text.value = String(config.data.text ?? '');
          o.trainer.setValues(config.hyperParameters);
          s.loading = false;
          o.useModel(model, true);
          s.resume = true; // Train continues it exactly
          o.host.dataset.modelSteps = String(model.trainedSteps ?? 0);
          o.trainer.setStatus(
            `Restored the model you trained: step ${model.trainedSteps}. Train continues it.`,
          );
        },
        () => {
          if (!s.disposed) o.status.textContent = 'restoring failed (see the error above)';
        },
      )
      .finally(() => {
        s.loading = false;
        o.bar.hide();
        if (!s.disposed) o.refresh();
      });
  }
  o.banner.onRestore(() => void restore());
  return {
    restore,
    offer() {
      o.charLm.saved().then(
        (saved) => {
          if (saved && !s.disposed && s.model?.origin !== 'trained') o.banner.show(saved);
        },
        () => {},
      );
    },
  };
}
