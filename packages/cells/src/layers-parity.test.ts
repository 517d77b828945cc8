/**
 * Parity with tfjs-layers 4.22 (the reference for Keras semantics): the same weights
 * (moved with toKerasWeights -> layer.setWeights) give the same outputs, final states and
 * gradients as tf.layers.lstm / gru (resetAfter false) / simpleRNN, with and without masks,
 * stacked and bidirectional. tfjs-layers emits the carried output at padded steps where we
 * emit zeros, so the loss weighs outputs by the mask: sum(sequence * coefficients * mask).
 * Required by the issue: forward within 1e-5, gradients within 1e-4.
 */
// tfjs-layers calls chained ops (t.flatten()), which tfjs-core alone does not register.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { bidirectional } from './bidirectional.js';
import type { Cell } from './cell.js';
import { gruCell } from './gru-cell.js';
import { fromKerasWeights, toKerasWeights } from './keras-weights.js';
import { lstmCell } from './lstm-cell.js';
import { runRnn } from './run-rnn.js';
import { simpleRnnCell } from './simple-rnn-cell.js';
import { stackCells } from './stack-cells.js';
import { useBackend } from './test-utils/backends.js';
import { tensorDiff } from './test-utils/numbers.js';

const TOL = { value: 1e-5, grad: 1e-4 }; // the bar

const B = 3;
const T = 5;
const D = 4;
const H = 3;

type Kind = 'lstm' | 'lstm-hard' | 'gru' | 'gru-hard' | 'rnn' | 'rnn-relu';

/** Our cell and the matching tfjs-layers layer config for one kind. */
function pair(kind: Kind, inputSize: number, name: string, seed: number) {
  const common = { units: H, returnSequences: true, returnState: true };
  switch (kind) {
    case 'lstm':
    case 'lstm-hard': {
      const recurrentActivation = kind === 'lstm' ? 'sigmoid' : 'hardSigmoid';
      return {
        cell: lstmCell({ inputSize, units: H, recurrentActivation, name, seed }) as Cell,
        layer: () => tfl.layers.lstm({ ...common, recurrentActivation }),
      };
    }
    case 'gru':
    case 'gru-hard': {
      const recurrentActivation = kind === 'gru' ? 'sigmoid' : 'hardSigmoid';
      return {
        cell: gruCell({
          inputSize,
          units: H,
          resetAfter: false,
          recurrentActivation,
          name,
          seed,
        }) as Cell,
        layer: () => tfl.layers.gru({ ...common, recurrentActivation }),
      };
    }
    default: {
      const activation = kind === 'rnn' ? 'tanh' : 'relu';
      return {
        cell: simpleRnnCell({ inputSize, units: H, activation, name, seed }) as Cell,
        layer: () => tfl.layers.simpleRNN({ ...common, activation }),
      };
    }
  }
}

interface Run {
  readonly sequence: tf.Tensor; // masked by the mask
  readonly finals: tf.Tensor[]; // final output(s) and states
  readonly grads: tf.Tensor[]; // d loss / d x, then d loss / d each weight in Keras order
}

/** Runs `forward` under variableGrads; all returned tensors are kept. */
function measure(
  x: tf.Variable,
  weights: tf.Variable[],
  coefficients: tf.Tensor,
  mask: tf.Tensor2D | undefined,
  forward: () => { sequence: tf.Tensor; finals: tf.Tensor[] },
): Run {
  let kept: { sequence: tf.Tensor; finals: tf.Tensor[] } | undefined;
  const { grads } = tf.variableGrads(() => {
    const { sequence, finals } = forward();
    const weighted = mask ? tf.mul(sequence, tf.expandDims(mask, 2)) : sequence;
    kept = { sequence: tf.keep(weighted), finals: finals.map((f) => tf.keep(f)) };
    return tf.sum(tf.mul(weighted, coefficients)) as tf.Scalar;
  }, [x, ...weights]);
  return { ...kept!, grads: [x, ...weights].map((v) => grads[v.name]!) };
}

function expectSame(ours: Run, theirs: Run): void {
  expect(tensorDiff(ours.sequence, theirs.sequence)).toBeLessThan(TOL.value);
  expect(ours.finals.length).toBe(theirs.finals.length);
  ours.finals.forEach((f, i) => {
    expect(tensorDiff(f, theirs.finals[i]!)).toBeLessThan(TOL.value);
  });
  ours.grads.forEach((g, i) => {
    expect(tensorDiff(g, theirs.grads[i]!), `gradient ${i}`).toBeLessThan(TOL.grad);
  });
}

let x: tf.Variable;
let masks: Record<'none' | 'padded', tf.Tensor2D | undefined>;

beforeAll(async () => {
  await useBackend('cpu');
  const values = Array.from({ length: B * T * D }, (_, i) => Math.sin(0.7 * i + 0.3));
  x = tf.variable(tf.tensor3d(values, [B, T, D]));
  // Right padding as produced by a tokenizer: lengths 5, 3, 1.
  masks = {
    none: undefined,
    padded: tf.tensor2d([
      [1, 1, 1, 1, 1],
      [1, 1, 1, 0, 0],
      [1, 0, 0, 0, 0],
    ]),
  };
});

const coefficientsFor = (width: number) =>
  tf.tensor3d(
    Array.from({ length: B * T * width }, (_, i) => Math.cos(1.3 * i)),
    [B, T, width],
  );

