/**
 * Parity with PyTorch on every case of fixtures/rnn_torch_parity.json (PyTorch 1.13,
 * float64; see fixtures/README.md): nn.LSTM / nn.GRU / nn.RNN, 1-2 layers, 1-2 directions,
 * full length and packed (pack_padded_sequence). We load PyTorch's weights with
 * fromPytorch, run in float32 on cpu, and compare outputs, h_n, c_n, the loss and the
 * gradients of the loss with respect to x and every weight (mapped back with toPytorch).
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { bidirectional } from './bidirectional.js';
import type { Cell } from './cell.js';
import { setWeights } from './get-weights.js';
import { gruCell } from './gru-cell.js';
import { lstmCell } from './lstm-cell.js';
import { runRnn } from './run-rnn.js';
import { simpleRnnCell } from './simple-rnn-cell.js';
import { stackCells } from './stack-cells.js';
import { useBackend } from './test-utils/backends.js';
import { flat, maxAbsDiff } from './test-utils/numbers.js';
import { fromPytorch, toPytorch } from './to-pytorch.js';

interface Expected {
  readonly lengths?: number[];
  readonly output: unknown;
  readonly h_n: unknown;
  readonly c_n?: unknown;
  readonly loss: number;
  readonly grad_x: unknown;
  readonly grad_weights: Record<string, unknown>;
}

interface TorchCase {
  readonly kind: 'lstm' | 'gru' | 'rnn_tanh';
  readonly layers: number;
  readonly bidirectional: boolean;
  readonly B: number;
  readonly T: number;
  readonly D: number;
  readonly H: number;
  readonly weights: Record<string, unknown>;
  readonly x: unknown;
  readonly loss_coefficients: unknown;
  readonly full: Expected;
  readonly masked: Expected;
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/rnn_torch_parity.json', import.meta.url), 'utf8'),
) as { cases: TorchCase[] };

/**
 * float64 PyTorch vs our float32 on cpu. Largest differences measured over all 24 runs:
 * 1.3e-7 for outputs/h_n/c_n and 1.0e-6 for gradients; the tolerances leave ~5x headroom.
 */
const TOL = { value: 1e-6, grad: 5e-6 };

/** The same architecture as the PyTorch module of `c`. */
function buildModel(c: TorchCase): Cell {
  const base = (name: string, inputSize: number): Cell => {
    const o = { inputSize, units: c.H, name };
    if (c.kind === 'lstm') return lstmCell(o);
    if (c.kind === 'gru') return gruCell(o);
    return simpleRnnCell(o);
  };
  const layers = Array.from({ length: c.layers }, (_, k) => {
    const inputSize = k === 0 ? c.D : (c.bidirectional ? 2 : 1) * c.H;
    return c.bidirectional
      ? bidirectional(base(`l${k}_fwd`, inputSize), base(`l${k}_bwd`, inputSize))
      : base(`l${k}`, inputSize);
  });
  return layers.length === 1 ? layers[0]! : stackCells(layers);
}

beforeAll(() => useBackend('cpu'));

describe('parity with PyTorch (fixtures/rnn_torch_parity.json)', () => {
  it('covers the 12 cases of the fixture', () => {
    expect(fixture.cases).toHaveLength(12);
  });

  for (const c of fixture.cases) {
    for (const variant of ['full', 'masked'] as const) {
      for (const fused of [false, true]) {
        const title = `${c.kind}, ${c.layers} layer(s), ${c.bidirectional ? 'bidirectional' : 'forward'}, ${variant}, fused ${fused}`;
        it(title, () => {
          const expected = c[variant];
          const model = buildModel(c);
          fromPytorch(model, c.weights as Record<string, tf.TensorLike>);
          const x = tf.variable(tf.tensor3d(Float32Array.from(flat(c.x)), [c.B, c.T, c.D]));
          const dirs = c.bidirectional ? 2 : 1;
          const coeff = tf.tensor3d(Float32Array.from(flat(c.loss_coefficients)), [
            c.B,
            c.T,
            dirs * c.H,
          ]);
          const lengths = expected.lengths;
          const mask = lengths
            ? tf.tensor2d(
                lengths.flatMap((n) => Array.from({ length: c.T }, (_, t) => (t < n ? 1 : 0))),
                [c.B, c.T],
              )
            : undefined;
          const shadow = buildModel(c); // receives our gradients, to export them like weights
          const before = tf.memory().numTensors;

          let result: { sequence: tf.Tensor; state: tf.Tensor[] } | undefined;
          const vars = [x, ...model.weights.map((w) => w.variable)];
          const { value, grads } = tf.variableGrads(() => {
            const r = runRnn(model, x as tf.Variable<tf.Rank.R3>, {
              mask,
              returnSequences: true,
              fused,
            });
            result = { sequence: tf.keep(r.sequence!), state: r.state.map((s) => tf.keep(s)) };
            return tf.sum(tf.mul(r.sequence!, coeff)) as tf.Scalar;
          }, vars);
          const { sequence, state } = result!;

          expect(maxAbsDiff(sequence.dataSync(), flat(expected.output))).toBeLessThan(TOL.value);
          const lstm = c.kind === 'lstm';
          const hs = lstm ? state.filter((_, i) => i % 2 === 0) : state;
          const hN = tf.tidy(() => tf.stack(hs).dataSync());
          expect(maxAbsDiff(hN, flat(expected.h_n))).toBeLessThan(TOL.value);
          if (lstm) {
            const cs = state.filter((_, i) => i % 2 === 1);
            const cN = tf.tidy(() => tf.stack(cs).dataSync());
            expect(maxAbsDiff(cN, flat(expected.c_n))).toBeLessThan(TOL.value);
          }
          expect(Math.abs(value.dataSync()[0]! - expected.loss)).toBeLessThan(TOL.grad);
          expect(maxAbsDiff(grads[x.name]!.dataSync(), flat(expected.grad_x))).toBeLessThan(
            TOL.grad,
          );

          // Map our weight gradients to PyTorch's layout through a model of the same shape.
          setWeights(
            shadow,
            Object.fromEntries(
              model.weights.map((w, i) => [shadow.weights[i]!.name, grads[w.variable.name]!]),
            ),
          );
          const torchGrads = toPytorch(shadow);
          for (const [name, g] of Object.entries(expected.grad_weights)) {
            // One summed bias in LSTM/RNN: PyTorch's bias_ih and bias_hh both get its gradient.
            const ours = !lstm && c.kind !== 'rnn_tanh' ? name : name.replace('bias_hh', 'bias_ih');
            expect(maxAbsDiff(torchGrads[ours]!.dataSync(), flat(g)), name).toBeLessThan(TOL.grad);
          }
          tf.dispose([
            value,
            ...Object.values(grads),
            sequence,
            ...state,
            ...Object.values(torchGrads),
          ]);
          expect(tf.memory().numTensors).toBe(before);
          tf.dispose([
            x,
            coeff,
            ...(mask ? [mask] : []),
            ...vars,
            ...shadow.weights.map((w) => w.variable),
          ]);
        });
      }
    }
  }
});
