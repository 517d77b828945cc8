/**
 * The conformance suite every cell runs: `describeCell('lstm', (seed) => lstmCell(...))`
 * registers tests for sizes and shapes, masking (padded steps carry the state and emit
 * zeros), weight names, seeding, gradients reaching every weight, and no tensor leaks in
 * inference and training. A check a cell cannot run is skipped, and its title says why.
 * Cells that declare side inputs (`cell.sideInputs`, e.g. GRU-D) get seeded positive values
 * for them in every case, and a case checks that a missing or unexpected one is refused.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../cell.js';
import { runRnn } from '../run-rnn.js';
import { sideInputsOf } from '../side-inputs.js';
import { tensorDiff } from './numbers.js';

export interface DescribeCellOptions {
  /** Why `cell.step` cannot be called (bidirectional cells need whole sequences). */
  readonly noStep?: string;
}

const B = 2;
const T = 4;

export function describeCell(
  name: string,
  factory: (seed: number) => Cell,
  options: DescribeCellOptions = {},
): void {
  describe(`describeCell: ${name}`, () => {
    const input = (cell: Cell) =>
      tf.tensor3d(
        Array.from({ length: B * T * cell.inputSize }, (_, i) => Math.sin(0.37 * i)),
        [B, T, cell.inputSize],
      );
    /** One `[B, steps, size]` tensor per declared side input (undefined when none). */
    const sides = (cell: Cell, steps = T): Record<string, tf.Tensor3D> | undefined => {
      const declared = sideInputsOf(cell);
      if (declared.length === 0) return undefined;
      return Object.fromEntries(
        declared.map((s, k) => [
          s.name,
          tf.tensor3d(
            Array.from(
              { length: B * steps * s.size },
              (_, i) => 0.5 + 0.5 * Math.sin(0.53 * i + k),
            ),
            [B, steps, s.size],
          ),
        ]),
      );
    };
    /** The side inputs of one step, `[B, size]` each. */
    const stepSides = (cell: Cell) => {
      const all = sides(cell, 1);
      if (!all) return undefined;
      return Object.fromEntries(
        Object.entries(all).map(([n, t]) => [n, tf.squeeze(t, [1]) as tf.Tensor2D]),
      );
    };

    it('has consistent sizes and zero initial states', () => {
      const cell = factory(1);
      expect(cell.inputSize).toBeGreaterThan(0);
      expect(cell.outputSize).toBeGreaterThan(0);
      const init = cell.initialState(B);
      expect(init.map((s) => s.shape)).toEqual(cell.stateSize.map((n) => [B, n]));
      for (const s of init) expect(s.dataSync().every((v) => v === 0)).toBe(true);
      tf.dispose(init);
    });

    if (options.noStep) {
      // A cell without a per-step form (bidirectional needs whole sequences) cannot run this
      // case; the caller's reason is part of the test's name.
      it.skip(`step() shapes (skipped: ${options.noStep})`, () => {});
    } else {
      it('step() maps [batch, in] and the state to [batch, out] and the next state', () => {
        const cell = factory(1);
        const x = tf.ones([B, cell.inputSize]) as tf.Tensor2D;
        const sideInputs = stepSides(cell);
        const { output, state } = cell.step(x, cell.initialState(B), { sideInputs });
        expect(output.shape).toEqual([B, cell.outputSize]);
        expect(state.map((s) => s.shape)).toEqual(cell.stateSize.map((n) => [B, n]));
        expect(() =>
          cell.step(
            tf.ones([B, T, cell.inputSize]) as unknown as tf.Tensor2D,
            cell.initialState(B),
            { sideInputs },
          ),
        ).toThrow(/expected x of shape \[batch, \d+\], got \[2, 4, \d+\]/);
      });
    }

    it('runRnn gives output, sequence and state of the documented shapes', () => {
      const cell = factory(1);
      const r = runRnn(cell, input(cell), { returnSequences: true, sideInputs: sides(cell) });
      expect(r.output.shape).toEqual([B, cell.outputSize]);
      expect(r.sequence!.shape).toEqual([B, T, cell.outputSize]);
      expect(r.state.map((s) => s.shape)).toEqual(cell.stateSize.map((n) => [B, n]));
    });

    it('masked steps carry the state forward and emit zeros', () => {
      const cell = factory(1);
      const x = input(cell);
      const mask = tf.tensor2d([
        [1, 1, 0, 0],
        [1, 1, 1, 1],
      ]); // row 0: two real steps
      const sideInputs = sides(cell);
      const masked = runRnn(cell, x, { mask, returnSequences: true, sideInputs });
      const firstTwo = <R extends tf.Tensor3D>(t: R) =>
        tf.slice(t, [0, 0, 0], [B, 2, t.shape[2]]) as tf.Tensor3D;
      const short = runRnn(cell, firstTwo(x), {
        sideInputs:
          sideInputs &&
          Object.fromEntries(Object.entries(sideInputs).map(([n, t]) => [n, firstTwo(t)])),
      });
      const row0 = (t: tf.Tensor) => tf.slice(t, [0, 0], [1, t.shape[1]!]);
      expect(tensorDiff(row0(masked.output), row0(short.output))).toBeLessThan(1e-6);
      masked.state.forEach((s, i) => {
        expect(tensorDiff(row0(s), row0(short.state[i]!))).toBeLessThan(1e-6);
      });
      const padded = tf.slice(masked.sequence!, [0, 2, 0], [1, 2, cell.outputSize]);
      expect(padded.dataSync().every((v) => v === 0)).toBe(true);
    });

    it('names its weights uniquely and the same seed gives the same weights', () => {
      const a = factory(3);
      const b = factory(3);
      const c = factory(4);
      const names = a.weights.map((w) => w.name);
      expect(new Set(names).size).toBe(names.length);
      for (const n of names) expect(n).toMatch(/\/([a-z]+_)*(kernel|bias)$/);
      a.weights.forEach((w, i) => {
        expect(tensorDiff(w.variable, b.weights[i]!.variable)).toBe(0);
      });
      expect(tensorDiff(a.weights[0]!.variable, c.weights[0]!.variable)).toBeGreaterThan(0);
    });

    it('refuses a missing or an unexpected side input, naming the cell', () => {
      const cell = factory(1);
      const x = input(cell);
      const given = sides(cell);
      if (given) {
        const [first] = Object.keys(given);
        const { [first!]: _, ...rest } = given;
        expect(() => runRnn(cell, x, { sideInputs: rest })).toThrow(
          new RegExp(`missing side input "${first}": "${cell.name}" reads`),
        );
      }
      expect(() =>
        runRnn(cell, x, { sideInputs: { ...given, extra: tf.zeros([B, T, 1]) as tf.Tensor3D } }),
      ).toThrow(new RegExp(`unexpected side input "extra": "${cell.name}" reads`));
    });

    it('gradients reach every weight and nothing leaks in inference or training', () => {
      const cell = factory(5);
      const x = input(cell);
      const mask = tf.tensor2d([
        [1, 1, 1, 0],
        [1, 1, 1, 1],
      ]);
      const sideInputs = sides(cell);
      const vars = cell.weights.map((w) => w.variable);
      const trainStep = () =>
        tf.tidy(() => {
          const { grads } = tf.variableGrads(() => {
            const r = runRnn(cell, x, {
              mask,
              returnSequences: true,
              training: true,
              sideInputs,
            });
            return tf.sum(tf.square(r.sequence!)) as tf.Scalar;
          }, vars);
          for (const v of vars) v.assign(tf.sub(v, tf.mul(0.01, grads[v.name]!)));
          return vars.map((v) => tf.max(tf.abs(grads[v.name]!)).dataSync()[0]!);
        });
      const largest = trainStep();
      for (const g of largest) expect(g).toBeGreaterThan(0);
      const before = tf.memory().numTensors;
      for (let i = 0; i < 5; i++) trainStep();
      for (let i = 0; i < 5; i++) {
        const r = runRnn(cell, x, {
          mask,
          returnSequences: i % 2 === 0,
          reverse: i > 2,
          sideInputs,
        });
        tf.dispose([r.output, ...r.state, ...(r.sequence ? [r.sequence] : [])]);
      }
      expect(tf.memory().numTensors).toBe(before);
    });
  });
}
