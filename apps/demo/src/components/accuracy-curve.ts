/**
 * Accuracy vs k, one line per model side by side (SVG): held-out accuracy of each (model, k)
 * the page has trained, a point added as each finishes (the same (model, k) again replaces
 * its point), k on a log axis, chance (0.5) dashed. Scales with its box (a phone included).
 */
import { h, svg } from '../lib/dom.js';

export interface AccuracyCurve {
  readonly element: HTMLElement;
  set(model: string, k: number, accuracy: number): void;
  clear(): void;
}

/** The models of @recurrent/lab's labModels, their colour and the name a reader sees. */
export const modelLooks: Readonly<Record<string, { color: string; label: string }>> = Object.freeze(
  {
    rnn: { color: '#dc2626', label: 'simple RNN' },
    gru: { color: '#7c3aed', label: 'GRU' },
    'lstm-f0': { color: '#0891b2', label: 'LSTM, forget bias 0' },
    'lstm-f1': { color: '#2563eb', label: 'LSTM, forget bias 1' },
    'lstm-chrono': { color: '#059669', label: 'LSTM, chrono init' },
  },
);

const size = { width: 560, height: 240, left: 44, right: 16, top: 12, bottom: 36 };
const ticks = [5, 10, 20, 30, 50, 100, 200];

export function createAccuracyCurve(): AccuracyCurve {
  const plot = svg('svg', {
    viewBox: `0 0 ${size.width} ${size.height}`,
    className: 'accuracy-curve-svg',
    role: 'img',
    'aria-label': 'held-out accuracy against the distance k, one line per model',
  });
  const legend = h('div', { className: 'accuracy-legend' });
  const element = h(
    'figure',
    { className: 'accuracy-curve', dataset: { testid: 'accuracy-curve', points: '' } },
    h('figcaption', {}, 'held-out accuracy (512 sequences) vs k; chance is 0.5 (dashed)'),
    plot,
    legend,
  );
  /** model -> k -> accuracy */
  const points = new Map<string, Map<number, number>>();

  function draw(): void {
    const ks = [...points.values()].flatMap((m) => [...m.keys()]);
    const kMin = Math.min(5, ...ks);
    const kMax = Math.max(50, ...ks);
    const plotW = size.width - size.left - size.right;
    const plotH = size.height - size.top - size.bottom;
    const x = (k: number) =>
      size.left + ((Math.log(k) - Math.log(kMin)) / (Math.log(kMax) - Math.log(kMin))) * plotW;
    const y = (a: number) => size.top + (1 - a) * plotH;
    const axis: SVGElement[] = [];
    for (const a of [0, 0.25, 0.5, 0.75, 1]) {
      axis.push(
        svg('line', {
          x1: size.left,
          x2: size.left + plotW,
          y1: y(a),
          y2: y(a),
          stroke: a === 0.5 ? '#94a3b8' : '#e2e8f0',
          'stroke-dasharray': a === 0.5 ? '4 3' : '',
        }),
        svg('text', { x: size.left - 6, y: y(a) + 4, 'text-anchor': 'end' }, a.toFixed(2)),
      );
    }
    for (const k of ticks.filter((t) => t >= kMin && t <= kMax)) {
      axis.push(
        svg('line', { x1: x(k), x2: x(k), y1: size.top, y2: size.top + plotH, stroke: '#f1f5f9' }),
        svg('text', { x: x(k), y: size.top + plotH + 16, 'text-anchor': 'middle' }, String(k)),
      );
    }
    axis.push(
      svg(
        'text',
        { x: size.left + plotW / 2, y: size.height - 4, 'text-anchor': 'middle' },
        'k (steps between the key and the question), log scale',
      ),
    );
    const lines: SVGElement[] = [];
    for (const [model, byK] of points) {
      const color = modelLooks[model]?.color ?? '#334155';
      const sorted = [...byK.entries()].sort((a, b) => a[0] - b[0]);
      lines.push(
        svg('polyline', {
          points: sorted.map(([k, a]) => `${x(k)},${y(a)}`).join(' '),
          fill: 'none',
          stroke: color,
          'stroke-width': 2,
        }),
        ...sorted.map(([k, a]) =>
          svg(
            'circle',
            { cx: x(k), cy: y(a), r: 4, fill: color, dataset: { model, k: String(k) } },
            svg('title', {}, `${modelLooks[model]?.label ?? model}, k = ${k}: ${a.toFixed(3)}`),
          ),
        ),
      );
    }
    plot.replaceChildren(...axis, ...lines);
    legend.replaceChildren(
      ...[...points.keys()].map((model) =>
        h(
          'span',
          { className: 'legend-item' },
          h('span', {
            className: 'legend-swatch',
            style: { background: modelLooks[model]?.color ?? '#334155' },
          }),
          modelLooks[model]?.label ?? model,
        ),
      ),
    );
    // Every point as text, for tests and screen readers: `gru@5=1.000;rnn@5=1.000`.
    element.dataset.points = [...points.entries()]
      .flatMap(([model, byK]) => [...byK].map(([k, a]) => `${model}@${k}=${a.toFixed(3)}`))
      .sort()
      .join(';');
  }

  draw();
  return {
    element,
    set(model, k, accuracy) {
      if (!points.has(model)) points.set(model, new Map());
      points.get(model)!.set(k, accuracy);
      draw();
    },
    clear() {
      points.clear();
      draw();
    },
  };
}
