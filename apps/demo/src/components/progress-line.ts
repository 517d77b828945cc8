/**
 * A progress bar with a line of text beside it: determinate (`show(done, total, text)`:
 * training steps, sampled characters, with an ETA) or indeterminate (`busy(text)`: a model or
 * a data set loading, where no size is known in advance). `hide()` when the work ends.
 */
import { h } from '../lib/dom.js';

export interface ProgressLine {
  readonly element: HTMLElement;
  show(done: number, total: number, text: string): void;
  busy(text: string): void;
  hide(): void;
}

export function createProgressLine(testid: string): ProgressLine {
  const bar = h('progress', { max: 1, value: 0 });
  const text = h('span', { className: 'progress-text' });
  const element = h(
    'div',
    { className: 'progress-line', hidden: true, dataset: { testid } },
    bar,
    text,
  );
  return {
    element,
    show(done, total, line) {
      element.hidden = false;
      bar.max = Math.max(1, total);
      bar.value = Math.min(done, total);
      text.textContent = line;
      element.dataset.state = 'running';
    },
    busy(line) {
      element.hidden = false;
      bar.removeAttribute('value'); // indeterminate
      text.textContent = line;
      element.dataset.state = 'busy';
    },
    hide() {
      element.hidden = true;
      element.dataset.state = 'idle';
    },
  };
}

/** `1m 05s`, `12s`: the time left at the current rate. */
export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '…';
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
