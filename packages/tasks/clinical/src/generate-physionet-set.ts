/**
 * The embedded default dataset: generated ICU stays written in the real PhysioNet 2012
 * format (`set-a/<RecordID>.txt` files and an `Outcomes-a.txt`), so what runs by default is
 * the real parser path. Every stay has its own seed (`mixSeed(seed, index)`): the first
 * `n` stays are the same whatever the total, and the same seed gives the same files.
 *
 * `loadGeneratedSet` generates and parses one stay at a time; `generatePhysionetFiles`
 * gives the texts (to write them to a folder, or to ship with a page).
 *
 * @example
 * const set = await loadGeneratedSet({ stays: 2000, seed: 2012 });
 * for (const f of generatePhysionetFiles({ stays: 3 })) writeFileSync(`set-a/${f.recordId}.txt`, f.text);
 */
import { mixSeed, stringSource } from '@recurrent/data';
import { createRandom } from '@recurrent/random';
import { chartStay } from './chart-stay.js';
import { matchOutcomes, type PhysionetSet } from './load-physionet-set.js';
import { parseOutcomes } from './parse-outcomes.js';
import { createParseReport } from './parse-report.js';
import { parseStay, type Stay } from './parse-stay.js';
import { simulatePatient } from './simulate-patient.js';

export interface GenerateOptions {
  /** How many stays. */
  readonly stays?: number;
  readonly seed?: number;
  /** RecordID of the first stay (the real set-a starts at 132539). */
  readonly firstRecordId?: number;
}

export const generateDefaults = Object.freeze({
  stays: 4000, // the size of set-a, the challenge's training set
  seed: 2012, // the challenge's year
  firstRecordId: 200001, // outside the real record ids (132539-163037), so they never mix
});

export interface GeneratedStayFile {
  readonly recordId: number;
  /** `Time,Parameter,Value\n00:00,RecordID,200001\n...` */
  readonly text: string;
  /** Its line of Outcomes-a.txt (no header). */
  readonly outcomeLine: string;
}

export const OUTCOMES_HEADER = 'RecordID,SAPS-I,SOFA,Length_of_stay,Survival,In-hospital_death';

const clip = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The stays one at a time, with their outcome lines. */
export function* generatePhysionetFiles(
  options: GenerateOptions = {},
): Generator<GeneratedStayFile> {
  const o = { ...generateDefaults, ...options };
  for (let i = 0; i < o.stays; i++) {
    const rng = createRandom(mixSeed(o.seed, i));
    const patient = simulatePatient(rng);
    const recordId = o.firstRecordId + i;
    const text = chartStay(patient, recordId, rng);
    const s0 = patient.severity[0]!;
    const saps = Math.round(
      clip(14 + 4 * s0 + 0.12 * (patient.age - 64) + 2 * rng.normal(), 0, 40),
    );
    const sofa = Math.round(clip(5 + 2.5 * s0 + 1.5 * rng.normal(), 0, 20));
    const los = Math.max(2, Math.round(3 + 6 * rng.next() + 2 * Math.max(0, s0)));
    const survival = patient.died
      ? Math.max(0, Math.round(patient.endMinute / 1440 + rng.next() * los))
      : -1;
    const outcomeLine = `${recordId},${saps},${sofa},${los},${survival},${patient.died ? 1 : 0}`;
    yield { recordId, text, outcomeLine };
  }
}

/** Generates the stays and parses each through the real parser (`parseStay`, `parseOutcomes`). */
export async function loadGeneratedSet(options: GenerateOptions = {}): Promise<PhysionetSet> {
  const o = { ...generateDefaults, ...options };
  const report = createParseReport();
  const stays: Stay[] = [];
  const outcomeLines = [OUTCOMES_HEADER];
  for (const file of generatePhysionetFiles(o)) {
    const name = `generated/set-a/${file.recordId}.txt`;
    stays.push(await parseStay(stringSource(file.text, { name }), report));
    outcomeLines.push(file.outcomeLine);
  }
  const outcomesName = 'generated/Outcomes-a.txt';
  const outcomes = await parseOutcomes(
    stringSource(`${outcomeLines.join('\n')}\n`, { name: outcomesName }),
    report,
  );
  const joined = matchOutcomes(stays, outcomes, report, outcomesName);
  return {
    ...joined,
    report,
    source: `generated (${o.stays} stays, seed ${o.seed}, written and parsed in the PhysioNet 2012 format)`,
  };
}
