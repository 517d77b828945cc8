/**
 * The offer to bring back the model trained on this page before (a reload, a closed tab):
 * the browser keeps it in IndexedDB, saved at every validation and when training stops.
 * "Restore" makes it the current model (Train continues it); "Not now" hides the offer.
 */
import { h } from '../lib/dom.js';
import type { SavedRun } from '../worker/protocol.js';

export interface SavedModelBanner {
  readonly element: HTMLElement;
  show(saved: SavedRun): void;
  hide(): void;
  onRestore(listener: () => void): void;
}

export function createSavedModelBanner(): SavedModelBanner {
  const text = h('span', {});
  const restore = h(
    'button',
    { type: 'button', className: 'primary', dataset: { testid: 'restore-button' } },
    'Restore it',
  );
  const dismiss = h('button', { type: 'button' }, 'Not now');
  const element = h(
    'div',
    { className: 'banner', hidden: true, dataset: { testid: 'saved-model' } },
    text,
    h('span', { className: 'banner-actions' }, restore, dismiss),
  );
  dismiss.addEventListener('click', () => {
    element.hidden = true;
  });
  return {
    element,
    show(saved) {
      const val = saved.metrics.valLoss;
      const chars = String(saved.config.data.text ?? '').length.toLocaleString('en');
      text.textContent = `This browser kept the model you trained here: step ${saved.step}${val === undefined ? '' : `, validation loss ${val.toFixed(3)} nats/char`}, on ${chars} characters of text.`;
      element.dataset.step = String(saved.step);
      element.hidden = false;
    },
    hide() {
      element.hidden = true;
    },
    onRestore(listener) {
      restore.addEventListener('click', listener);
    },
  };
}
