/**
 * A stay's key vitals over the 48-hour window, one small chart per variable: a dot at every
 * measurement (ICU charts are irregular: vitals about hourly with gaps, labs a few times a
 * day) joined by a thin line, and the selected hour as a vertical marker across all of them.
 * SVG scaled to its box: it fits a phone without scrolling.
 */
import { h, replaceChildren, svg } from '../lib/dom.js';

export interface VitalsSeries {
  readonly name: string;
  readonly unit: string;
  /** `[hours since admission, value]`, in time order. */
  readonly points: readonly (readonly [number, number])[];
}

export interface VitalsChart {
  readonly element: HTMLElement;
  show(series: readonly VitalsSeries[], window: number): void;
  /** Marks the end of hour index `t` (0-based). */
  select(t: number): void;
  clear(): void;
}

const box = Object.freeze({ width: 640, height: 64, left: 34, right: 18, top: 6, bottom: 6 });

const short = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : String(Number(x.toFixed(1))));

export function createVitalsChart(): VitalsChart {
  const element = h('div', { className: 'vitals-chart', dataset: { testid: 'vitals-chart' } });
  let markers: SVGLineElement[] = [];
  let hourX = (_t: number) => 0;

  return {
    element,
    show(series, window) {
      const w = box.width - box.left - box.right;
      const ph = box.height - box.top - box.bottom;
      const xOf = (hours: number) => box.left + (w * hours) / window;
      hourX = (t: number) => xOf(t + 1);
      markers = [];
      replaceChildren(
        element,
        ...series.map((s) => {
          const values = s.points.map((p) => p[1]);
          const lo = Math.min(...values);
          const hi = Math.max(...values);
          const span = hi - lo || 1;
          const y = (v: number) => box.top + ph * (1 - (v - lo) / span);
          const marker = svg('line', {
            className: 'clinical-marker',
            y1: box.top,
            y2: box.top + ph,
          });
          markers.push(marker);
          const last = s.points.at(-1);
          const title = h(
            'div',
            { className: 'vital-title' },
            h('strong', {}, s.name),
            ` ${s.unit}`,
            s.points.length === 0
              ? ' · not measured in this stay'
              : ` · ${s.points.length} measurements, ${short(lo)}–${short(hi)}${last ? `, last ${short(last[1])} at ${last[0].toFixed(1)} h` : ''}`,
          );
          const chart = svg(
            'svg',
            {
              viewBox: `0 0 ${box.width} ${box.height}`,
              className: 'clinical-svg',
              role: 'img',
              'aria-label': `${s.name}: ${s.points.length} measurements`,
            },
            svg('line', {
              x1: box.left,
              x2: box.width - box.right,
              y1: box.top + ph,
              y2: box.top + ph,
              className: 'trajectory-grid',
            }),
            svg(
              'text',
              { x: box.left - 4, y: box.top + 8, className: 'trajectory-axis' },
              s.points.length ? short(hi) : '',
            ),
            svg(
              'text',
              { x: box.left - 4, y: box.top + ph, className: 'trajectory-axis' },
              s.points.length ? short(lo) : '',
            ),
            marker,
            s.points.length > 1
              ? svg('path', {
                  d: s.points
                    .map(
                      ([t, v], i) =>
                        `${i === 0 ? 'M' : 'L'}${xOf(t).toFixed(1)},${y(v).toFixed(1)}`,
                    )
                    .join(' '),
                  className: 'vital-line',
                })
              : null,
            ...s.points.map(([t, v]) =>
              svg(
                'circle',
                { cx: xOf(t), cy: y(v), r: 2.2, className: 'vital-point' },
                svg('title', {}, `${s.name} ${v} at ${t.toFixed(2)} h`),
              ),
            ),
          );
          return h(
            'div',
            { className: 'vital', dataset: { vital: s.name, points: String(s.points.length) } },
            title,
            chart,
          );
        }),
      );
    },
    select(t) {
      for (const m of markers) {
        m.setAttribute('x1', String(hourX(t)));
        m.setAttribute('x2', String(hourX(t)));
      }
    },
    clear() {
      markers = [];
      element.replaceChildren();
    },
  };
}