describe('parity with tfjs-layers', () => {
  const kinds: Kind[] = ['lstm', 'lstm-hard', 'gru', 'gru-hard', 'rnn', 'rnn-relu'];
  for (const kind of kinds) {
    for (const [maskName, fused] of [
      ['none', false],
      ['none', true],
      ['padded', false],
      ['padded', true],
    ] as const) {
      it(`${kind}, mask ${maskName}, fused ${fused}: outputs, final states and gradients`, () => {
        const mask = masks[maskName];
        const { cell, layer: makeLayer } = pair(kind, D, `${kind}_0`, 7);
        const layer = makeLayer();
        layer.apply(x, { mask }); // builds the layer
        layer.setWeights(toKerasWeights(cell));
        const coefficients = coefficientsFor(H);
        const ours = measure(
          x,
          cell.weights.map((w) => w.variable),
          coefficients,
          mask,
          () => {
            const r = runRnn(cell, x as tf.Variable<tf.Rank.R3>, { mask, returnSequences: true });
            return { sequence: r.sequence!, finals: [r.output, ...r.state] };
          },
        );
        const theirs = measure(
          x,
          layer.trainableWeights.map((w) => w.read() as tf.Variable),
          coefficients,
          mask,
          () => {
            const [sequence, ...states] = layer.apply(x, { mask }) as tf.Tensor[];
            return { sequence: sequence!, finals: [states[0]!, ...states] }; // output = h
          },
        );
        expectSame(ours, theirs);
      });
    }
  }

  it('two stacked LSTMs with a mask equal two tfjs-layers LSTM layers', () => {
    const mask = masks.padded;
    const { cell: c0, layer: l0f } = pair('lstm', D, 'lstm_0', 1);
    const { cell: c1, layer: l1f } = pair('lstm', H, 'lstm_1', 2);
    const stack = stackCells([c0, c1]);
    const [l0, l1] = [l0f(), l1f()];
    const first = (l0.apply(x, { mask }) as tf.Tensor[])[0]!;
    l1.apply(first, { mask });
    const kerasWeights = toKerasWeights(stack); // layer 0's three, then layer 1's three
    l0.setWeights(kerasWeights.slice(0, 3));
    l1.setWeights(kerasWeights.slice(3));
    const coefficients = coefficientsFor(H);
    const ours = measure(
      x,
      stack.weights.map((w) => w.variable),
      coefficients,
      mask,
      () => {
        const r = runRnn(stack, x as tf.Variable<tf.Rank.R3>, { mask, returnSequences: true });
        return { sequence: r.sequence!, finals: [r.output, ...r.state] };
      },
    );
    const theirWeights = [...l0.trainableWeights, ...l1.trainableWeights].map(
      (w) => w.read() as tf.Variable,
    );
    const theirs = measure(x, theirWeights, coefficients, mask, () => {
      const [s0, h0, cc0] = l0.apply(x, { mask }) as tf.Tensor[];
      const [s1, h1, cc1] = l1.apply(s0!, { mask }) as tf.Tensor[];
      return { sequence: s1!, finals: [h1!, h0!, cc0!, h1!, cc1!] };
    });
    expectSame(ours, theirs);
  });

  for (const merge of ['concat', 'sum', 'mean'] as const) {
    it(`bidirectional GRU (merge ${merge}) with a mask equals tf.layers.bidirectional`, () => {
      const mask = masks.padded;
      const { cell: f } = pair('gru', D, 'fwd', 3);
      const { cell: b } = pair('gru', D, 'bwd', 4);
      const bi = bidirectional(f, b, { merge });
      const mergeMode = merge === 'mean' ? 'ave' : merge;
      const layer = tfl.layers.bidirectional({
        layer: tfl.layers.gru({
          units: H,
          recurrentActivation: 'sigmoid',
          returnSequences: true,
        }) as tfl.RNN,
        mergeMode,
      });
      layer.apply(x, { mask });
      layer.setWeights(toKerasWeights(bi));
      const coefficients = coefficientsFor(merge === 'concat' ? 2 * H : H);
      const ours = measure(
        x,
        bi.weights.map((w) => w.variable),
        coefficients,
        mask,
        () => {
          const r = runRnn(bi, x as tf.Variable<tf.Rank.R3>, { mask, returnSequences: true });
          return { sequence: r.sequence!, finals: [] };
        },
      );
      const theirs = measure(
        x,
        layer.trainableWeights.map((w) => w.read() as tf.Variable),
        coefficients,
        mask,
        () => ({
          sequence: layer.apply(x, { mask }) as tf.Tensor,
          finals: [],
        }),
      );
      expectSame(ours, theirs);
    });
  }

  it('fromKerasWeights loads layer.getWeights() and refuses a resetAfter GRU list', () => {
    const layer = tfl.layers.lstm({ units: H, recurrentActivation: 'sigmoid' });
    layer.apply(x);
    const cell = lstmCell({ inputSize: D, units: H, seed: 99 });
    fromKerasWeights(cell, layer.getWeights());
    layer.getWeights().forEach((w, i) => {
      expect(tensorDiff(w, cell.weights[i]!.variable)).toBe(0);
    });
    const gru = tfl.layers.gru({ units: H });
    gru.apply(x);
    expect(() => fromKerasWeights(gruCell({ inputSize: D, units: H }), gru.getWeights())).toThrow(
      'fromKerasWeights: expected tensor 2 ("gru_0/bias") of shape [2, 9], got [9].',
    );
  });
});
