/**
 * Curves in the terminal: `asciiPlot(series, options)` draws points of several series on a
 * character grid, one mark per series, with the y range on the left and a legend below.
 */

export interface PlotSeries {
  readonly label: string;
  /** One character drawn at each point. */
  readonly mark: string;
  readonly points: readonly (readonly [number, number])[];
}

export interface AsciiPlotOptions {
  readonly width?: number;
  readonly height?: number;
  readonly title?: string;
  readonly xLabel?: string;
  /** Fixed y range; default: the data's. */
  readonly yMin?: number;
  readonly yMax?: number;
  /** Place x by log10 (for k = 5, 10, 20, 50, 100). */
  readonly logX?: boolean;
}

export const asciiPlotDefaults = Object.freeze({
  width: 60, // columns of the grid: fits an 80-column terminal with the axis labels
  height: 12, // rows of the grid
  logX: false, // linear x unless asked
});

const fmt = (v: number) => (Math.abs(v) >= 100 || Number.isInteger(v) ? String(v) : v.toFixed(2));

/**
 * @example
 * asciiPlot([{ label: 'lstm', mark: 'L', points: [[5, 1], [50, 0.98]] }], { logX: true });
 */
export function asciiPlot(series: readonly PlotSeries[], options: AsciiPlotOptions = {}): string[] {
  const o = { ...asciiPlotDefaults, ...options };
  const all = series
    .flatMap((s) => s.points)
    .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (all.length === 0) return [o.title ?? '', '(no points)'];
  const fx = (x: number) => (o.logX ? Math.log10(x) : x);
  const xs = all.map(([x]) => fx(x));
  const ys = all.map(([, y]) => y);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y0 = o.yMin ?? Math.min(...ys);
  const y1 = o.yMax ?? Math.max(...ys);
  const grid = Array.from({ length: o.height }, () => Array.from({ length: o.width }, () => ' '));
  for (const s of series) {
    for (const [x, y] of s.points) {
      if (!(Number.isFinite(x) && Number.isFinite(y))) continue;
      const col = x1 === x0 ? 0 : Math.round(((fx(x) - x0) / (x1 - x0)) * (o.width - 1));
      const clamped = Math.min(y1, Math.max(y0, y));
      const row = y1 === y0 ? 0 : Math.round(((y1 - clamped) / (y1 - y0)) * (o.height - 1));
      const cell = grid[row]![col]!;
      grid[row]![col] = cell === ' ' || cell === s.mark ? s.mark : '*'; // '*': points overlap
    }
  }
  const left = Math.max(fmt(y0).length, fmt(y1).length);
  const lines = o.title ? [o.title] : [];
  grid.forEach((row, i) => {
    const label = i === 0 ? fmt(y1) : i === o.height - 1 ? fmt(y0) : '';
    lines.push(`${label.padStart(left)} |${row.join('')}`);
  });
  lines.push(`${' '.repeat(left)} +${'-'.repeat(o.width)}`);
  const xFirst = fmt(o.logX ? Math.round(10 ** x0) : x0);
  const xLast = fmt(o.logX ? Math.round(10 ** x1) : x1);
  const axis = `${xFirst}${(o.xLabel ?? '').padStart(Math.floor(o.width / 2)).padEnd(o.width - xFirst.length - xLast.length)}${xLast}`;
  lines.push(`${' '.repeat(left + 2)}${axis}`);
  lines.push(
    `${' '.repeat(left + 2)}${series.map((s) => `${s.mark} ${s.label}`).join('   ')}   (* overlap)`,
  );
  return lines;
}
