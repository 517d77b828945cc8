// The side-input contract: runRnn and step check the side inputs against the cell's
// declaration (missing, unexpected, mis-shaped: each error names the cell and the fix);
// stacks and bidirectional pairs declare their parts' side inputs and hand each part its
// own; a cell without side inputs is unchanged (fused path, same numbers).
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { bidirectional } from './bidirectional.js';
import { gruCell } from './gru-cell.js';
import { gruDCell } from './gru-d-cell.js';
import { lstmCell } from './lstm-cell.js';
import { runRnn } from './run-rnn.js';
import { stackCells } from './stack-cells.js';
import { useBackend } from './test-utils/backends.js';
import { tensorDiff } from './test-utils/numbers.js';

beforeAll(() => useBackend('cpu'));

const B = 2;
const T = 3;
const D = 4;
const seq = (seed: number, shape = [B, T, D]) =>
  tf.tensor3d(
    Array.from({ length: shape[0]! * shape[1]! * shape[2]! }, (_, i) => 0.5 + Math.sin(seed + i)),
    shape as [number, number, number],
  );
const sides = () => ({ observed: tf.round(tf.sigmoid(seq(1))) as tf.Tensor3D, delta: seq(2) });

describe('side inputs', () => {
  it('runRnn refuses missing, unexpected and mis-shaped side inputs with the fix', () => {
    const cell = gruDCell({ inputSize: D, units: 2 });
    const x = seq(0);
    expect(() => runRnn(cell, x)).toThrow(
      'runRnn(gru_d_0): missing side input "observed": "gru_d_0" reads observed [batch, time, 4] and delta [batch, time, 4] at every step. Pass runRnn(cell, x, { sideInputs: { observed, delta } }).',
    );
    expect(() => runRnn(cell, x, { sideInputs: { ...sides(), gap: seq(3) } })).toThrow(
      /runRnn\(gru_d_0\): unexpected side input "gap": "gru_d_0" reads observed \[batch, time, 4\] and delta \[batch, time, 4\] at every step/,
    );
    expect(() =>
      runRnn(cell, x, { sideInputs: { ...sides(), delta: seq(3, [B, T + 1, D]) } }),
    ).toThrow(
      'runRnn(gru_d_0): expected side input "delta" of shape [2, 3, 4], got [2, 4, 4]. Pass one [batch, time, 4] tensor, aligned with x.',
    );
    expect(() =>
      runRnn(cell, x, {
        sideInputs: { ...sides(), observed: tf.zeros([B, D]) as unknown as tf.Tensor3D },
      }),
    ).toThrow(/expected side input "observed" of shape \[2, 3, 4\], got \[2, 4\]/);
    expect(() =>
      runRnn(cell, x, { sideInputs: 'observed' as unknown as Record<string, tf.Tensor3D> }),
    ).toThrow(/expected sideInputs to be an object of tensors keyed by name, got/);
  });

  it('a cell without side inputs refuses one and is otherwise unchanged', () => {
    const cell = gruCell({ inputSize: D, units: 2, seed: 3 });
    const x = seq(0);
    expect(() => runRnn(cell, x, { sideInputs: sides() })).toThrow(
      'runRnn(gru_0): unexpected side input "observed": "gru_0" reads no side inputs. Remove sideInputs, or use a cell that declares them (e.g. gruDCell).',
    );
    const plain = runRnn(cell, x, { returnSequences: true });
    const empty = runRnn(cell, x, { returnSequences: true, sideInputs: {} });
    expect(tensorDiff(plain.sequence!, empty.sequence!)).toBe(0);
  });

  it('step refuses missing and mis-shaped side inputs', () => {
    const cell = gruDCell({ inputSize: D, units: 2 });
    const x = tf.zeros([B, D]) as tf.Tensor2D;
    const m = tf.ones([B, D]) as tf.Tensor2D;
    expect(() => cell.step(x, cell.initialState(B))).toThrow(
      'gruDCell.step: missing side input "observed": "gru_d_0" reads observed [batch, 4] and delta [batch, 4] at every step. Pass step(x, state, { sideInputs: { observed, delta } }).',
    );
    expect(() =>
      cell.step(x, cell.initialState(B), {
        sideInputs: { observed: m, delta: tf.ones([B + 1, D]) as tf.Tensor2D },
      }),
    ).toThrow('gruDCell.step: expected side input "delta" of shape [2, 4], got [3, 4].');
  });

  it('a stack hands the side inputs to the layer that reads them (runRnn and step agree)', () => {
    const make = () => [
      gruDCell({ inputSize: D, units: 3, seed: 1, name: 'l0' }),
      lstmCell({ inputSize: 3, units: 2, seed: 2, name: 'l1' }),
    ];
    const stack = stackCells(make());
    expect(stack.sideInputs).toEqual([
      { name: 'observed', size: D },
      { name: 'delta', size: D },
    ]);
    const x = seq(0);
    const sideInputs = sides();
    const mask = tf.tensor2d([
      [1, 1, 1],
      [1, 1, 0],
    ]);
    const whole = runRnn(stack, x, { sideInputs, mask, returnSequences: true });
    const [l0, l1] = make();
    const below = runRnn(l0!, x, { sideInputs, mask, returnSequences: true });
    const byHand = runRnn(l1!, below.sequence!, { mask, returnSequences: true });
    expect(tensorDiff(whole.sequence!, byHand.sequence!)).toBe(0);

    let state = stack.initialState(B);
    const steps = [0, 1, 2].map((t) => {
      const at = (s: tf.Tensor3D) => tf.squeeze(tf.slice(s, [0, t, 0], [B, 1, D]), [1]);
      const res = stack.step(at(x) as tf.Tensor2D, state, {
        sideInputs: { observed: at(sideInputs.observed), delta: at(sideInputs.delta) } as Record<
          string,
          tf.Tensor2D
        >,
      });
      state = res.state;
      return res.output;
    });
    const unmasked = runRnn(stack, x, { sideInputs, returnSequences: true });
    expect(tensorDiff(tf.stack(steps, 1), unmasked.sequence!)).toBeLessThan(1e-6);
    expect(() => stack.step(tf.zeros([B, D]) as tf.Tensor2D, stack.initialState(B))).toThrow(
      /stackCells.step: missing side input "observed": "stack_0" reads observed \[batch, 4\]/,
    );
  });

  it('a bidirectional pair gives the GRU-D direction its side inputs, the other none', () => {
    const f = () => gruDCell({ inputSize: D, units: 2, seed: 4, name: 'fwd' });
    const b = () => gruCell({ inputSize: D, units: 2, seed: 5, name: 'bwd' });
    const pair = bidirectional(f(), b());
    const x = seq(0);
    const sideInputs = sides();
    const both = runRnn(pair, x, { sideInputs, returnSequences: true });
    const forward = runRnn(f(), x, { sideInputs, returnSequences: true });
    const backward = runRnn(b(), x, { reverse: true, returnSequences: true });
    const expected = tf.concat([forward.sequence!, backward.sequence!], -1);
    expect(tensorDiff(both.sequence!, expected)).toBe(0);
  });

  it('parts that give one side-input name two widths are refused', () => {
    expect(() =>
      bidirectional(
        gruDCell({ inputSize: D, units: 2, name: 'fwd' }),
        gruDCell({ inputSize: D, units: 2, name: 'bwd' }),
      ),
    ).not.toThrow();
    expect(() =>
      stackCells([
        gruDCell({ inputSize: D, units: 3, name: 'l0' }),
        gruDCell({ inputSize: 3, units: 2, name: 'l1' }),
      ]),
    ).toThrow(
      'stackCells: "l0" reads side input "observed" of width 4 but "l1" of width 3; a name is one tensor shared by every part. Give the parts equal input sizes, or use them in separate models.',
    );
  });
});
