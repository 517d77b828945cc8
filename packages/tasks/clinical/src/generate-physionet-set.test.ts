// The generator: deterministic per seed and per stay, the real file format (the files it
// writes load through loadPhysionetSet exactly as the in-memory path), ~14% mortality, and
// deaths driven by the course of the stay rather than by the state at admission.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mixSeed } from '@recurrent/data';
import { createRandom } from '@recurrent/random';
import { auroc } from '@recurrent/train';
import { afterAll, describe, expect, it } from 'vitest';
import {
  generatePhysionetFiles,
  loadGeneratedSet,
  OUTCOMES_HEADER,
} from './generate-physionet-set.js';
import { loadPhysionetSet } from './load-physionet-set.js';
import { simulatePatient } from './simulate-patient.js';
import { nodeFiles } from './test-utils/node-files.js';

const dir = mkdtempSync(path.join(tmpdir(), 'clinical-gen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generatePhysionetFiles', () => {
  it('gives the same files for the same seed, a prefix for fewer stays, others for another seed', () => {
    const a = [...generatePhysionetFiles({ stays: 20, seed: 7 })];
    const b = [...generatePhysionetFiles({ stays: 5, seed: 7 })];
    const c = [...generatePhysionetFiles({ stays: 5, seed: 8 })];
    expect(b).toEqual(a.slice(0, 5));
    expect(c[0]!.text).not.toBe(a[0]!.text);
    expect(a[0]!.text.split('\n').slice(0, 7)).toEqual([
      'Time,Parameter,Value',
      '00:00,RecordID,200001',
      expect.stringMatching(/^00:00,Age,\d+$/),
      expect.stringMatching(/^00:00,Gender,[01]$/),
      expect.stringMatching(/^00:00,Height,(-1|\d+(\.\d)?)$/),
      expect.stringMatching(/^00:00,ICUType,[1-4]$/),
      expect.stringMatching(/^00:00,Weight,(-1|\d+(\.\d)?)$/),
    ]);
    for (const line of a[0]!.text.trim().split('\n').slice(7)) {
      expect(line).toMatch(/^\d\d:\d\d,[A-Za-z0-9]+,-?\d+(\.\d+)?$/);
    }
  });

  it('writes files that the folder loader reads exactly as the in-memory path', async () => {
    mkdirSync(path.join(dir, 'set-a'));
    const files = [...generatePhysionetFiles({ stays: 40, seed: 3 })];
    for (const f of files) writeFileSync(path.join(dir, 'set-a', `${f.recordId}.txt`), f.text);
    writeFileSync(
      path.join(dir, 'Outcomes-a.txt'),
      `${[OUTCOMES_HEADER, ...files.map((f) => f.outcomeLine)].join('\n')}\n`,
    );
    const fromFolder = await loadPhysionetSet(nodeFiles, dir);
    const inMemory = await loadGeneratedSet({ stays: 40, seed: 3 });
    expect(fromFolder.labels).toEqual(inMemory.labels);
    expect(fromFolder.stays.map((s) => [s.recordId, s.values, s.times, s.descriptors])).toEqual(
      inMemory.stays.map((s) => [s.recordId, s.values, s.times, s.descriptors]),
    );
    expect(fromFolder.report.counts).toEqual(inMemory.report.counts);
  });

  it('has about 14% deaths, realistic charting, and reports its sensor artefacts', async () => {
    const set = await loadGeneratedSet({ stays: 2000 });
    const deaths = set.labels.reduce((a, b) => a + b, 0) / set.labels.length;
    expect(deaths).toBeGreaterThan(0.11);
    expect(deaths).toBeLessThan(0.17);
    const perStay = set.report.totals.observations / set.stays.length;
    expect(perStay).toBeGreaterThan(200); // real set-a: ~440 lines a stay
    expect(perStay).toBeLessThan(600);
    expect(Object.keys(set.report.counts)).toEqual(['range']); // only the artefacts, all reported
    expect(set.report.counts.range).toBeGreaterThan(50);
  });

  it('draws deaths from the course of the stay, not from admission alone', () => {
    const labels: number[] = [];
    const risk: number[] = [];
    const admission: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const p = simulatePatient(createRandom(mixSeed(99, i)));
      labels.push(p.died ? 1 : 0);
      risk.push(p.risk);
      admission.push(p.severity[0]!);
    }
    const oracle = auroc(labels, risk);
    const atAdmission = auroc(labels, admission);
    expect(oracle).toBeGreaterThan(0.85); // the course decides most of it (a part no chart shows stays open)
    expect(atAdmission).toBeLessThan(0.75); // the state at admission leaves most of it open
  });
});
