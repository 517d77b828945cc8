/**
 * The vanishing lab's numbers as a table, one row per finished (model, k): held-out accuracy
 * at initialisation and after training, the gradient ratio ||dL/dh_1|| / ||dL/dh_T|| at
 * initialisation and after training, and the time it took. The same (model, k) again
 * replaces its row. Each row can show its heat map again (`onShow`).
 */
import type { VanishingRow } from '@recurrent/lab';
import { h } from '../lib/dom.js';
import { modelLooks } from './accuracy-curve.js';

export interface VanishingResults {
  readonly element: HTMLElement;
  add(row: VanishingRow): void;
  clear(): void;
}

const ratio = (v: number) => (v > 0 ? v.toExponential(1) : '0');

export function createVanishingResults(
  onShow: (model: string, k: number) => void,
): VanishingResults {
  const body = h('tbody', {});
  const element = h(
    'div',
    { className: 'table-scroll', dataset: { testid: 'vanishing-results' }, hidden: true },
    h(
      'table',
      { className: 'results-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'model'),
          h('th', {}, 'k'),
          h('th', {}, 'accuracy (init → trained)'),
          h('th', {}, '||dL/dh_1|| / ||dL/dh_T|| (init → trained)'),
          h('th', {}, 'time'),
          h('th', {}, ''),
        ),
      ),
      body,
    ),
  );
  const rows = new Map<string, HTMLTableRowElement>();
  return {
    element,
    add(r) {
      const key = `${r.model}@${r.k}`;
      const tr = h(
        'tr',
        { dataset: { model: r.model, k: String(r.k), accuracy: r.accuracy.toFixed(3) } },
        h('td', {}, modelLooks[r.model]?.label ?? r.model),
        h('td', {}, String(r.k)),
        h('td', {}, `${r.accuracyAtInit.toFixed(3)} → ${r.accuracy.toFixed(3)}`),
        h('td', {}, `${ratio(r.ratioInit)} → ${ratio(r.ratioTrained)}`),
        h('td', {}, `${r.seconds.toFixed(1)} s`),
        h('td', {}, h('button', { type: 'button', onclick: () => onShow(r.model, r.k) }, 'map')),
      );
      const old = rows.get(key);
      if (old) old.replaceWith(tr);
      else body.append(tr);
      rows.set(key, tr);
      element.hidden = false;
    },
    clear() {
      rows.clear();
      body.replaceChildren();
      element.hidden = true;
    },
  };
}
