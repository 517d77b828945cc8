/**
 * Parses one PhysioNet 2012 stay file, `set-a/<RecordID>.txt`, streamed line by line:
 *
 *   Time,Parameter,Value
 *   00:00,RecordID,132539
 *   00:00,Age,54
 *   00:00,Gender,0          (0 female, 1 male)
 *   00:00,Height,-1         (-1: missing)
 *   00:00,ICUType,4
 *   00:00,Weight,-1
 *   00:07,GCS,15
 *   00:37,HR,73
 *   ...                     (up to 48:00; 37 time series, Weight among them)
 *
 * The descriptors are the `00:00` lines that open the file; a later `Weight` is a time
 * series. Every malformed line is counted in the `ParseReport` with file and line
 * (`parseIssueKinds` says what happens to each kind); out-of-range values become missing.
 *
 * @example
 * const stay = await parseStay(files.textSource('set-a/132539.txt'), report);
 * stay.recordId; stay.times[0]; stay.variables[0]; stay.values[0]; // 132539, 7, 10 (GCS), 15
 */
import type { TextSource } from '@recurrent/data';
import type { ParseReport } from './parse-report.js';
import {
  descriptorIndex,
  PHYSIONET_HOURS,
  physionetDescriptors,
  physionetTimeSeries,
  timeSeriesIndex,
} from './physionet-variables.js';
import { readLines } from './read-lines.js';

/** One ICU stay: descriptors and the observations, in file order. */
export interface Stay {
  readonly recordId: number;
  /** Where it came from, for messages (`set-a/132539.txt`). */
  readonly source: string;
  /** Age, Gender, Height, ICUType, Weight (`physionetDescriptors` order); NaN = missing. */
  readonly descriptors: Float32Array;
  /** Minutes since admission of each observation. */
  readonly times: Uint16Array;
  /** Index into `physionetTimeSeries` of each observation. */
  readonly variables: Uint8Array;
  readonly values: Float32Array;
}

const HEADER = 'Time,Parameter,Value';
const TIME = /^(\d{1,2}):(\d{2})$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const WINDOW_MINUTES = PHYSIONET_HOURS * 60;

/** `132539` from `.../set-a/132539.txt`, or NaN. */
function idOfName(name: string): number {
  const m = /(\d+)\.txt$/.exec(name);
  return m ? Number(m[1]) : Number.NaN;
}

/** Grows typed arrays as observations arrive; `finish` trims them. */
function observationBuffer() {
  let n = 0;
  let times = new Uint16Array(256);
  let variables = new Uint8Array(256);
  let values = new Float32Array(256);
  return {
    push(t: number, variable: number, value: number) {
      if (n === times.length) {
        const grow = <T extends Uint16Array | Uint8Array | Float32Array>(
          a: T,
          make: (k: number) => T,
        ) => {
          const b = make(2 * a.length);
          b.set(a);
          return b;
        };
        times = grow(times, (k) => new Uint16Array(k));
        variables = grow(variables, (k) => new Uint8Array(k));
        values = grow(values, (k) => new Float32Array(k));
      }
      times[n] = t;
      variables[n] = variable;
      values[n] = value;
      n++;
    },
    finish: () => ({
      times: times.slice(0, n),
      variables: variables.slice(0, n),
      values: values.slice(0, n),
    }),
  };
}

