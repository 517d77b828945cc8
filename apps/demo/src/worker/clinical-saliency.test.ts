/**
 * The clinical page's saliency against a slower reference: for each hour t alone, tf.grad of
 * that hour's logit for the stay as a batch of one, times the input, summed per variable.
 * The batched one-pass version must give the same numbers (cpu backend, float32), and the
 * same risks as `predictRisks`; repeated calls leave no tensors behind.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import {
  type ClinicalModel,
  createFoldModel,
  disposeBatch,
  hourlyGrid,
  physionetTimeSeries,
  predictRisks,
  prepareClinicalData,
  resolveClinicalHyperParameters,
  type Stay,
  toBatch,
} from '@recurrent/clinical';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinicalPageStays } from './clinical-page-stays.js';
import { clinicalSaliency, DESCRIPTORS_ROW, topAt } from './clinical-saliency.js';
import { clinicalWorkerModule } from './clinical-worker-module.js';

const V = physionetTimeSeries.length;

/** Hour `t`'s gradient x input per variable, from a batch of one and its own backward pass. */
function referenceAt(model: ClinicalModel, stay: Stay, t: number): number[] {
  const hp = model.hyperParameters;
  const grid = hourlyGrid(stay, { stepHours: hp.stepHours });
  const batch = toBatch(
    { grids: [grid], stays: [stay], labels: new Uint8Array(1) },
    [0],
    model.normalizer,
    hp,
  );
  const gx = tf.tidy(() => {
    const g = tf.grad((x: tf.Tensor) => {
      const { hourly } = model.forward({ ...batch, x: x as tf.Tensor3D }); // [1, steps]
      return tf.squeeze(tf.slice(hourly, [0, t], [1, 1]));
    })(batch.x); // [1, steps, features]
    return tf.sum(tf.mul(g, batch.x), [0, 1]); // [features]
  });
  const f = gx.dataSync();
  gx.dispose();
  disposeBatch(batch);
  const per = hp.cell === 'gru-d' ? 1 : 3;
  const out = new Array<number>(V + 1).fill(0);
  for (let k = 0; k < f.length; k++) out[k < per * V ? k % V : V]! += f[k]!;
  return out;
}

const models: ClinicalModel[] = [];
let stays: Stay[] = [];

beforeAll(async () => {
  await tf.setBackend('cpu');
  for (const cell of ['gru', 'lstm', 'gru-d'] as const) {
    const hp = resolveClinicalHyperParameters('tiny', { cell, seed: 3 });
    const data = await prepareClinicalData({ stays: 60, dataSeed: 5, folds: 2 }, hp);
    if (cell === 'gru') stays = data.set.stays.slice(0, 3) as Stay[];
    models.push(createFoldModel(data, 0));
  }
});

afterAll(() => {
  for (const m of models) m.dispose();
});

describe('clinicalSaliency', () => {
  it('equals hour-by-hour tf.grad x input for GRU, LSTM and GRU-D, and predictRisks', async () => {
    for (const model of models) {
      const stay = stays[0]!;
      const s = await clinicalSaliency(model, stay);
      const hours = hourlyGrid(stay).length;
      expect(s.variables.length).toBe(V + 1);
      expect(s.variables.at(-1)).toBe(DESCRIPTORS_ROW);
      expect(s.values.every((row) => row.length === hours)).toBe(true);
      let worst = 0;
      for (const t of [0, Math.floor(hours / 2), hours - 1]) {
        const ref = referenceAt(model, stay, t);
        ref.forEach((r, v) => {
          worst = Math.max(worst, Math.abs(r - s.values[v]![t]!));
        });
        // Not all zero: the check would pass trivially otherwise.
        expect(Math.max(...ref.map(Math.abs))).toBeGreaterThan(1e-4);
      }
      expect(worst, `${model.hyperParameters.cell}: max |batched - reference|`).toBeLessThan(1e-5);
      const predicted = await predictRisks(model, {
        grids: [hourlyGrid(stay)],
        stays: [stay],
        indices: Int32Array.of(0),
      });
      const risk = Array.from(predicted.hourly[0]!);
      expect(s.risk.length).toBe(risk.length);
      const riskDiff = Math.max(...s.risk.map((r, t) => Math.abs(r - risk[t]!)));
      expect(riskDiff).toBeLessThan(1e-6);
    }
  });

  it('lists the top variables by |value|, largest first', () => {
    const top = topAt({ variables: ['a', 'b', 'c', 'd'], values: [[0.1], [-0.5], [0.3], [0]] }, 0);
    expect(top).toEqual([
      { variable: 'b', value: -0.5 },
      { variable: 'c', value: 0.3 },
      { variable: 'a', value: 0.1 },
    ]);
  });

  it('leaves no tensors behind over repeated explain probes', async () => {
    const model = models[0]!;
    const explain = clinicalWorkerModule.probes!.explain!;
    const pageStays = await clinicalPageStays();
    await explain(model, { text: pageStays[0]!.text }); // first call: any lazily made constants
    const before = tf.memory().numTensors;
    for (let k = 0; k < 6; k++)
      await explain(model, { text: pageStays[k % pageStays.length]!.text });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('clinicalPageStays', () => {
  it('gives 4 deaths and 4 survivors, the same every time, none from the training ids', async () => {
    const a = await clinicalPageStays();
    const b = await clinicalPageStays();
    expect(a.map((s) => s.recordId)).toEqual(b.map((s) => s.recordId));
    expect(a.map((s) => s.text)).toEqual(b.map((s) => s.text));
    expect(a.filter((s) => s.died).length).toBe(4);
    expect(a.filter((s) => !s.died).length).toBe(4);
    for (const s of a) {
      expect(s.recordId).toBeGreaterThanOrEqual(300001);
      expect(s.text.startsWith(`Time,Parameter,Value\n00:00,RecordID,${s.recordId}\n`)).toBe(true);
      expect(s.observations).toBeGreaterThan(50);
    }
  });

  it('explain rejects what is not a stay file, saying what it expected', async () => {
    const explain = clinicalWorkerModule.probes!.explain!;
    await expect(explain(models[0]!, { text: 'HR,80' })).rejects.toThrow(
      /expected \{ text \} holding a stay file in the PhysioNet 2012 format/,
    );
  });
});
