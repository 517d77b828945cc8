/**
 * Aligned plain-text tables for the benchmark output: a header row, a rule, then rows;
 * numbers right-aligned, text left-aligned. Also the number formats the tables use.
 */

export interface Column {
  readonly title: string;
  /** Right-align (numbers). Default: left. */
  readonly right?: boolean;
}

/** The table as lines of text (no trailing newline). */
export function formatTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
): string {
  const widths = columns.map((c, i) =>
    Math.max(c.title.length, ...rows.map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (columns[i]?.right ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(columns.map((c) => c.title)), rule, ...rows.map(line)].join('\n');
}

/** The same table in markdown (`| a | b |` rows, numbers right-aligned). */
export function formatMarkdown(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const rule = `|${columns.map((c) => (c.right ? '---:' : '---')).join('|')}|`;
  return [
    line(columns.map((c) => c.title)),
    rule,
    ...rows.map((r) => line(columns.map((_, i) => r[i] ?? ''))),
  ].join('\n');
}

/** `12,345` (no decimals), or `-` for a missing number. */
export function formatCount(n: number | undefined): string {
  return n === undefined || !Number.isFinite(n) ? '-' : Math.round(n).toLocaleString('en-US');
}

/** `5.3x` ratio of ours to theirs, or `-`. */
export function formatRatio(ours: number | undefined, theirs: number | undefined): string {
  if (ours === undefined || theirs === undefined || !(theirs > 0)) return '-';
  return `${(ours / theirs).toFixed(1)}x`;
}

/** Megabytes with no decimals, or `-`. */
export function formatMegabytes(bytes: number | undefined): string {
  return bytes === undefined ? '-' : `${Math.round(bytes / 2 ** 20)}`;
}
