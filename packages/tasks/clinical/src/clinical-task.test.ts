// The clinical task end to end on wasm, through the Task definition only (as the CLI uses
// it): prepare generated stays -> train with 2-fold cross-validation and the baseline ->
// checkpoint -> loadCheckpoint + fromCheckpoint -> predict a stay file -> evaluateRun; and
// the tensor count flat over 500 training steps.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { selectBackend } from '@recurrent/backends';
import { loadCheckpoint } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinicalTask } from './clinical-task.js';
import { generatePhysionetFiles } from './generate-physionet-set.js';
import { prepareClinicalData } from './prepare-clinical-data.js';
import { resolveClinicalHyperParameters } from './resolve-clinical-hyper-parameters.js';
import { nodeFiles } from './test-utils/node-files.js';
import { createFoldModel, trainFold } from './train-fold.js';

let dir: string;
beforeAll(async () => {
  await selectBackend('wasm');
  dir = mkdtempSync(path.join(tmpdir(), 'clinical-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('clinicalTask (wasm)', () => {
  it('trains 2 folds with the baseline, checkpoints, reloads, predicts a stay file and evaluates the run', async () => {
    const hp = clinicalTask.resolveHyperParameters('tiny', {
      stepHours: 4,
      steps: 40,
    });
    const data = await clinicalTask.prepareData({ folds: 2, stays: 240 }, hp, { files: nodeFiles });
    const lines = clinicalTask.describeData(data);
    expect(lines[0]).toMatch(
      /^data: generated \(240 stays, seed 2012, .*\) \| 240 stays \| \d+ in-hospital deaths \(\d+\.\d%\) \| 2 stratified folds \| grid 12 x 4 h$/,
    );
    expect(lines[1]).toMatch(/^parse: 240 files \| [\d,]+ lines/);
    const model = clinicalTask.create(data, hp);
    const notes: string[] = [];
    const kinds = new Set<string>();
    const steps: number[] = [];
    const runDir = path.join(dir, 'run');
    const started = performance.now();
    const result = await clinicalTask.train(model, data, {
      checkpointDir: runDir,
      checkpointEvery: 20,
      evalEvery: 20,
      extraConfig: clinicalTask.dataProvenance(data),
      onProgress: (e) => {
        kinds.add(e.kind);
        if (e.kind === 'step') steps.push(e.step);
      },
      onNote: (n) => notes.push(`${n.title}\n${n.text}`),
    });
    expect(result.reason).toBe('completed');
    expect(result.elapsedMs).toBeGreaterThan(0.9 * (performance.now() - started)); // the whole protocol, not fold 1 alone
    expect(steps.at(-1)).toBe(80); // 2 folds x 40 steps, one count
    expect([...kinds]).toEqual(expect.arrayContaining(['step', 'eval', 'checkpoint', 'done']));
    expect(notes[0]).toMatch(/^fold 1\/2\ntrain \d+ stays \(\d+ deaths\) \| validation/);
    const table = notes.find((n) => n.startsWith('2-fold cross-validation'))!;
    expect(table).toMatch(/fold {2}test {2}deaths \| AUROC/);
    expect(table).toMatch(
      /baseline \(logistic regression on first\/last\/min\/max\/mean\/count\): AUROC 0\.\d{3} ± 0\.\d{3}/,
    );
    expect(notes.find((n) => n.startsWith('calibration'))).toMatch(
      /Hosmer-Lemeshow H [\d.]+ on 8 degrees of freedom .*240 out-of-fold stays/,
    );
    const m = result.lastMetrics!;
    expect(m.folds).toBe(2);
    for (const k of ['cvAuroc', 'cvAuprc', 'cvEvent1', 'baselineAuroc'])
      expect(m[k]).toBeGreaterThan(0);
    expect(clinicalTask.summarizeMetrics(m)).toMatch(
      /^2-fold test AUROC 0\.\d{3} ± 0\.\d{3} \| AUPRC .* \| Event-1 .* \| baseline AUROC 0\.\d{3} ± 0\.\d{3}$/,
    );

    // Reload best/ from disk: same normaliser, same risks.
    const reloaded = clinicalTask.fromCheckpoint(await loadCheckpoint(path.join(runDir, 'best')));
    expect(reloaded.normalizer).toEqual(JSON.parse(JSON.stringify(model.normalizer)));
    const stay = [...generatePhysionetFiles({ stays: 1, seed: 77 })][0]!;
    const file = path.join(dir, `${stay.recordId}.txt`);
    writeFileSync(file, stay.text);
    const [fromPath] = await clinicalTask.predict!.predict(reloaded, [file], { hours: true });
    const [fromText] = await clinicalTask.predict!.predict(reloaded, [stay.text], { hours: true });
    const p = fromPath as { hourly: number[]; finalRisk: number; hours: number; recordId: number };
    expect(p.recordId).toBe(stay.recordId);
    expect(p.hourly.length).toBe(p.hours / 4);
    expect(p.hourly.every((r) => r > 0 && r < 1)).toBe(true);
    expect(p.finalRisk).toBe(p.hourly.at(-1));
    expect((fromText as { hourly: number[] }).hourly).toEqual(p.hourly);
    const printed = clinicalTask.predict!.format(fromPath!);
    expect(printed[0]).toMatch(
      new RegExp(
        `${stay.recordId}.txt \\(RecordID ${stay.recordId}\\): risk of in-hospital death 0\\.\\d{3} after \\d+ h \\(\\d+ observations\\)`,
      ),
    );
    expect(printed[1]).toMatch(/^ {2}hour {2}4 {2}0\.\d{3} \|[#.]{20}\|$/);

    const evaluation = await clinicalTask.evaluateRun(
      reloaded,
      (await loadCheckpoint(path.join(runDir, 'best'))).config,
      {},
      { files: nodeFiles },
    );
    expect(evaluation.lines[0]).toMatch(
      /^AUROC 0\.\d{3} \| AUPRC .* chosen on the run's validation slice\) \| Hosmer-Lemeshow H .* over the 120 held-out test stays of fold 1/,
    );
    expect(evaluation.metrics.auroc).toBeCloseTo(m.testAuroc!, 2); // the same fold, rebuilt from config.json
    model.dispose();
    reloaded.dispose();
  }, 300_000);

  for (const cell of ['gru', 'lstm', 'gru-d'] as const) {
    it(`keeps tf.memory().numTensors flat over 500 training steps (${cell})`, async () => {
      const hp = resolveClinicalHyperParameters('tiny', {
        cell,
        stepHours: 6,
        units: 4,
        batchSize: 8,
      });
      const data = await prepareClinicalData({ folds: 2, stays: 120 }, hp);
      const model = createFoldModel(data, 0);
      const counts: number[] = [];
      await trainFold(model, data, 0, {
        steps: 500,
        evalEvery: 100,
        onProgress: (e) => {
          if (e.kind === 'step' && e.step % 50 === 0) counts.push(tf.memory().numTensors);
        },
      });
      expect(counts.length).toBe(10);
      // from step 150 on, the first evaluation (step 100) holds one copy of the best weights
      expect(counts[2]! - counts[0]!).toBe(model.variables.length);
      expect(new Set(counts.slice(2)).size).toBe(1);
      model.dispose();
    }, 300_000);
  }

  it('refuses to resume on other data', async () => {
    const hp = clinicalTask.resolveHyperParameters('tiny', {});
    await expect(
      clinicalTask.prepareData({ folds: 2, stays: 60 }, hp, {
        resumeConfig: { data: 'generated', stays: 80, dataSeed: 2012, folds: 2 },
      }),
    ).rejects.toThrow(/--resume: this run was trained on other data \(stays 80, now 60\)/);
  });
});
