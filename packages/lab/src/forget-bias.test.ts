/**
 * setForgetBias writes the i and f blocks of an LSTM's bias `[4*units]` (Keras order i, f, c,
 * o) and leaves c and o as they were; chrono draws b_f = log(u), u ~ U[1, T - 1], b_i = -b_f.
 */
import { selectBackend } from '@recurrent/backends';
import { lstmCell } from '@recurrent/cells';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setForgetBias } from './forget-bias.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

const units = 5;
/** A cell whose bias is 0, 1, ..., 4*units - 1: every block recognisable. */
function numbered() {
  const cell = lstmCell({ inputSize: 3, units, seed: 1 });
  cell.bias.assign(tf.range(0, 4 * units) as tf.Tensor1D);
  return cell;
}
const block = (values: number[], b: number) => values.slice(b * units, (b + 1) * units);

describe('setForgetBias', () => {
  for (const bias of [0, 1] as const) {
    it(`forget bias ${bias}: f = ${bias}, i = 0, c and o untouched`, async () => {
      const cell = numbered();
      setForgetBias(cell, bias, 60);
      const v = Array.from(await cell.bias.data());
      expect(block(v, 0)).toEqual([0, 0, 0, 0, 0]);
      expect(block(v, 1)).toEqual([bias, bias, bias, bias, bias]);
      expect(block(v, 2)).toEqual([10, 11, 12, 13, 14]);
      expect(block(v, 3)).toEqual([15, 16, 17, 18, 19]);
    });
  }

  it('chrono: b_f in [0, log(T - 1)], b_i = -b_f, seeded, c and o untouched, no tensors left', async () => {
    const cell = numbered();
    const before = tf.memory().numTensors;
    setForgetBias(cell, 'chrono', 60, 3);
    expect(tf.memory().numTensors).toBe(before);
    const v = Array.from(await cell.bias.data());
    const f = block(v, 1);
    for (const [j, bf] of f.entries()) {
      expect(bf).toBeGreaterThanOrEqual(0);
      expect(bf).toBeLessThanOrEqual(Math.log(59) + 1e-6);
      expect(block(v, 0)[j]).toBeCloseTo(-bf, 6);
    }
    expect(new Set(f.map((x) => x.toFixed(4))).size).toBe(units); // spread, not one value
    expect(block(v, 2)).toEqual([10, 11, 12, 13, 14]);
    expect(block(v, 3)).toEqual([15, 16, 17, 18, 19]);
    const again = numbered();
    setForgetBias(again, 'chrono', 60, 3);
    expect(Array.from(await again.bias.data())).toEqual(v);
  });

  it('rejects an unknown choice and a chrono length under 3', () => {
    const cell = numbered();
    expect(() => setForgetBias(cell, 2 as never, 60)).toThrow(
      "setForgetBias: expected forgetBias 0, 1 or 'chrono', got 2.",
    );
    expect(() => setForgetBias(cell, 'chrono', 2)).toThrow(
      'setForgetBias: chrono needs maxLength >= 3, got 2.',
    );
  });
});
