/**
 * A labelled heat map on a canvas: rows (e.g. units or gates) by columns (time steps), each
 * cell coloured by its value, optionally with the value printed in it. Hovering a cell shows
 * its row, column and value. Canvas rather than SVG so 400 time steps x 64 units stay cheap.
 */

import { type ColorScale, colorOf, rgbOf, textColorOn } from '../lib/colors.js';
import { h, replaceChildren } from '../lib/dom.js';
import { colorLegend } from './color-legend.js';

export interface HeatMapData {
  /** `values[row][col]`. */
  readonly values: readonly (readonly number[])[];
  readonly rowLabels: readonly string[];
  readonly colLabels: readonly string[];
  readonly scale: ColorScale;
  /** A scale per row, overriding `scale` (e.g. gates sequential, states diverging). */
  readonly rowScales?: readonly ColorScale[];
  /** Values map onto [-range, range] (diverging) or [0, range] (sequential). Default 1. */
  readonly range?: number;
  /** Print each value in its cell (small maps only). */
  readonly showValues?: boolean;
  /** Highlight one row (e.g. the chosen unit). */
  readonly highlightRow?: number;
  /** Row height in px for this data, overriding the map's option (e.g. thinner rows for many units). */
  readonly cellHeight?: number;
  /** The hover text of a cell, overriding `row · t=col 'label' · value` (e.g. to show units). */
  readonly tip?: (row: number, col: number) => string;
}

export interface HeatMapOptions {
  readonly cellWidth?: number;
  readonly cellHeight?: number;
  readonly label?: string;
  /** Draw the colour key under the map (default true). */
  readonly legend?: boolean;
}

export interface HeatMap {
  readonly element: HTMLElement;
  update(data: HeatMapData): void;
}

/** Maps with more cells than this are painted as one image (a fillRect per cell costs ~1 µs). */
const imageCells = 4000;
const font = '12px ui-sans-serif, system-ui, sans-serif';
const monoFont = '11px ui-monospace, SFMono-Regular, Menlo, monospace';

/** Prints a column label so that spaces and newlines stay visible. */
export function visibleChar(c: string): string {
  if (c === ' ') return '␣';
  if (c === '\n') return '↵';
  if (c === '\t') return '⇥';
  return c;
}

