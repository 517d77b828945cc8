/**
 * The risk of in-hospital death after every hour of a stay, as the model gives it (the
 * lecture's per-step output): a line over the 48 hours with a point per hour, coloured from
 * white (low) to red (high), and a marker on the selected hour. Clicking or tapping an hour
 * selects it. Drawn as SVG scaled to its box, so it fits a phone without scrolling.
 */
import { colorOf } from '../lib/colors.js';
import { h, replaceChildren, svg } from '../lib/dom.js';

export interface RiskChart {
  readonly element: HTMLElement;
  /** Draws `risk[t]` (the risk after hour t + 1) over a window of `window` hours. */
  show(risk: readonly number[], window: number): void;
  /** Moves the marker to hour index `t` (0-based). */
  select(t: number): void;
  clear(text: string): void;
  onSelect(listener: (t: number) => void): void;
}

const box = Object.freeze({ width: 640, height: 190, left: 34, right: 18, top: 10, bottom: 26 });

export function createRiskChart(): RiskChart {
  const caption = h('p', { className: 'hint', dataset: { testid: 'risk-caption' } });
  const plot = h('div', { className: 'clinical-plot' });
  const element = h(
    'div',
    { className: 'risk-chart', dataset: { testid: 'risk-chart' } },
    plot,
    caption,
  );
  const listeners: ((t: number) => void)[] = [];
  let marker: SVGLineElement | null = null;
  let x = (_t: number) => 0;

  return {
    element,
    show(risk, window) {
      const w = box.width - box.left - box.right;
      const ph = box.height - box.top - box.bottom;
      const step = w / window;
      x = (t: number) => box.left + step * (t + 1); // hour t + 1 ends at this x
      const y = (p: number) => box.top + ph * (1 - p);
      const d = risk.map((p, t) => `${t === 0 ? 'M' : 'L'}${x(t).toFixed(1)},${y(p).toFixed(1)}`);
      marker = svg('line', { className: 'clinical-marker', y1: box.top, y2: box.top + ph });
      const ticks = [0, 12, 24, 36, 48].filter((hr) => hr <= window);
      const chart = svg(
        'svg',
        {
          viewBox: `0 0 ${box.width} ${box.height}`,
          className: 'clinical-svg',
          role: 'img',
          'aria-label': `risk of in-hospital death after each hour: ${risk.map((p, t) => `hour ${t + 1} ${p.toFixed(3)}`).join(', ')}`,
        },
        ...[0, 0.25, 0.5, 0.75, 1].map((p) =>
          svg(
            'g',
            {},
            svg('line', {
              x1: box.left,
              x2: box.width - box.right,
              y1: y(p),
              y2: y(p),
              className: 'trajectory-grid',
            }),
            svg(
              'text',
              { x: box.left - 4, y: y(p) + 4, className: 'trajectory-axis' },
              p.toFixed(2),
            ),
          ),
        ),
        ...ticks.map((hr) =>
          svg(
            'text',
            { x: box.left + step * hr, y: box.height - 8, className: 'clinical-tick' },
            `${hr} h`,
          ),
        ),
        marker,
        svg('path', { d: d.join(' '), className: 'trajectory-line' }),
        ...risk.map((p, t) =>
          svg(
            'circle',
            {
              cx: x(t),
              cy: y(p),
              r: 3.5,
              fill: colorOf(p, 'diverging'),
              className: 'trajectory-point',
            },
            svg('title', {}, `after hour ${t + 1}: risk ${p.toFixed(3)}`),
          ),
        ),
        // One transparent column per hour: the click (tap) targets.
        ...risk.map((_, t) => {
          const target = svg('rect', {
            x: x(t) - step / 2,
            y: box.top,
            width: step,
            height: ph,
            className: 'clinical-hit',
            dataset: { hour: String(t) },
          });
          target.addEventListener('click', () => {
            for (const l of listeners) l(t);
          });
          return target;
        }),
      );
      replaceChildren(plot, chart);
      element.dataset.risk = risk.join(',');
      element.dataset.hours = String(risk.length);
      caption.textContent = `Risk after hour ${risk.length}: ${risk.at(-1)!.toFixed(3)} · highest ${Math.max(...risk).toFixed(3)} (after hour ${risk.indexOf(Math.max(...risk)) + 1}). Click an hour to see what moved it.`;
    },
    select(t) {
      if (!marker) return;
      marker.setAttribute('x1', String(x(t)));
      marker.setAttribute('x2', String(x(t)));
      element.dataset.selected = String(t);
    },
    clear(text) {
      marker = null;
      plot.replaceChildren();
      delete element.dataset.risk;
      delete element.dataset.hours;
      caption.textContent = text;
    },
    onSelect(listener) {
      listeners.push(listener);
    },
  };
}
