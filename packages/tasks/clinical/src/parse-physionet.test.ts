// The parser on fixture files written by hand in the exact PhysioNet 2012 format
// (fixtures/physionet/: set-a/<RecordID>.txt and Outcomes-a.txt), including every
// malformed case the parser reports.
import path from 'node:path';
import { stringSource } from '@recurrent/data';
import { describe, expect, it } from 'vitest';
import { loadPhysionetSet } from './load-physionet-set.js';
import { createParseReport, describeParseReport } from './parse-report.js';
import { parseStay } from './parse-stay.js';
import { timeSeriesIndex } from './physionet-variables.js';
import { fixtures, nodeFiles } from './test-utils/node-files.js';

const folder = path.join(fixtures, 'physionet');

describe('parseStay', () => {
  it('reads descriptors, the 00:00 Weight as a time series after the opening lines, and every observation', async () => {
    const report = createParseReport();
    const stay = await parseStay(
      nodeFiles.textSource(path.join(folder, 'set-a/140001.txt')),
      report,
    );
    expect(stay.recordId).toBe(140001);
    expect(Array.from(stay.descriptors)).toEqual([71, 1, Math.fround(175.3), 3, Math.fround(81.2)]);
    expect(stay.times.length).toBe(34);
    expect(stay.variables[0]).toBe(timeSeriesIndex.get('Weight'));
    expect(stay.times[1]).toBe(12);
    expect(stay.variables[1]).toBe(timeSeriesIndex.get('GCS'));
    expect(stay.values[1]).toBe(14);
    expect(stay.times.at(-1)).toBe(47 * 60 + 55);
    expect(stay.values.at(-1)).toBe(118);
    expect(report.issueCount()).toBe(0);
    expect(report.totals).toEqual({ files: 1, lines: 41, observations: 34, missing: 0 });
  });

  it('counts -1 descriptors as missing (NaN), not as problems', async () => {
    const report = createParseReport();
    const stay = await parseStay(
      nodeFiles.textSource(path.join(folder, 'set-a/140002.txt')),
      report,
    );
    expect(Number.isNaN(stay.descriptors[2])).toBe(true); // Height
    expect(Number.isNaN(stay.descriptors[4])).toBe(true); // Weight
    expect(report.totals.missing).toBe(2);
    expect(report.issueCount()).toBe(0);
  });

  it('reports every malformed line of a file with its line number and what happens to it', async () => {
    const report = createParseReport({ examplesPerKind: 10 });
    const file = path.join(folder, 'set-a/140003.txt');
    const stay = await parseStay(nodeFiles.textSource(file), report);
    expect(report.counts).toEqual({
      record: 1,
      fields: 1,
      time: 2,
      window: 1,
      parameter: 1,
      value: 1,
      range: 5,
      order: 2,
      descriptor: 2,
      empty: 1,
    });
    const at = (kind: keyof typeof report.counts) => report.examples[kind]!.map((e) => e.line);
    expect(at('fields')).toEqual([9]);
    expect(at('time')).toEqual([10, 11]);
    expect(at('window')).toEqual([12]);
    expect(at('parameter')).toEqual([13]);
    expect(at('value')).toEqual([14]);
    expect(at('range')).toEqual([5, 15, 16, 18, 19]);
    expect(at('order')).toEqual([19, 20]);
    expect(at('descriptor')).toEqual([21, 24]);
    expect(at('empty')).toEqual([22]);
    expect(report.examples.range![1]).toEqual({
      file,
      line: 15,
      text: '00:40,HR,900',
      message: 'HR 900 outside 0-300 bpm: missing',
    });
    expect(report.examples.record![0]!.message).toBe(
      'RecordID 140033 but the file is named 140003.txt; using 140003',
    );
    // the file name wins; Height 1.8 (metres, not cm) is missing; Age keeps its first value
    expect(stay.recordId).toBe(140003);
    expect(Number.isNaN(stay.descriptors[2])).toBe(true);
    expect(stay.descriptors[0]).toBe(63);
    // kept: HR 88 (00:10), pH 7.42, HR 90 (kept although out of order); -1 is missing
    expect(Array.from(stay.values)).toEqual([88, Math.fround(7.42), 90]);
    expect(report.totals.missing).toBe(1);
  });

  it('reports a missing header and a missing RecordID', async () => {
    const report = createParseReport();
    const stay = await parseStay(
      nodeFiles.textSource(path.join(folder, 'set-a/140004.txt')),
      report,
    );
    expect(report.counts).toEqual({ header: 1, descriptor: 1 });
    expect(report.examples.header![0]!.line).toBe(1);
    expect(report.examples.descriptor![0]!.message).toMatch(/no RecordID line; using 140004/);
    expect(stay.recordId).toBe(140004);
    expect(stay.descriptors[0]).toBe(50); // the first line is still read as data
  });

  it('handles CRLF line ends and a last line without a newline, in any chunking', async () => {
    const text =
      'Time,Parameter,Value\r\n00:00,RecordID,7\r\n00:00,Age,40\r\n00:03,HR,80\r\n00:09,HR,82';
    for (const chunkSize of [2, 5, 1000]) {
      const report = createParseReport();
      const stay = await parseStay(stringSource(text, { name: '7.txt', chunkSize }), report);
      expect(Array.from(stay.values)).toEqual([80, 82]);
      expect(Array.from(stay.times)).toEqual([3, 9]);
      expect(report.issueCount()).toBe(0);
    }
  });
});

describe('loadPhysionetSet', () => {
  it('joins stays to Outcomes-a.txt, reporting bad outcome lines and unmatched records', async () => {
    const set = await loadPhysionetSet(nodeFiles, folder);
    expect(set.stays.map((s) => s.recordId)).toEqual([140001, 140002, 140003]);
    expect(Array.from(set.labels)).toEqual([1, 0, 0]);
    expect(set.outcomes[0]).toEqual({ death: 1, saps: 19, sofa: 9, lengthOfStay: 6, survival: 5 });
    expect(set.report.counts.outcome).toBe(2); // In-hospital_death 2; a line of 4 fields
    expect(set.report.counts.unmatched).toBe(2); // stay 140004 (its outcome was bad); outcome 140005
    const lines = describeParseReport(set.report);
    expect(lines[0]).toBe(
      'parse: 4 files | 84 lines | 44 observations kept | 3 values -1 (missing) | 23 problems',
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^ {2}5 range: out of the physiological range \(made missing\); first .*140003.txt:5 "00:00,Height,1.8": Height 1.8 outside 100-250 cm: missing$/,
      ),
    );
  });

  it('says what it expected when the folder is not a PhysioNet folder', async () => {
    await expect(loadPhysionetSet(nodeFiles, fixtures)).rejects.toThrow(
      /expected .*set-a\/ \(one <RecordID>.txt per stay\) and .*Outcomes-a.txt in .*, got nothing and nothing. Download them with `recurrent data fetch physionet-2012`/,
    );
  });
});
