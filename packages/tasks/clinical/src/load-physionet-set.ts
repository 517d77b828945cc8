/**
 * Loads a PhysioNet 2012 folder as the challenge ships it, through the app's `TaskFiles`:
 *
 *   <data>/set-a/132539.txt ...   one file per stay
 *   <data>/Outcomes-a.txt         the labels
 *
 * Files are parsed one at a time (4,000 stays of set-a, or all 12,000 of a, b and c, never
 * sit in memory as text). Stays without an outcome and outcomes without a stay are
 * reported as `unmatched` and left out.
 *
 * @example
 * const set = await loadPhysionetSet(files, 'data/physionet-2012', { sets: ['a'] });
 * set.stays.length; set.labels; describeParseReport(set.report);
 */
import { DataFormatError } from '@recurrent/errors';
import type { TaskFiles } from '@recurrent/task';
import { type Outcome, parseOutcomes } from './parse-outcomes.js';
import { createParseReport, type ParseReport } from './parse-report.js';
import { parseStay, type Stay } from './parse-stay.js';

export interface PhysionetSet {
  readonly stays: readonly Stay[];
  /** In-hospital death of each stay (1 = died). */
  readonly labels: Uint8Array;
  readonly outcomes: readonly Outcome[];
  readonly report: ParseReport;
  /** `data/physionet-2012 (set-a)`. */
  readonly source: string;
}

export interface LoadPhysionetSetOptions {
  /** Which sets: `['a']` (4,000 stays), `['a', 'b', 'c']` (12,000). */
  readonly sets?: readonly string[];
  /** Progress every 500 files. */
  readonly onLog?: (line: string) => void;
}

export const loadPhysionetSetDefaults = Object.freeze({
  sets: Object.freeze(['a']) as readonly string[], // the challenge's training set, the usual benchmark
});

/** Joins stays to outcomes; reports the ones that do not match. */
export function matchOutcomes(
  stays: readonly Stay[],
  outcomes: ReadonlyMap<number, Outcome>,
  report: ParseReport,
  outcomesFile: string,
): { stays: Stay[]; labels: Uint8Array; outcomes: Outcome[] } {
  const kept: Stay[] = [];
  const matched: Outcome[] = [];
  const ids = new Set<number>();
  for (const stay of stays) {
    ids.add(stay.recordId);
    const o = outcomes.get(stay.recordId);
    if (!o) {
      report.add('unmatched', {
        file: stay.source,
        line: 0,
        text: '',
        message: `RecordID ${stay.recordId} has no line in ${outcomesFile}; left out`,
      });
      continue;
    }
    kept.push(stay);
    matched.push(o);
  }
  for (const id of outcomes.keys()) {
    if (!ids.has(id)) {
      report.add('unmatched', {
        file: outcomesFile,
        line: 0,
        text: String(id),
        message: `RecordID ${id} has an outcome but no stay file; left out`,
      });
    }
  }
  return { stays: kept, labels: Uint8Array.from(matched, (o) => o.death), outcomes: matched };
}

export async function loadPhysionetSet(
  files: TaskFiles,
  folder: string,
  options: LoadPhysionetSetOptions = {},
): Promise<PhysionetSet> {
  const sets = options.sets ?? loadPhysionetSetDefaults.sets;
  const report = createParseReport();
  const stays: Stay[] = [];
  const labels: number[] = [];
  const outcomes: Outcome[] = [];
  for (const set of sets) {
    const dir = files.join(folder, `set-${set}`);
    const outcomesFile = files.join(folder, `Outcomes-${set}.txt`);
    if ((await files.kind(dir)) !== 'folder' || (await files.kind(outcomesFile)) !== 'file') {
      throw new DataFormatError(
        `clinical: expected ${dir}/ (one <RecordID>.txt per stay) and ${outcomesFile} in ${folder}, got ${(await files.kind(dir)) ?? 'nothing'} and ${(await files.kind(outcomesFile)) ?? 'nothing'}. Download them with \`recurrent data fetch physionet-2012\`, or pass the folder that holds them.`,
      );
    }
    const names = (await files.list(dir)).filter((n) => n.endsWith('.txt'));
    if (names.length === 0) {
      throw new DataFormatError(
        `clinical: expected <RecordID>.txt stay files in ${dir}, got none. Unpack set-${set}.tar.gz there.`,
      );
    }
    const parsed: Stay[] = [];
    for (const [i, name] of names.entries()) {
      parsed.push(await parseStay(files.textSource(files.join(dir, name)), report));
      if ((i + 1) % 500 === 0)
        options.onLog?.(`set-${set}: parsed ${i + 1} of ${names.length} stays`);
    }
    const joined = matchOutcomes(
      parsed,
      await parseOutcomes(files.textSource(outcomesFile), report),
      report,
      outcomesFile,
    );
    stays.push(...joined.stays);
    labels.push(...joined.labels);
    outcomes.push(...joined.outcomes);
  }
  if (stays.length === 0) {
    throw new DataFormatError(
      `clinical: no stay in ${folder} has an outcome; check that set-* and Outcomes-* belong together.`,
    );
  }
  return {
    stays,
    labels: Uint8Array.from(labels),
    outcomes,
    report,
    source: `${folder} (set-${sets.join(', set-')})`,
  };
}