export async function parseStay(source: TextSource, report: ParseReport): Promise<Stay> {
  const file = source.name;
  const descriptors = new Float32Array(physionetDescriptors.length).fill(Number.NaN);
  const seen = new Set<string>();
  const obs = observationBuffer();
  let recordId = Number.NaN;
  let lineNo = 0;
  let inDescriptors = true;
  let lastTime = 0;
  let blankAt = 0; // a blank line is only an issue when data follows it
  const issue = (kind: Parameters<ParseReport['add']>[0], text: string, message: string) =>
    report.add(kind, { file, line: lineNo, text, message });

  for await (const raw of readLines(source)) {
    lineNo++;
    report.totals.lines++;
    const text = raw.trim();
    if (lineNo === 1) {
      if (text === HEADER) continue;
      issue('header', raw, `expected the header "${HEADER}"`);
    }
    if (text === '') {
      blankAt ||= lineNo;
      continue;
    }
    if (blankAt) {
      report.add('empty', {
        file,
        line: blankAt,
        text: '',
        message: 'blank line before more data',
      });
      blankAt = 0;
    }
    const fields = text.split(',');
    if (fields.length !== 3) {
      issue('fields', raw, `expected Time,Parameter,Value (3 fields), got ${fields.length}`);
      continue;
    }
    const [timeText, name, valueText] = fields.map((f) => f.trim()) as [string, string, string];
    const tm = TIME.exec(timeText);
    if (!tm || Number(tm[2]) > 59) {
      issue('time', raw, `expected HH:MM since admission (minutes 00-59), got "${timeText}"`);
      continue;
    }
    const minutes = 60 * Number(tm[1]) + Number(tm[2]);
    if (minutes > WINDOW_MINUTES) {
      issue('window', raw, `${timeText} is after 48:00, the end of the challenge's window`);
      continue;
    }
    const isDescriptor =
      name === 'RecordID' || (descriptorIndex.has(name) && (name !== 'Weight' || inDescriptors));
    if (!isDescriptor && !timeSeriesIndex.has(name)) {
      issue(
        'parameter',
        raw,
        `unknown parameter "${name}"; expected RecordID, a descriptor or one of the 37 time series`,
      );
      continue;
    }
    if (!NUMBER.test(valueText)) {
      issue('value', raw, `expected a number, got "${valueText}"`);
      continue;
    }
    const value = Number(valueText);
    if (isDescriptor && inDescriptors && minutes === 0 && !seen.has(name)) {
      seen.add(name);
      if (name === 'RecordID') {
        recordId = value;
        continue;
      }
      if (value === -1) {
        report.totals.missing++;
        continue;
      }
      const spec = physionetDescriptors[descriptorIndex.get(name)!]!;
      if (value < spec.min || value > spec.max) {
        issue(
          'range',
          raw,
          `${name} ${value} outside ${spec.min}-${spec.max} ${spec.unit}: missing`,
        );
        continue;
      }
      descriptors[descriptorIndex.get(name)!] = value;
      continue;
    }
    if (isDescriptor && name !== 'Weight') {
      issue(
        'descriptor',
        raw,
        seen.has(name)
          ? `${name} given again; the first one is kept`
          : `${name} at ${timeText}; descriptors open the file at 00:00`,
      );
      continue;
    }
    inDescriptors = false;
    if (minutes < lastTime) {
      issue('order', raw, `${timeText} comes after a later time; kept`);
    }
    lastTime = Math.max(lastTime, minutes);
    if (value === -1) {
      report.totals.missing++;
      continue;
    }
    const index = timeSeriesIndex.get(name)!;
    const spec = physionetTimeSeries[index]!;
    if (value < spec.min || value > spec.max) {
      issue('range', raw, `${name} ${value} outside ${spec.min}-${spec.max} ${spec.unit}: missing`);
      continue;
    }
    obs.push(minutes, index, value);
    report.totals.observations++;
  }
  report.totals.files++;
  const named = idOfName(file);
  if (Number.isNaN(recordId)) {
    report.add('descriptor', {
      file,
      line: 0,
      text: '',
      message: `no RecordID line; using ${Number.isNaN(named) ? 'none' : named} from the file name`,
    });
    recordId = named;
  } else if (!Number.isNaN(named) && named !== recordId) {
    report.add('record', {
      file,
      line: 0,
      text: '',
      message: `RecordID ${recordId} but the file is named ${named}.txt; using ${named}`,
    });
    recordId = named;
  }
  return { recordId, source: file, descriptors, ...obs.finish() };
}
