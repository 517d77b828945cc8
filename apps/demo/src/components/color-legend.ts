/**
 * The key to a heat map's colours: a gradient bar per colour scale it uses, with its ends
 * labelled (diverging: −range blue, 0 white, +range red; sequential: 0 white to range teal).
 */
import { type ColorScale, colorOf } from '../lib/colors.js';
import { h } from '../lib/dom.js';

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

function bar(scale: ColorScale, range: number): HTMLElement {
  const from = scale === 'diverging' ? -range : 0;
  const stops = Array.from({ length: 9 }, (_, k) =>
    colorOf(from + ((range - from) * k) / 8, scale, range),
  );
  return h(
    'span',
    { className: 'legend-item', dataset: { scale } },
    h('span', {}, scale === 'diverging' ? `−${fmt(range)}` : '0'),
    h('span', {
      className: 'legend-bar',
      style: { background: `linear-gradient(to right, ${stops.join(', ')})` },
    }),
    h('span', {}, scale === 'diverging' ? `+${fmt(range)}` : fmt(range)),
    scale === 'diverging'
      ? h('small', {}, ' (state: blue negative, red positive)')
      : h('small', {}, ' (gates, p: closed/unlikely to open/likely)'),
  );
}

/** A legend for the scales in `scales` (each once), at `range`. */
export function colorLegend(scales: readonly ColorScale[], range = 1): HTMLElement {
  const distinct = [...new Set(scales)];
  return h(
    'div',
    { className: 'color-legend', dataset: { testid: 'color-legend' } },
    ...distinct.map((s) => bar(s, range)),
  );
}
