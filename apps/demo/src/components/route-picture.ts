/**
 * The home page's small picture of each page: a few SVG shapes that say what it is about (a
 * cell with its loop, coloured letters, a sentence with a minus sign, a time series with
 * gaps, shapes and a caption, a fading gradient). 120 x 64 px, drawn, no image files.
 */
import { svg } from '../lib/dom.js';
import type { RouteEntry } from '../routes.js';

const ink = '#4f46e5';
const soft = '#c7d2fe';

function rect(x: number, y: number, w: number, hh: number, fill: string, rx = 4) {
  return svg('rect', { x, y, width: w, height: hh, rx, fill });
}
function text(x: number, y: number, t: string, fill = '#1f2937', size = 12) {
  const el = svg('text', {
    x,
    y,
    fill,
    'font-size': size,
    'font-family': 'ui-sans-serif, sans-serif',
  });
  el.textContent = t;
  return el;
}
function path(d: string, stroke = ink, width = 2) {
  return svg('path', { d, stroke, fill: 'none', 'stroke-width': width, 'stroke-linecap': 'round' });
}

const pictures: Record<RouteEntry['picture'], () => SVGElement[]> = {
  cell: () => [
    ...[0, 1, 2, 3].map((k) => rect(6 + k * 29, 22, 22, 22, [soft, '#a5b4fc', '#818cf8', ink][k]!)),
    ...[0, 1, 2].map((k) => path(`M${28 + k * 29} 33 h7`)),
    ...['h', 'e', 'l', 'l'].map((c, k) => text(13 + k * 29, 60, c, '#64748b', 11)),
  ],
  text: () =>
    ['C', 'a', 'l', 'l', ' ', 'm', 'e'].map((c, k) => {
      const colours = ['#fecaca', '#f87171', '#bfdbfe', '#60a5fa', '#fff', '#fca5a5', '#93c5fd'];
      return svg(
        'g',
        {},
        rect(4 + k * 16, 18, 15, 26, colours[k]!, 2),
        text(7 + k * 16, 36, c, '#1f2937', 14),
      );
    }),
  sentiment: () => [
    text(4, 26, 'not', '#dc2626', 13),
    text(32, 26, 'good', '#059669', 13),
    path('M8 44 h104', '#e2e8f0', 8),
    path('M60 44 h-40', '#dc2626', 8),
    text(70, 60, '− 0.8', '#dc2626', 11),
  ],
  clinical: () => [
    path('M4 40 L18 30 L30 36', '#0d9488'),
    path('M52 20 L66 28 L80 18 L94 34 L112 26', '#0d9488'),
    ...[10, 24, 58, 72, 86, 104].map((x, k) =>
      svg('circle', { cx: x, cy: [35, 33, 24, 23, 26, 30][k]!, r: 2.5, fill: '#0f766e' }),
    ),
    text(34, 58, 'gap', '#94a3b8', 10),
  ],
  captioning: () => [
    svg('circle', { cx: 16, cy: 24, r: 10, fill: '#f59e0b' }),
    rect(32, 14, 20, 20, '#60a5fa', 2),
    svg('polygon', { points: '62,34 72,14 82,34', fill: '#34d399' }),
    text(4, 56, 'a circle left of…', '#1f2937', 11),
  ],
  gradients: () =>
    Array.from({ length: 8 }, (_, k) =>
      rect(4 + k * 14, 20, 12, 24, `rgba(79, 70, 229, ${0.9 ** (k * 3)})`, 2),
    ),
};

export function routePicture(picture: RouteEntry['picture']): SVGElement {
  return svg(
    'svg',
    {
      viewBox: '0 0 120 64',
      width: 120,
      height: 64,
      role: 'img',
      'aria-hidden': 'true',
      className: 'route-picture',
    },
    ...pictures[picture](),
  );
}
