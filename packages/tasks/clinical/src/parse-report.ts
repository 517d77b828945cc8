/**
 * What a parse found wrong, by kind, with the file and line of the first few cases of each
 * kind and a count of all of them. Nothing malformed is dropped or kept silently: every
 * case lands here, and `describeParseReport` prints it.
 *
 * @example
 * const report = createParseReport();
 * report.add('range', { file: 'set-a/132539.txt', line: 14, text: '00:31,HR,900', message: 'HR 900 outside 0-300 bpm: missing' });
 * describeParseReport(report); // ['parse: 1 range (out of the physiological range, made missing; first set-a/132539.txt:14 ...)']
 */

/** Every kind of problem the parser reports, with what happens to the line. */
export const parseIssueKinds = Object.freeze({
  header: 'no `Time,Parameter,Value` header (the line is read as data)',
  fields: 'not 3 comma-separated fields (line skipped)',
  time: 'time not HH:MM (line skipped)',
  window: 'time after 48:00 (line skipped)',
  order: 'time earlier than the line before (kept)',
  parameter: 'unknown parameter (line skipped)',
  value: 'value not a number (line skipped)',
  range: 'out of the physiological range (made missing)',
  descriptor: 'descriptor repeated, late or missing (first one kept)',
  record: 'RecordID differs from the file name (the file name wins)',
  empty: 'blank line inside a file (skipped)',
  outcome: 'malformed line of an Outcomes file (skipped)',
  unmatched: 'stay without an outcome, or outcome without a stay (skipped)',
});

export type ParseIssueKind = keyof typeof parseIssueKinds;

export interface ParseIssue {
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
  readonly text: string;
  readonly message: string;
}

export interface ParseReport {
  readonly counts: Readonly<Partial<Record<ParseIssueKind, number>>>;
  /** The first `examplesPerKind` issues of each kind. */
  readonly examples: Readonly<Partial<Record<ParseIssueKind, readonly ParseIssue[]>>>;
  /** Files and lines read, observations kept, `-1` (missing) values seen. */
  readonly totals: { files: number; lines: number; observations: number; missing: number };
  add(kind: ParseIssueKind, issue: ParseIssue): void;
  /** Issues of every kind. */
  issueCount(): number;
}

export const parseReportDefaults = Object.freeze({
  examplesPerKind: 3, // enough to find the pattern; the count says how many there are
});

export function createParseReport(
  options: { readonly examplesPerKind?: number } = {},
): ParseReport {
  const keep = options.examplesPerKind ?? parseReportDefaults.examplesPerKind;
  const counts: Partial<Record<ParseIssueKind, number>> = {};
  const examples: Partial<Record<ParseIssueKind, ParseIssue[]>> = {};
  const totals = { files: 0, lines: 0, observations: 0, missing: 0 };
  return {
    counts,
    examples,
    totals,
    add(kind, issue) {
      counts[kind] = (counts[kind] ?? 0) + 1;
      const list = examples[kind] ?? [];
      examples[kind] = list;
      if (list.length < keep) list.push(issue);
    },
    issueCount: () => Object.values(counts).reduce((a, b) => a + (b ?? 0), 0),
  };
}

const count = (n: number) => n.toLocaleString('en-US');

/** One line per kind found, with its first example: `parse: 12 range (...; first set-a/1.txt:9 "00:31,HR,900")`. */
export function describeParseReport(report: ParseReport): string[] {
  const t = report.totals;
  const lines = [
    `parse: ${count(t.files)} files | ${count(t.lines)} lines | ${count(t.observations)} observations kept | ${count(t.missing)} values -1 (missing) | ${count(report.issueCount())} problems`,
  ];
  for (const kind of Object.keys(parseIssueKinds) as ParseIssueKind[]) {
    const n = report.counts[kind];
    if (!n) continue;
    const first = report.examples[kind]?.[0];
    const where = first
      ? `; first ${first.file}:${first.line} ${JSON.stringify(first.text)}: ${first.message}`
      : '';
    lines.push(`  ${count(n)} ${kind}: ${parseIssueKinds[kind]}${where}`);
  }
  return lines;
}
