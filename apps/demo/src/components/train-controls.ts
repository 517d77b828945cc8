/**
 * The training controls of a task page: the hyper-parameter fields (generated from the task's
 * specs, see `option-fields.ts`), Train / Stop / New model, a status line, a progress bar with
 * the time left, the live loss curve, the task's notes as they come (the char-LM's sample at
 * every validation) and a notice when validation starts rising (overfitting). It draws
 * `train/progress` events and task notes, and leaves the page to decide what a click does.
 */
import type { OptionValue, OptionValues, TaskNote } from '@recurrent/task';
import type { TrainProgress } from '@recurrent/train';
import { h } from '../lib/dom.js';
import type { TaskInfo } from '../worker/protocol.js';
import { createLossChart } from './loss-chart.js';
import { createOptionFields, type OptionField, type OptionFields } from './option-fields.js';
import { createOverfitWatch } from './overfit-watch.js';
import { createProgressLine, formatEta } from './progress-line.js';

export interface TrainControlsOptions {
  /** The hyper-parameters shown, in order (the rest come from the page's preset). */
  readonly fields: readonly (string | OptionField)[];
  /** The metric drawn as validation points (char-lm: `valLoss`, sentiment: `accuracy`). */
  readonly validationMetric: string;
  /**
   * Which way is better for it (default `lower`, a loss). The overfitting notice watches a
   * lower-is-better metric only: a rising accuracy is good news.
   */
  readonly validationDirection?: 'lower' | 'higher';
  /** What a token is, for the rate in the status line (`chars/s`). */
  readonly unit: string;
  /** The status line before any training. */
  readonly hint: string;
  /** The loss curve's caption (default: the char-LM's nats per character). */
  readonly chartLabel?: string;
}

export interface TrainControls {
  readonly element: HTMLElement;
  /** Draws the fields from the task's specs, starting from `initial` (once; later calls are ignored). */
  showFields(info: TaskInfo, initial: OptionValues): void;
  /** The fields' values; null until the fields are drawn or while one is invalid (it says why). */
  values(): OptionValues | null;
  /** Puts values into the drawn fields (URL settings, a restored model's). */
  setValues(values: Readonly<Record<string, OptionValue | undefined>>): void;
  /** Enables Train when `canTrain` and nothing trains; Stop while `training`. */
  setState(state: { readonly canTrain: boolean; readonly training: boolean }): void;
  setStatus(text: string): void;
  /** Draws one event of the training in progress. */
  progress(event: TrainProgress): void;
  /** Shows a note of the task (a sample), newest first. */
  note(note: TaskNote): void;
  /** Forgets the curve, the notes and the notices (the model on screen changed). */
  clear(status: string): void;
  /** Training ended: hides the progress bar. */
  finished(): void;
  onTrain(listener: () => void): void;
  onStop(listener: () => void): void;
  onReset(listener: () => void): void;
  /** Called after the reader changes a field. */
  onChange(listener: () => void): void;
}

export function createTrainControls(o: TrainControlsOptions): TrainControls {
  let fields: OptionFields | null = null;
  let fieldsElement: HTMLElement = h('div', { className: 'form-grid' }); // until the specs come
  const changeListeners: (() => void)[] = [];
  const trainButton = h(
    'button',
    { type: 'button', className: 'primary', dataset: { testid: 'train-button' } },
    'Train',
  );
  const stopButton = h(
    'button',
    { type: 'button', disabled: true, dataset: { testid: 'stop-button' } },
    'Stop',
  );
  const resetButton = h(
    'button',
    { type: 'button', title: 'forget the model trained here and start from fresh weights' },
    'New model',
  );
  const status = h('span', { className: 'status', dataset: { testid: 'train-status' } }, o.hint);
  const bar = createProgressLine('train-progress');
  const chart = createLossChart(o.chartLabel ? { label: o.chartLabel } : {});
  chart.element.hidden = true; // shown from the first training step on
  const overfit = h('p', {
    className: 'notice',
    hidden: true,
    dataset: { testid: 'overfit-notice' },
  });
  const notes = h('div', { className: 'train-notes', dataset: { testid: 'train-notes' } });
  const watch = createOverfitWatch();
  const element = h(
    'div',
    { className: 'train-controls' },
    fieldsElement,
    h('div', { className: 'controls-row' }, trainButton, stopButton, resetButton),
    h('p', { className: 'status-line' }, status),
    bar.element,
    chart.element,
    overfit,
    notes,
  );
  let canTrain = false;
  let training = false;
  const refresh = () => {
    trainButton.disabled = !canTrain || training || fields === null;
    stopButton.disabled = !training;
    resetButton.disabled = training;
  };
  refresh();
  const on = (button: HTMLButtonElement) => (listener: () => void) =>
    button.addEventListener('click', listener);

  return {
    element,
    showFields(info, initial) {
      if (fields) return;
      fields = createOptionFields(info.hyperParameters, o.fields, initial);
      fields.onChange(() => {
        for (const l of changeListeners) l();
      });
      fieldsElement.replaceWith(fields.element);
      fieldsElement = fields.element;
      refresh();
    },
    values: () => fields?.values() ?? null,
    setValues: (values) => fields?.set(values),
    setState(state) {
      canTrain = state.canTrain;
      training = state.training;
      refresh();
    },
    setStatus(text) {
      status.textContent = text;
    },
    progress(e) {
      if (e.kind === 'step') {
        if (e.step === 1) chart.reset(); // a new model starts at step 1; a resumed one continues
        chart.element.hidden = false;
        chart.push(e.step, e.loss);
        const perSecond = e.tokensPerSecond ?? e.itemsPerSecond;
        const rate = Math.round(perSecond).toLocaleString('en');
        status.textContent = `step ${e.step} · loss ${e.loss.toFixed(4)} · ${rate} ${o.unit}`;
        const left = formatEta(e.etaMs / 1000);
        bar.show(e.step, e.totalSteps, `step ${e.step} of ${e.totalSteps} · ${left} left`);
      } else if (e.kind === 'eval' && e.metrics[o.validationMetric] !== undefined) {
        const value = e.metrics[o.validationMetric]!;
        chart.pushValidation(e.step, value);
        const notice = o.validationDirection === 'higher' ? null : watch.push(e.step, value);
        if (notice) {
          overfit.textContent = notice;
          overfit.hidden = false;
        }
      }
    },
    note(n) {
      const entry = h(
        'figure',
        { className: 'train-note', dataset: { step: String(n.step) } },
        h('figcaption', {}, n.title),
        h('pre', {}, n.text),
      );
      notes.prepend(entry);
      while (notes.childElementCount > 20) notes.lastElementChild?.remove();
    },
    clear(text) {
      chart.reset();
      chart.element.hidden = true;
      notes.replaceChildren();
      overfit.hidden = true;
      overfit.textContent = '';
      watch.reset();
      bar.hide();
      status.textContent = text;
    },
    finished: () => bar.hide(),
    onTrain: on(trainButton),
    onStop: on(stopButton),
    onReset: on(resetButton),
    onChange(listener) {
      changeListeners.push(listener);
    },
  };
}
