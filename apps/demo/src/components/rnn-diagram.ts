/**
 * The lecture's picture, side by side: the recurrent cell as a circuit (one box with a loop
 * W back into itself) and the same network unrolled over the input sequence (one box per
 * time step, h_{t-1} -> h_t along the top, x_t -> cell from below). Each unrolled box shows
 * that step's h_t as coloured squares, one per unit, so the picture is live data.
 */
import { colorOf } from '../lib/colors.js';
import { replaceChildren, svg } from '../lib/dom.js';
import { visibleChar } from './heat-map.js';

export interface RnnDiagram {
  readonly element: SVGSVGElement;
  update(kind: 'rnn' | 'lstm', tokens: readonly string[], h: readonly (readonly number[])[]): void;
}

const ink = '#334155';
const soft = '#94a3b8';

function arrow(x1: number, y1: number, x2: number, y2: number, color = ink): SVGElement {
  return svg('line', {
    x1,
    y1,
    x2,
    y2,
    stroke: color,
    'stroke-width': 1.6,
    'marker-end': 'url(#arrow)',
  });
}

function text(
  x: number,
  y: number,
  content: string,
  props: Record<string, unknown> = {},
): SVGElement {
  return svg(
    'text',
    { x, y, 'text-anchor': 'middle', 'dominant-baseline': 'middle', ...props },
    content,
  );
}

function defs(): SVGElement {
  return svg(
    'defs',
    {},
    svg(
      'marker',
      {
        id: 'arrow',
        viewBox: '0 0 10 10',
        refX: 9,
        refY: 5,
        markerWidth: 7,
        markerHeight: 7,
        orient: 'auto-start-reverse',
      },
      svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: ink }),
    ),
  );
}

/** The folded cell: x_t in, h_t out, a loop carrying h_{t-1} back through W. */
function circuit(kind: 'rnn' | 'lstm'): SVGElement {
  const label = kind === 'rnn' ? 'tanh' : 'LSTM';
  return svg(
    'g',
    { className: 'circuit' },
    text(95, 14, 'circuit', { 'font-weight': 600, fill: soft, 'font-size': 13 }),
    svg('rect', {
      x: 55,
      y: 80,
      width: 80,
      height: 50,
      rx: 10,
      fill: '#eef2ff',
      stroke: '#6366f1',
      'stroke-width': 1.8,
    }),
    text(95, 105, label, { 'font-size': 15, 'font-weight': 600, fill: '#3730a3' }),
    svg('circle', { cx: 95, cy: 190, r: 16, fill: '#fff', stroke: ink }),
    text(95, 191, 'x_t', { 'font-size': 13 }),
    arrow(95, 174, 95, 132),
    text(106, 153, 'U', { 'font-size': 13, 'font-style': 'italic', 'text-anchor': 'start' }),
    arrow(95, 80, 95, 48),
    svg('circle', { cx: 95, cy: 32, r: 16, fill: '#fff', stroke: ink }),
    text(95, 33, 'h_t', { 'font-size': 13 }),
    svg('path', {
      d: 'M135,92 C200,86 200,124 137,118',
      fill: 'none',
      stroke: '#dc2626',
      'stroke-width': 1.6,
      'marker-end': 'url(#arrow)',
    }),
    text(196, 105, 'W', { 'font-size': 13, 'font-style': 'italic', fill: '#dc2626' }),
    text(158, 70, 'h_{t−1}', { 'font-size': 10, fill: '#dc2626' }),
    text(
      8,
      228,
      kind === 'rnn'
        ? 'h_t = tanh(h_{t−1} W + x_t U + b)'
        : '(h_t, c_t) = LSTM(x_t, h_{t−1}, c_{t−1})',
      {
        'font-size': 11,
        fill: ink,
        'text-anchor': 'start',
      },
    ),
  );
}

export function createRnnDiagram(): RnnDiagram {
  const element = svg('svg', {
    className: 'rnn-diagram',
    role: 'img',
    'aria-label': 'circuit diagram and unrolled graph',
    dataset: { testid: 'rnn-diagram' },
  });
  return {
    element,
    update(kind, tokens, hs) {
      const T = tokens.length;
      const units = hs[0]?.length ?? 1;
      const dx = 74;
      const x0 = 330; // first unrolled box
      const boxW = 52;
      const width = x0 + T * dx + 20;
      element.setAttribute('viewBox', `0 0 ${width} 245`);
      // Drawn at 1.2x its viewBox (readable labels); narrower screens scroll.
      element.setAttribute('width', String(Math.round(width * 1.2)));
      element.setAttribute('height', String(Math.round(245 * 1.2)));
      const sq = Math.min(10, (boxW - 8) / units);
      const parts: SVGElement[] = [defs(), circuit(kind)];
      parts.push(text(250, 105, 'unroll ⇒', { 'font-size': 13, fill: soft, 'font-weight': 600 }));
      parts.push(
        text(x0 + (T * dx) / 2, 14, 'unrolled over time', {
          'font-weight': 600,
          fill: soft,
          'font-size': 13,
        }),
      );
      // h_0
      parts.push(text(x0 - 24, 122, 'h₀=0', { 'font-size': 11, fill: soft }));
      tokens.forEach((tok, t) => {
        const cx = x0 + t * dx + dx / 2;
        const bx = cx - boxW / 2;
        const prevRight = t === 0 ? x0 - 40 : cx - dx + boxW / 2;
        parts.push(arrow(prevRight, 105, bx - 1, 105, '#dc2626'));
        if (t === 0)
          parts.push(
            text((prevRight + bx) / 2 + 2, 96, 'W', {
              'font-size': 11,
              'font-style': 'italic',
              fill: '#dc2626',
            }),
          );
        parts.push(
          svg('rect', {
            x: bx,
            y: 80,
            width: boxW,
            height: 50,
            rx: 8,
            fill: '#eef2ff',
            stroke: '#6366f1',
            'stroke-width': 1.4,
          }),
        );
        const row = hs[t] ?? [];
        const startX = cx - (units * sq) / 2;
        row.forEach((v, u) => {
          parts.push(
            svg('rect', {
              x: startX + u * sq,
              y: 100,
              width: sq - 1,
              height: sq - 1 + 4,
              fill: colorOf(v, 'diverging'),
              stroke: '#cbd5e1',
              'stroke-width': 0.5,
            }),
          );
        });
        parts.push(
          text(cx, 90, kind === 'rnn' ? 'tanh' : 'LSTM', { 'font-size': 10, fill: '#3730a3' }),
        );
        parts.push(svg('circle', { cx, cy: 190, r: 14, fill: '#fff', stroke: ink }));
        parts.push(
          text(cx, 191, visibleChar(tok), {
            'font-size': 13,
            'font-family': 'ui-monospace, monospace',
          }),
        );
        parts.push(arrow(cx, 176, cx, 132));
        if (t === 0)
          parts.push(
            text(cx + 9, 153, 'U', {
              'font-size': 11,
              'font-style': 'italic',
              'text-anchor': 'start',
            }),
          );
        parts.push(arrow(cx, 80, cx, 48));
        parts.push(text(cx, 36, `h${subscript(t + 1)}`, { 'font-size': 12 }));
        parts.push(text(cx, 222, `t=${t + 1}`, { 'font-size': 10, fill: soft }));
      });
      replaceChildren(element, ...parts);
    },
  };
}

function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]!);
}
