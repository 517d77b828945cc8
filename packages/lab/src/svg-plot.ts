/**
 * A small SVG line chart with no dependencies: `svgPlot(panels)` lays out panels side by
 * side, each with axes, ticks at the data's range, one polyline per series and a legend.
 */
import type { PlotSeries } from './ascii-plot.js';

export interface SvgSeries extends PlotSeries {
  readonly color: string;
  readonly dashed?: boolean;
}

export interface SvgPanel {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly SvgSeries[];
  readonly logX?: boolean;
  readonly yMin?: number;
  readonly yMax?: number;
}

export const svgPlotDefaults = Object.freeze({
  panelWidth: 420, // px per panel: two panels fit a README column
  panelHeight: 300, // px
  margin: 50, // px for the axis labels
});

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(3));

function panelSvg(p: SvgPanel, left: number): string {
  const { panelWidth: w, panelHeight: h, margin: m } = svgPlotDefaults;
  const fx = (x: number) => (p.logX ? Math.log10(x) : x);
  const pts = p.series
    .flatMap((s) => s.points)
    .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const xs = pts.map(([x]) => fx(x));
  const ys = pts.map(([, y]) => y);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y0 = p.yMin ?? Math.min(...ys);
  const y1 = p.yMax ?? Math.max(...ys);
  const px = (x: number) => left + m + (x1 === x0 ? 0 : ((fx(x) - x0) / (x1 - x0)) * (w - 2 * m));
  const py = (y: number) => h - m + (y1 === y0 ? 0 : -((y - y0) / (y1 - y0)) * (h - 2 * m));
  const out: string[] = [
    `<text x="${left + w / 2}" y="20" text-anchor="middle" font-weight="bold">${esc(p.title)}</text>`,
    `<line x1="${left + m}" y1="${h - m}" x2="${left + w - m}" y2="${h - m}" stroke="#333"/>`,
    `<line x1="${left + m}" y1="${m}" x2="${left + m}" y2="${h - m}" stroke="#333"/>`,
    `<text x="${left + w / 2}" y="${h - 12}" text-anchor="middle">${esc(p.xLabel)}</text>`,
    `<text x="${left + 14}" y="${h / 2}" text-anchor="middle" transform="rotate(-90 ${left + 14} ${h / 2})">${esc(p.yLabel)}</text>`,
    `<text x="${left + m - 4}" y="${py(y1) + 4}" text-anchor="end">${num(y1)}</text>`,
    `<text x="${left + m - 4}" y="${py(y0) + 4}" text-anchor="end">${num(y0)}</text>`,
  ];
  const xTicks = [...new Set(p.series.flatMap((s) => s.points.map(([x]) => x)))];
  const shown = xTicks.length <= 8 ? xTicks : [Math.min(...xTicks), Math.max(...xTicks)];
  for (const x of shown) {
    out.push(`<text x="${px(x)}" y="${h - m + 16}" text-anchor="middle">${num(x)}</text>`);
  }
  p.series.forEach((s, i) => {
    const line = s.points
      .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y))
      .map(([x, y]) => `${px(x).toFixed(1)},${py(Math.min(y1, Math.max(y0, y))).toFixed(1)}`)
      .join(' ');
    const dash = s.dashed ? ' stroke-dasharray="5,4"' : '';
    out.push(
      `<polyline points="${line}" fill="none" stroke="${s.color}" stroke-width="2"${dash}/>`,
    );
    const ly = m + 4 + i * 15;
    out.push(
      `<line x1="${left + w - m - 90}" y1="${ly}" x2="${left + w - m - 72}" y2="${ly}" stroke="${s.color}" stroke-width="2"${dash}/>`,
      `<text x="${left + w - m - 68}" y="${ly + 4}">${esc(s.label)}</text>`,
    );
  });
  return out.join('\n');
}

/**
 * @example
 * const svg = svgPlot([{ title: 'accuracy vs k', xLabel: 'k', yLabel: 'accuracy',
 *   series: [{ label: 'lstm', mark: 'L', color: '#d62728', points: [[5, 1], [50, 0.98]] }] }]);
 */
export function svgPlot(panels: readonly SvgPanel[]): string {
  const { panelWidth: w, panelHeight: h } = svgPlotDefaults;
  const body = panels.map((p, i) => panelSvg(p, i * w)).join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w * panels.length}" height="${h}" font-family="sans-serif" font-size="11">
<rect width="100%" height="100%" fill="white"/>
${body}
</svg>
`;
}
