/**
 * Which variables moved the risk: a heat map of gradient x input (rows: the variables that
 * mattered most over the stay, columns: hours; red raised the log-odds of death, blue
 * lowered it) and, for the selected hour, the three variables with the largest push, each
 * with its sign and size.
 */
import { colorOf } from '../lib/colors.js';
import { h, replaceChildren } from '../lib/dom.js';
import { createHeatMap } from './heat-map.js';

export interface SaliencyData {
  readonly variables: readonly string[];
  /** `values[variable][hour]`. */
  readonly values: readonly (readonly number[])[];
}

export interface SaliencyView {
  readonly element: HTMLElement;
  show(data: SaliencyData): void;
  /** Lists the top variables of hour index `t`. */
  select(t: number): void;
  clear(text: string): void;
}

export const saliencyViewDefaults = Object.freeze({
  rows: 12, // variables in the heat map: the 12 with the largest total |push| over the stay
  top: 3, // variables listed for the selected hour
});

const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;

export function createSaliencyView(): SaliencyView {
  const map = createHeatMap({
    cellWidth: 12,
    cellHeight: 16,
    legend: false, // its own key below: the heat map's says "state"
    label: 'gradient × input on the log-odds of death, per variable (rows) and hour (columns)',
  });
  const title = h('h3', { className: 'saliency-title', dataset: { testid: 'saliency-hour' } });
  const list = h('ol', { className: 'saliency-top', dataset: { testid: 'saliency-top' } });
  const key = h('div', { className: 'color-legend' });
  const element = h(
    'div',
    { className: 'saliency-view', dataset: { testid: 'saliency' } },
    h('div', { className: 'saliency-now' }, title, list),
    map.element,
    key,
  );
  let data: SaliencyData | null = null;

  return {
    element,
    show(d) {
      data = d;
      const total = d.values.map((row) => row.reduce((a, v) => a + Math.abs(v), 0));
      const order = total
        .map((t, r) => [t, r] as const)
        .sort((a, b) => b[0] - a[0])
        .slice(0, saliencyViewDefaults.rows)
        .map(([, r]) => r);
      const rows = order.map((r) => d.values[r]!.slice());
      const range = Math.max(1e-6, ...rows.flat().map(Math.abs));
      map.update({
        values: rows,
        rowLabels: order.map((r) => d.variables[r]!),
        // Every 6th hour labelled: two-digit labels on every 12 px column would overlap.
        colLabels: d.values[0]!.map((_, t) => (t === 0 || (t + 1) % 6 === 0 ? String(t + 1) : '')),
        scale: 'diverging',
        range,
      });
      const stops = Array.from({ length: 9 }, (_, k) =>
        colorOf(-range + (range * k) / 4, 'diverging', range),
      );
      replaceChildren(
        key,
        h(
          'span',
          { className: 'legend-item' },
          h('span', {}, `−${range.toFixed(2)}`),
          h('span', {
            className: 'legend-bar',
            style: { background: `linear-gradient(to right, ${stops.join(', ')})` },
          }),
          h('span', {}, `+${range.toFixed(2)}`),
          h('small', {}, ' log-odds (blue lowered the risk, red raised it)'),
        ),
      );
      element.dataset.rows = order.map((r) => d.variables[r]!).join(',');
      element.dataset.hours = String(d.values[0]!.length);
    },
    select(t) {
      if (!data) return;
      const top = data.variables
        .map((variable, r) => ({ variable, value: data!.values[r]![t]! }))
        .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
        .slice(0, saliencyViewDefaults.top);
      title.textContent = `After hour ${t + 1}, the risk was moved most by`;
      replaceChildren(
        list,
        ...top.map(({ variable, value }) =>
          h(
            'li',
            {
              className: value >= 0 ? 'raises' : 'lowers',
              dataset: { variable, value: String(value) },
            },
            h('strong', {}, variable),
            ` ${signed(value)} (${value >= 0 ? 'raised' : 'lowered'} the log-odds)`,
          ),
        ),
      );
      element.dataset.selected = String(t);
      element.dataset.top = top.map((x) => x.variable).join(',');
    },
    clear(text) {
      data = null;
      title.textContent = text;
      list.replaceChildren();
      delete element.dataset.rows;
      delete element.dataset.top;
    },
  };
}
