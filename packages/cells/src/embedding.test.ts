import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { embedding } from './embedding.js';
import { lstmCell } from './lstm-cell.js';
import { runRnn } from './run-rnn.js';
import { useBackend } from './test-utils/backends.js';
import { maxAbsDiff } from './test-utils/numbers.js';

// Ids with repeats (5 twice, 0 three times) so the gradient must sum rows.
const idsData = [
  [5, 2, 5, 0],
  [1, 3, 0, 0],
];
const coefficients = Array.from({ length: 2 * 4 * 3 }, (_, i) => Math.sin(i + 1)); // [2, 4, 3]

/** Reference: tf.gather's own gradient on the cpu backend (UnsortedSegmentSum). */
async function referenceGradient(table: Float32Array): Promise<Float32Array> {
  await useBackend('cpu');
  return tf.tidy(() => {
    const ids = tf.tensor2d(idsData, [2, 4], 'int32');
    const c = tf.tensor3d(coefficients, [2, 4, 3]);
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, ids), c)))(
      tf.tensor2d(table, [6, 3]),
    );
    return g.dataSync() as Float32Array;
  });
}

afterAll(() => useBackend('cpu'));

describe('embedding', () => {
  it('looks ids up and returns the mask ids != 0 with maskZero', async () => {
    await useBackend('cpu');
    const emb = embedding({ vocabSize: 6, dim: 3, maskZero: true, seed: 3 });
    const { output, mask } = emb.apply(tf.tensor2d(idsData, [2, 4], 'int32'));
    expect(output.shape).toEqual([2, 4, 3]);
    const table = emb.table.arraySync() as number[][];
    expect((output.arraySync() as number[][][])[0]![2]).toEqual(table[5]);
    expect(mask!.arraySync()).toEqual([
      [1, 1, 1, 0],
      [1, 1, 0, 0],
    ]);
    expect(emb.weights.map((w) => w.name)).toEqual(['embedding_0/embeddings']);
    expect(Math.max(...table.flat().map(Math.abs))).toBeLessThanOrEqual(0.05);
  });

  it('refuses float ids with a message that says how to fix it', async () => {
    await useBackend('cpu');
    const emb = embedding({ vocabSize: 6, dim: 3 });
    expect(() => emb.apply(tf.tensor2d([[1, 2]]))).toThrow(
      "embedding.apply: expected int32 token ids, got dtype float32. Create them with tf.tensor2d(ids, [batch, time], 'int32').",
    );
  });

  it("needs its custom gradient: tf.gather's own gradient fails on wasm", async () => {
    await useBackend('wasm');
    const table = tf.variable(tf.ones([4, 2]));
    const ids = tf.tensor1d([1, 1, 3], 'int32');
    expect(() =>
      tf.variableGrads(() => tf.sum(tf.gather(table, ids)) as tf.Scalar, [table]),
    ).toThrow("Kernel 'UnsortedSegmentSum' not registered for backend 'wasm'");
    tf.dispose([table, ids]);
  });

  for (const backend of ['cpu', 'wasm'] as const) {
    for (const gradient of ['scatter', 'oneHotMatMul'] as const) {
      it(`has the gradient of tf.gather on ${backend} (${gradient}), repeated ids summed`, async () => {
        const emb = embedding({ vocabSize: 6, dim: 3, seed: 1, gradient });
        const expected = await referenceGradient(emb.table.dataSync() as Float32Array);
        await useBackend(backend);
        const got = tf.tidy(() => {
          const ids = tf.tensor2d(idsData, [2, 4], 'int32');
          const c = tf.tensor3d(coefficients, [2, 4, 3]);
          const { grads } = tf.variableGrads(
            () => tf.sum(tf.mul(emb.apply(ids).output, c)) as tf.Scalar,
            [emb.table],
          );
          return grads[emb.table.name]!.dataSync() as Float32Array;
        });
        expect(maxAbsDiff(got, expected)).toBeLessThan(1e-6);
      });
    }

    it(`trains embedding + LSTM on ${backend}: the loss falls, numTensors stays flat`, async () => {
      await useBackend(backend);
      const emb = embedding({ vocabSize: 7, dim: 4, maskZero: true, seed: 2 });
      const cell = lstmCell({ inputSize: 4, units: 5, seed: 2 });
      const ids = tf.tensor2d(
        [
          [1, 2, 3, 0],
          [4, 5, 6, 2],
        ],
        [2, 4],
        'int32',
      );
      const target = tf.tensor2d([
        [0.5, -0.5, 0.2, 0.1, -0.3],
        [-0.4, 0.3, 0.0, 0.6, 0.2],
      ]);
      const vars = [emb.table, ...cell.weights.map((w) => w.variable)];
      const trainStep = (): number =>
        tf.tidy(() => {
          const { value, grads } = tf.variableGrads(() => {
            const { output, mask } = emb.apply(ids);
            const h = runRnn(cell, output as tf.Tensor3D, { mask: mask as tf.Tensor2D }).output;
            return tf.mean(tf.square(tf.sub(h, target))) as tf.Scalar;
          }, vars);
          for (const v of vars) v.assign(tf.sub(v, tf.mul(0.5, grads[v.name]!)));
          return value.dataSync()[0]!;
        });
      const first = trainStep();
      const before = tf.memory().numTensors;
      let last = first;
      for (let i = 0; i < 60; i++) last = trainStep();
      expect(tf.memory().numTensors).toBe(before);
      expect(last).toBeLessThan(first * 0.5);
      tf.dispose([ids, target]);
    });
  }
});