export function createHeatMap(options: HeatMapOptions = {}): HeatMap {
  const canvas = h('canvas', { className: 'heat-map-canvas' });
  const tip = h('div', { className: 'heat-map-tip', hidden: true });
  const scroll = h('div', { className: 'heat-map-scroll' }, canvas, tip);
  const cue = h('p', { className: 'scroll-cue', hidden: true, dataset: { testid: 'scroll-cue' } });
  const legend = h('div', {});
  const element = h(
    'figure',
    { className: 'heat-map' },
    options.label ? h('figcaption', {}, options.label) : null,
    scroll,
    cue,
    legend,
  );
  /** Says when the map is wider than its box (a phone, a long text): it scrolls sideways. */
  const updateCue = (cols: number) => {
    const hidden = scroll.scrollWidth > scroll.clientWidth + 1;
    cue.hidden = !hidden;
    scroll.classList.toggle('overflows', hidden);
    cue.textContent = hidden ? `Scroll sideways → to see all ${cols} columns.` : '';
  };
  new ResizeObserver(() => data && updateCue(data.colLabels.length)).observe(scroll);
  let data: HeatMapData | undefined;
  let layout = { left: 0, top: 0, cw: 0, ch: 0 };

  function draw(d: HeatMapData): void {
    data = d;
    const ctx = canvas.getContext('2d')!;
    const rows = d.values.length;
    const cols = d.colLabels.length;
    const cw = options.cellWidth ?? (d.showValues ? 46 : 14);
    const ch = d.cellHeight ?? options.cellHeight ?? (d.showValues ? 26 : 14);
    ctx.font = font;
    const left = 8 + Math.max(0, ...d.rowLabels.map((l) => ctx.measureText(l).width));
    const rowFont = ch < 12 ? '10px ui-sans-serif, system-ui, sans-serif' : font;
    const top = 20;
    layout = { left, top, cw, ch };
    const width = Math.ceil(left + 4 + cols * cw + 2);
    const height = Math.ceil(top + rows * ch + 2);
    const dpr = window.devicePixelRatio || 1;
    canvas.width = width * dpr;
    canvas.height = height * dpr;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    if (options.legend !== false) {
      replaceChildren(
        legend,
        colorLegend([...(d.rowScales ?? []), ...(d.rowScales ? [] : [d.scale])], d.range ?? 1),
      );
    }
    updateCue(cols);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const range = d.range ?? 1;
    ctx.textBaseline = 'middle';
    // Column labels (time steps / characters).
    ctx.font = monoFont;
    ctx.textAlign = 'center';
    ctx.fillStyle = '#475569';
    const every = Math.max(1, Math.ceil(12 / cw));
    d.colLabels.forEach((label, c) => {
      if (c % every === 0) ctx.fillText(label, left + 4 + c * cw + cw / 2, top / 2);
    });
    const asImage = !d.showValues && rows * cols > imageCells;
    if (asImage) paintCells(ctx, d, { left: left + 4, top, cw, ch }, range);
    // Rows.
    d.values.forEach((row, r) => {
      const y = top + r * ch;
      ctx.font = rowFont;
      ctx.textAlign = 'right';
      ctx.fillStyle = r === d.highlightRow ? '#b45309' : '#334155';
      const labelEvery = Math.max(1, Math.ceil(12 / ch)); // thin labels on short rows
      if (r % labelEvery === 0 || r === d.highlightRow) {
        ctx.fillText(d.rowLabels[r] ?? '', left - 2, y + ch / 2);
      }
      const scale = d.rowScales?.[r] ?? d.scale;
      if (!asImage) {
        row.forEach((value, c) => {
          const x = left + 4 + c * cw;
          ctx.fillStyle = colorOf(value, scale, range);
          ctx.fillRect(x, y, cw - 1, ch - 1);
          if (d.showValues) {
            ctx.font = monoFont;
            ctx.textAlign = 'center';
            ctx.fillStyle = textColorOn(value, scale, range);
            ctx.fillText(value.toFixed(2), x + cw / 2, y + ch / 2);
          }
        });
      }
      if (r === d.highlightRow) {
        ctx.strokeStyle = '#f59e0b';
        ctx.lineWidth = Math.min(2, ch);
        ctx.strokeRect(left + 3, y - 0.5, cols * cw, ch);
      }
    });
  }

  canvas.addEventListener('mousemove', (event) => {
    if (!data) return;
    const rect = canvas.getBoundingClientRect();
    const c = Math.floor((event.clientX - rect.left - layout.left - 4) / layout.cw);
    const r = Math.floor((event.clientY - rect.top - layout.top) / layout.ch);
    const value = data.values[r]?.[c];
    if (value === undefined) {
      tip.hidden = true;
      return;
    }
    tip.hidden = false;
    tip.textContent =
      data.tip?.(r, c) ??
      `${data.rowLabels[r]} · t=${c + 1} '${data.colLabels[c]}' · ${value.toFixed(3)}`;
    tip.style.left = `${event.clientX - rect.left + 12}px`;
    tip.style.top = `${event.clientY - rect.top + 12}px`;
  });
  canvas.addEventListener('mouseleave', () => {
    tip.hidden = true;
  });

  return { element, update: draw };
}

/**
 * Paints every cell of a large map at once: one pixel per cell in an ImageData, scaled up
 * without smoothing, then the gaps between cells drawn over it as lines.
 */
function paintCells(
  ctx: CanvasRenderingContext2D,
  d: HeatMapData,
  at: { left: number; top: number; cw: number; ch: number },
  range: number,
): void {
  const rows = d.values.length;
  const cols = d.colLabels.length;
  const image = new ImageData(cols, rows);
  d.values.forEach((row, r) => {
    const scale = d.rowScales?.[r] ?? d.scale;
    row.forEach((value, c) => {
      const [red, green, blue] = rgbOf(value, scale, range);
      const i = (r * cols + c) * 4;
      image.data[i] = red;
      image.data[i + 1] = green;
      image.data[i + 2] = blue;
      image.data[i + 3] = 255;
    });
  });
  const cells = new OffscreenCanvas(cols, rows);
  cells.getContext('2d')!.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(cells, at.left, at.top, cols * at.cw, rows * at.ch);
  // The 1 px gaps the small maps have between cells, where cells are big enough to show them.
  ctx.fillStyle = '#fff';
  if (at.cw >= 4) {
    for (let c = 1; c <= cols; c++) ctx.fillRect(at.left + c * at.cw - 1, at.top, 1, rows * at.ch);
  }
  if (at.ch >= 4) {
    for (let r = 1; r <= rows; r++) ctx.fillRect(at.left, at.top + r * at.ch - 1, cols * at.cw, 1);
  }
}

/** Transposes `[time][units]` into `[units][time]` (heat-map rows are units). */
export function transpose(m: readonly (readonly number[])[]): number[][] {
  const rows = m[0]?.length ?? 0;
  return Array.from({ length: rows }, (_, r) => m.map((row) => row[r]!));
}
