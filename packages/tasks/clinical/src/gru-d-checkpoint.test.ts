// A GRU-D checkpoint's contract: the weight names and shapes clinical GRU-D runs were saved
// with before the cell moved to @recurrent/cells (written out here, not read from the
// code) still load through clinicalFromCheckpoint, every value lands in its variable, and
// the reloaded model predicts what the model that wrote them predicts.
import '@tensorflow/tfjs-backend-cpu';
import { createRandom } from '@recurrent/random';
import type { Checkpoint, TensorRecord } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeBatch, toBatch } from './clinical-batches.js';
import { clinicalConfig, clinicalFromCheckpoint } from './clinical-config.js';
import { createClinicalModel } from './create-clinical-model.js';
import { loadGeneratedSet } from './generate-physionet-set.js';
import { hourlyGrid } from './hourly-grid.js';
import { fitNormalizer } from './normalizer.js';
import { resolveClinicalHyperParameters } from './resolve-clinical-hyper-parameters.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const UNITS = 8;
const IN = 47; // 37 time series + 10 static columns
/** What a clinical GRU-D checkpoint holds (weights.safetensors), in order. */
const SAVED = [
  ['gru_d_0/kernel', [IN, 3 * UNITS]],
  ['gru_d_0/recurrent_kernel', [UNITS, 3 * UNITS]],
  ['gru_d_0/mask_kernel', [IN, 3 * UNITS]],
  ['gru_d_0/bias', [3 * UNITS]],
  ['gru_d_0/input_decay_kernel', [IN]],
  ['gru_d_0/input_decay_bias', [IN]],
  ['gru_d_0/hidden_decay_kernel', [IN, UNITS]],
  ['gru_d_0/hidden_decay_bias', [UNITS]],
  ['dense_0/kernel', [UNITS, 1]],
  ['dense_0/bias', [1]],
] as const;

describe('clinical GRU-D checkpoints', () => {
  it('load by the names they were saved with and predict the same', async () => {
    const set = await loadGeneratedSet({ stays: 6, seed: 5 });
    const hp = resolveClinicalHyperParameters('tiny', {
      cell: 'gru-d',
      units: UNITS,
      stepHours: 4,
    });
    const grids = set.stays.map((s) => hourlyGrid(s, { stepHours: hp.stepHours }));
    const normalizer = fitNormalizer(grids, set.stays, [0, 1, 2, 3, 4, 5]);
    const writer = createClinicalModel({ hyperParameters: hp, normalizer, positiveWeight: 1 });
    expect(writer.variables.map((v) => [v.name, v.variable.shape])).toEqual(SAVED);

    // Weights as a checkpoint stores them: records keyed by name, off their initial values.
    const rng = createRandom(9);
    const weights = new Map<string, TensorRecord>(
      SAVED.map(([name, shape]) => {
        const size = shape.reduce((a: number, b: number) => a * b, 1);
        return [
          name,
          {
            dtype: 'float32',
            shape: [...shape],
            data: Float32Array.from({ length: size }, () => 0.3 * rng.normal()),
          },
        ];
      }),
    );
    tf.tidy(() => {
      for (const v of writer.variables) {
        const r = weights.get(v.name)!;
        v.variable.assign(tf.tensor(r.data, r.shape));
      }
    });
    const checkpoint = {
      location: 'memory',
      formatVersion: 2,
      config: clinicalConfig(writer),
      weights,
      optimizer: null,
      state: null,
      modelState: null,
      verified: true,
      note: null,
    } as unknown as Checkpoint;
    const reader = clinicalFromCheckpoint(checkpoint);
    for (const v of reader.variables) {
      expect(Array.from(v.variable.dataSync())).toEqual(Array.from(weights.get(v.name)!.data));
    }

    const batch = toBatch(
      { grids, stays: set.stays, labels: set.labels },
      [0, 1, 2, 3, 4, 5],
      normalizer,
      hp,
    );
    const risks = (model: typeof writer) =>
      tf.tidy(() => Array.from(model.risk(model.forward(batch).hourly).dataSync()));
    const written = risks(writer);
    expect(written.some((r) => Math.abs(r - written[0]!) > 1e-3)).toBe(true); // not constant
    expect(risks(reader)).toEqual(written);
    disposeBatch(batch);
    writer.dispose();
    reader.dispose();
  });
});
