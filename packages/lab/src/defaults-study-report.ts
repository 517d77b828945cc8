/**
 * The defaults study as a markdown table: one row per recorded run, in the study's order,
 * the held-out loss beside its difference from today's default (negative = better).
 */
import type { DefaultsStudyRunResult } from './defaults-study-run.js';

export interface DefaultsStudyRow {
  readonly name: string;
  readonly change: string;
  readonly result: DefaultsStudyRunResult;
}

const fixed = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(4));
const signed = (x: number) => `${x > 0 ? '+' : ''}${x.toFixed(4)}`;
const count = (n: number) => n.toLocaleString('en-US');

function duration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds - 60 * m);
  return m > 0 ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`;
}

/**
 * @example
 * defaultsStudyTable(rows, 'today', [200, 500], 1500);
 * // ['| run | change | train loss @200 | ...', '|---|...', '| today | ... | 1.5978 | 0 | 4m09s |']
 */
export function defaultsStudyTable(
  rows: readonly DefaultsStudyRow[],
  baseline: string,
  lossSteps: readonly number[],
  steps: number,
): string[] {
  const base = rows.find((r) => r.name === baseline)?.result.valLoss;
  const head = [
    'run',
    'change from today',
    ...lossSteps.map((s) => `train loss @${count(s)}`),
    `held-out nats/char @${count(steps)}`,
    'vs today',
    'time',
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const { name, change, result } of rows) {
    const diff = base === undefined ? '-' : signed(result.valLoss - base);
    const cells = [
      name,
      change,
      ...lossSteps.map((s) => fixed(result.trainLoss[String(s)])),
      fixed(result.valLoss),
      name === baseline ? '0' : diff,
      duration(result.seconds),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines;
}
