/**
 * The training controls of a task page: the hyper-parameter fields (generated from the task's
 * specs, see `option-fields.ts`), Train / Stop / New model, a status line and the live loss
 * curve. It draws `train/progress` events as they come (`step`: the curve and the status
 * line; `eval`: a validation point) and leaves the page to decide what a click does.
 */
import type { OptionValues } from '@recurrent/task';
import type { TrainProgress } from '@recurrent/train';
import { h } from '../lib/dom.js';
import type { TaskInfo } from '../worker/protocol.js';
import { createLossChart } from './loss-chart.js';
import { createOptionFields, type OptionField, type OptionFields } from './option-fields.js';

export interface TrainControlsOptions {
  /** The hyper-parameters shown, in order (the rest come from the page's preset). */
  readonly fields: readonly (string | OptionField)[];
  /** The metric drawn as validation points (char-lm: `valLoss`). */
  readonly validationMetric: string;
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
  /** The fields' values; null until the fields are drawn. */
  values(): OptionValues | null;
  /** Enables Train when `canTrain` and nothing trains; Stop while `training`. */
  setState(state: { readonly canTrain: boolean; readonly training: boolean }): void;
  setStatus(text: string): void;
  /** Draws one event of the training in progress. */
  progress(event: TrainProgress): void;
  onTrain(listener: () => void): void;
  onStop(listener: () => void): void;
  onReset(listener: () => void): void;
}

export function createTrainControls(o: TrainControlsOptions): TrainControls {
  let fields: OptionFields | null = null;
  let fieldsElement: HTMLElement = h('div', { className: 'form-grid' }); // until the specs come
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
  const chart = createLossChart(o.chartLabel ? { label: o.chartLabel } : {});
  chart.element.hidden = true; // shown from the first training step on
  const element = h(
    'div',
    { className: 'train-controls' },
    fieldsElement,
    h('div', { className: 'controls-row' }, trainButton, stopButton, resetButton, status),
    chart.element,
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
      fieldsElement.replaceWith(fields.element);
      fieldsElement = fields.element;
      refresh();
    },
    values: () => fields?.values() ?? null,
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
        const rate = Math.round(e.tokensPerSecond ?? e.itemsPerSecond).toLocaleString('en');
        status.textContent = `step ${e.step} · loss ${e.loss.toFixed(4)} · ${rate} ${o.unit}`;
      } else if (e.kind === 'eval' && e.metrics[o.validationMetric] !== undefined) {
        chart.pushValidation(e.step, e.metrics[o.validationMetric]!);
      }
    },
    onTrain: on(trainButton),
    onStop: on(stopButton),
    onReset: on(resetButton),
  };
}
