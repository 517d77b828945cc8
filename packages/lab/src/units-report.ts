/**
 * What `recurrent lab units` prints: the table of the top units per feature, and the text
 * coloured by one unit, character by character (Karpathy et al. 2015). On a terminal the
 * background of each character is the unit's value (blue negative, white 0, red positive;
 * h as it is, c through tanh, as the demo page colours them); in plain text a row of digits
 * under each line gives it: 0 at the unit's lowest value on the text, 9 at its highest.
 */
import type { RankedUnit, UnitRanking } from './rank-units.js';

export const unitsReportDefaults = Object.freeze({
  width: 96, // characters per printed line: fits an 100-column terminal with the margin
  digits: '0123456789', // the plain rendering's levels, lowest to highest
});

const signed = (r: number) => `${r >= 0 ? '+' : '-'}${Math.abs(r).toFixed(2)}`;

/** `c45 +0.31` */
export function rankedLabel(u: RankedUnit): string {
  return `${u.name} ${signed(u.r)}`;
}

/** One row per feature: its label and its top units with r. */
export function unitsTable(ranking: UnitRanking): string[] {
  const labelWidth = Math.max(7, ...ranking.features.map((f) => f.label.length)) + 2;
  const top = Math.max(1, ...ranking.features.map((f) => f.top.length));
  const cellWidth = Math.max(
    12,
    ...ranking.features.flatMap((f) => f.top.map((u) => rankedLabel(u).length + 3)),
  );
  const ordinal = (k: number) => ['1st', '2nd', '3rd'][k] ?? `${k + 1}th`;
  const header = `${'feature'.padEnd(labelWidth)}${Array.from({ length: top }, (_, k) => ordinal(k).padEnd(cellWidth)).join('')}`;
  return [
    header.trimEnd(),
    ...ranking.features.map((f) => {
      const cells = f.top.length
        ? f.top.map((u) => rankedLabel(u).padEnd(cellWidth)).join('')
        : '(constant on this text: nothing to track)';
      return `${f.label.padEnd(labelWidth)}${cells}`.trimEnd();
    }),
  ];
}

/** The values of unit `unit` over the text (h as it is, c through tanh, as ranked and drawn). */
export function unitValues(ranking: UnitRanking, unit: number): Float64Array {
  const width = ranking.units.length;
  return Float64Array.from(ranking.chars, (_, t) => ranking.activations[t * width + unit]!);
}

/** The text as printed lines of at most `width` characters; `\n` shows as `↵` and ends one. */
function printedLines(chars: readonly string[], width: number): number[][] {
  const lines: number[][] = [];
  let line: number[] = [];
  chars.forEach((ch, t) => {
    line.push(t);
    if (ch === '\n' || line.length === width) {
      lines.push(line);
      line = [];
    }
  });
  if (line.length) lines.push(line);
  return lines;
}

const shown = (ch: string) => (ch === '\n' ? '↵' : ch === '\t' ? ' ' : ch);

function ansiBackground(v: number): string {
  const k = Math.max(0, Math.min(1, Math.abs(v)));
  const [r, g, b] = v < 0 ? [37, 99, 235] : [220, 38, 38];
  const mix = (a: number) => Math.round(255 + (a - 255) * k);
  const text = k > 0.55 ? '97' : '30'; // white on strong colours, black elsewhere
  return `\x1b[${text};48;2;${mix(r)};${mix(g)};${mix(b)}m`;
}

export interface UnitTextOptions {
  /** ANSI colours (a terminal) or digit rows (plain text). */
  readonly color: boolean;
  /** Characters per printed line. */
  readonly width?: number;
  /** Characters drawn, from the start (the rest is left out). */
  readonly limit?: number;
}

/**
 * @example
 * unitTextLines([...'abc'], [-1, 1, 0], { color: false });
 * // ['abc', '095']
 */
export function unitTextLines(
  chars: readonly string[],
  values: ArrayLike<number>,
  options: UnitTextOptions,
): string[] {
  const width = options.width ?? unitsReportDefaults.width;
  const drawn = chars.slice(0, options.limit ?? chars.length);
  const lines = printedLines(drawn, width);
  if (options.color) {
    return lines.map(
      (line) =>
        `${line.map((t) => `${ansiBackground(values[t]!)}${shown(chars[t]!)}`).join('')}\x1b[0m`,
    );
  }
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < drawn.length; t++) {
    lo = Math.min(lo, values[t]!);
    hi = Math.max(hi, values[t]!);
  }
  const levels = unitsReportDefaults.digits;
  const level = (v: number) =>
    hi > lo ? levels[Math.round(((v - lo) / (hi - lo)) * (levels.length - 1))]! : levels[0]!;
  return lines.flatMap((line) => [
    line.map((t) => shown(chars[t]!)).join(''),
    line.map((t) => level(values[t]!)).join(''),
  ]);
}
