/**
 * The vanishing lab's heat map: log10 ||dL/dh_t|| for every step t of the sequence (columns)
 * at every measured training step (rows, top = initialisation), filled in row by row as the
 * worker measures. Two colourings, both blue where less gradient arrives:
 * - `relative` (default): log10(||dL/dh_t|| / ||dL/dh_T||), how much of the gradient at the
 *   last step reaches step t: white = all of it, blue = a 10^-n of it, red = more than at T.
 *   Each row is read on its own, so a trained model whose loss (and so every gradient) is
 *   tiny still shows where its gradient goes.
 * - `absolute`: log10 ||dL/dh_t|| on one scale for the whole map (white = its largest value).
 * The raw norms stay on the element (`data-flow-init`, `data-rows`) for tests and readers.
 */
import { colorOf } from '../lib/colors.js';
import { h, perFrame, replaceChildren } from '../lib/dom.js';
import { createHeatMap } from './heat-map.js';

export type GradientMapMode = 'relative' | 'absolute';

export const gradientMapDefaults = Object.freeze({
  decades: 10, // the relative scale spans 10^-10..10^10: 1e-3 (chrono at init) reads light, 1e-13 (GRU) saturates
  floor: -30, // absolute scale: below 1e-30 is drawn as 1e-30 (float32 underflows to 0 near 1e-38)
});

export interface GradientHeatMap {
  readonly element: HTMLElement;
  /** Empties the map for a new run: `length` columns, the key token at step `keyAt` (1-based). */
  reset(title: string, length: number, keyAt: number): void;
  /** One row: ||dL/dh_t|| for t = 1..length after `step` training steps. */
  push(step: number, norms: readonly number[]): void;
  setMode(mode: GradientMapMode): void;
  readonly rows: number;
}

const log10 = (v: number) => (v > 0 ? Math.log10(v) : Number.NEGATIVE_INFINITY);
const fmt = (v: number) => (v > 0 ? v.toExponential(2) : '0 (underflowed float32)');

export function createGradientHeatMap(): GradientHeatMap {
  const map = createHeatMap({ cellWidth: 12, cellHeight: 8, legend: false });
  const caption = h('p', { className: 'hint', dataset: { testid: 'gradient-map-title' } });
  const legend = h('div', { className: 'color-legend' });
  const element = h(
    'div',
    { className: 'gradient-map', dataset: { testid: 'gradient-map', rows: '0' } },
    caption,
    map.element,
    legend,
  );
  const steps: number[] = [];
  const norms: number[][] = [];
  let length = 0;
  let keyAt = 0;
  let mode: GradientMapMode = 'relative';
  const { decades, floor } = gradientMapDefaults;

  function bar(from: string, to: string, note: string, right: boolean): HTMLElement {
    const stops = Array.from({ length: 9 }, (_, i) =>
      colorOf(right ? (i - 4) / 4 : (i - 8) / 8, 'diverging', 1),
    );
    return h(
      'span',
      { className: 'legend-item' },
      h('span', {}, from),
      h('span', {
        className: 'legend-bar',
        style: { background: `linear-gradient(to right, ${stops.join(', ')})` },
      }),
      h('span', {}, to),
      h('small', {}, ` ${note}`),
    );
  }

  const draw = perFrame(() => {
    if (length === 0) return;
    const logs = norms.map((row) => row.map(log10));
    let values: number[][];
    let range: number;
    if (mode === 'relative') {
      values = logs.map((row) => {
        const last = row[length - 1]!;
        return row.map((v) => Math.max(-decades, Math.min(decades, v - last)));
      });
      range = decades;
      replaceChildren(
        legend,
        bar(
          `≤ 1e-${decades}`,
          `≥ 1e+${decades}`,
          '× the gradient at the last step (white: the same)',
          true,
        ),
      );
    } else {
      const finite = logs.flat().filter(Number.isFinite);
      const hi = Math.max(...finite);
      const lo = Math.max(floor, Math.min(...finite));
      range = Math.max(1e-6, hi - lo);
      values = logs.map((row) => row.map((v) => Math.max(lo, v) - hi));
      replaceChildren(
        legend,
        bar(
          `1e${lo.toFixed(1)}`,
          `1e${hi.toFixed(1)}`,
          '||dL/dh_t||, one scale for the map',
          false,
        ),
      );
    }
    map.update({
      values,
      rowLabels: steps.map((s) => `step ${s}`),
      colLabels: Array.from({ length }, (_, c) => {
        const t = c + 1;
        return t === 1 || t === length || t % 10 === 0 ? String(t) : '';
      }),
      scale: 'diverging',
      range,
      tip: (r, c) => {
        const v = norms[r]![c]!;
        const last = norms[r]![length - 1]!;
        const where = c + 1 === keyAt ? ' (the key)' : c + 1 === length ? ' (the query)' : '';
        return `step ${steps[r]} · t=${c + 1}${where} · ||dL/dh_t|| ${fmt(v)} · ${fmt(v / last)} of t=${length}`;
      },
    });
  });

  return {
    element,
    reset(title, newLength, newKeyAt) {
      steps.length = 0;
      norms.length = 0;
      length = newLength;
      keyAt = newKeyAt;
      caption.textContent = title;
      element.dataset.rows = '0';
      element.dataset.length = String(newLength);
      delete element.dataset.flowInit;
      draw();
    },
    push(step, row) {
      steps.push(step);
      norms.push([...row]);
      if (step === 0) element.dataset.flowInit = row.join(',');
      element.dataset.rows = String(norms.length);
      element.dataset.lastStep = String(step);
      draw();
    },
    setMode(next) {
      mode = next;
      element.dataset.mode = next;
      draw();
    },
    get rows() {
      return norms.length;
    },
  };
}
