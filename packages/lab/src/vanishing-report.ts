/**
 * What `recurrent lab vanishing` shows: the tables (accuracy vs k; the gradient ratio at
 * initialisation and after training), the terminal curves, and the SVG plot of one sweep.
 */
import { asciiPlot, type PlotSeries } from './ascii-plot.js';
import type { VanishingRow, VanishingSweep } from './run-vanishing-sweep.js';
import { type SvgSeries, svgPlot } from './svg-plot.js';

/** One mark and colour per model of `labModels`, the same in every plot. */
const marks: Readonly<Record<string, string>> = {
  rnn: 'R',
  gru: 'G',
  'lstm-f0': '0',
  'lstm-f1': '1',
  'lstm-chrono': 'C',
};
const palette: Readonly<Record<string, string>> = {
  rnn: '#1f77b4',
  gru: '#2ca02c',
  'lstm-f0': '#ff7f0e',
  'lstm-f1': '#d62728',
  'lstm-chrono': '#9467bd',
};

const sci = (v: number) => (Number.isFinite(v) ? v.toExponential(1) : String(v));

function modelNames(rows: readonly VanishingRow[]): string[] {
  return [...new Set(rows.map((r) => r.model))];
}

function ksOf(rows: readonly VanishingRow[]): number[] {
  return [...new Set(rows.map((r) => r.k))].sort((a, b) => a - b);
}

function grid(
  rows: readonly VanishingRow[],
  cell: (r: VanishingRow) => string,
  width: number,
): string[] {
  const ks = ksOf(rows);
  const names = modelNames(rows);
  const head = `${'model'.padEnd(12)}${ks.map((k) => `k=${k}`.padStart(width)).join('')}`;
  return [
    head,
    ...names.map((name) => {
      const cells = ks.map((k) => {
        const r = rows.find((x) => x.model === name && x.k === k);
        return (r ? cell(r) : '-').padStart(width);
      });
      return `${name.padEnd(12)}${cells.join('')}`;
    }),
  ];
}

/**
 * The two tables of a sweep.
 *
 * @example
 * const lines = vanishingTables(sweep); // the app prints them (recurrent lab vanishing)
 */
export function vanishingTables(sweep: VanishingSweep): string[] {
  const { rows, options } = sweep;
  return [
    `accuracy on ${options.evalSize} held-out sequences of length k + 10 (chance 0.50), after ${options.steps} steps`,
    ...grid(rows, (r) => r.accuracy.toFixed(3), 8),
    '',
    'gradient ratio ||dL/dh_1|| / ||dL/dh_T||: at initialisation -> after training',
    ...grid(rows, (r) => `${sci(r.ratioInit)} -> ${sci(r.ratioTrained)}`, 20),
  ];
}

/** Accuracy vs k, one series per model. */
function accuracySeries(rows: readonly VanishingRow[]): PlotSeries[] {
  return modelNames(rows).map((name, i) => ({
    label: name,
    mark: marks[name] ?? String(i),
    points: rows.filter((r) => r.model === name).map((r) => [r.k, r.accuracy] as const),
  }));
}

/** log10 ||dL/dh_t|| vs t at the largest k, after training (or at initialisation). */
function flowSeries(rows: readonly VanishingRow[], trained: boolean): PlotSeries[] {
  const k = Math.max(...ksOf(rows));
  return modelNames(rows).flatMap((name, i) => {
    const r = rows.find((x) => x.model === name && x.k === k);
    if (!r) return [];
    const h = (trained ? r.flowTrained : r.flowInit).h;
    return [
      {
        label: name,
        mark: marks[name] ?? String(i),
        points: h.map((v, t) => [t + 1, Math.log10(Math.max(v, 1e-30))] as const),
      },
    ];
  });
}

/** The curves, drawn in characters. */
export function vanishingAsciiPlots(sweep: VanishingSweep): string[] {
  const { rows } = sweep;
  if (rows.length === 0) return [];
  const k = Math.max(...ksOf(rows));
  return [
    ...asciiPlot(accuracySeries(rows), {
      title: 'accuracy vs k (log scale)',
      xLabel: 'k',
      yMin: 0.4,
      yMax: 1,
      logX: true,
      height: 10,
    }),
    '',
    ...asciiPlot(flowSeries(rows, true), {
      title: `log10 ||dL/dh_t|| over t at k = ${k}, after training`,
      xLabel: 't',
      height: 10,
    }),
  ];
}

const color = (series: readonly PlotSeries[], dashed = false): SvgSeries[] =>
  series.map((s) => ({ ...s, color: palette[s.label] ?? '#7f7f7f', dashed }));

/** Three panels: accuracy vs k; log10 ||dL/dh_t|| over t at the largest k, at init and after training. */
export function vanishingSvg(sweep: VanishingSweep): string {
  const { rows } = sweep;
  const k = Math.max(...ksOf(rows));
  return svgPlot([
    {
      title: 'held-out accuracy vs k',
      xLabel: 'k (log scale)',
      yLabel: 'accuracy',
      logX: true,
      yMin: 0.4,
      yMax: 1,
      series: color(accuracySeries(rows)),
    },
    {
      title: `log10 ||dL/dh_t||, k = ${k}, at initialisation`,
      xLabel: 't',
      yLabel: 'log10 norm',
      series: color(flowSeries(rows, false), true),
    },
    {
      title: `log10 ||dL/dh_t||, k = ${k}, after training`,
      xLabel: 't',
      yLabel: 'log10 norm',
      series: color(flowSeries(rows, true)),
    },
  ]);
}
