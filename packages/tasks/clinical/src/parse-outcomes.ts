/**
 * Parses a PhysioNet 2012 outcomes file (`Outcomes-a.txt`), streamed:
 *
 *   RecordID,SAPS-I,SOFA,Length_of_stay,Survival,In-hospital_death
 *   132539,6,1,5,-1,0
 *
 * `In-hospital_death` (0 or 1) is the label; SAPS-I and SOFA are the severity scores the
 * challenge shipped (kept for reference; -1 = missing). Malformed lines are reported as
 * `outcome` issues with file and line, and skipped.
 *
 * @example
 * const outcomes = await parseOutcomes(files.textSource('data/Outcomes-a.txt'), report);
 * outcomes.get(132539); // { death: 0, saps: 6, sofa: 1, lengthOfStay: 5, survival: -1 }
 */
import type { TextSource } from '@recurrent/data';
import type { ParseReport } from './parse-report.js';
import { readLines } from './read-lines.js';

export interface Outcome {
  /** In-hospital death: 1 died, 0 survived. */
  readonly death: 0 | 1;
  readonly saps: number;
  readonly sofa: number;
  readonly lengthOfStay: number;
  readonly survival: number;
}

const HEADER = 'RecordID,SAPS-I,SOFA,Length_of_stay,Survival,In-hospital_death';
const INTEGER = /^-?\d+$/;

export async function parseOutcomes(
  source: TextSource,
  report: ParseReport,
): Promise<Map<number, Outcome>> {
  const file = source.name;
  const out = new Map<number, Outcome>();
  let lineNo = 0;
  const issue = (text: string, message: string) =>
    report.add('outcome', { file, line: lineNo, text, message });
  for await (const raw of readLines(source)) {
    lineNo++;
    const text = raw.trim();
    if (lineNo === 1) {
      if (text === HEADER) continue;
      issue(raw, `expected the header "${HEADER}"`);
    }
    if (text === '') continue;
    const fields = text.split(',').map((f) => f.trim());
    if (fields.length !== 6 || !fields.every((f) => INTEGER.test(f))) {
      issue(raw, `expected 6 integers (${HEADER}), got ${fields.length} fields`);
      continue;
    }
    const [id, saps, sofa, los, survival, death] = fields.map(Number) as number[];
    if (death !== 0 && death !== 1) {
      issue(raw, `expected In-hospital_death 0 or 1, got ${death}`);
      continue;
    }
    if (out.has(id!)) {
      issue(raw, `RecordID ${id} given twice; the first line is kept`);
      continue;
    }
    out.set(id!, { death, saps: saps!, sofa: sofa!, lengthOfStay: los!, survival: survival! });
  }
  return out;
}
