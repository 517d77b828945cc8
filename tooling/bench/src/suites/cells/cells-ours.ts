/**
 * Our models for the `cells` suite, built from `@recurrent/cells`: a cell run by `runRnn`
 * (which takes the fused sequence path for simple RNN, LSTM and GRU cells), a dense head
 * and Adam. Config A feeds one-hot characters and trains next-character softmax
 * cross-entropy on every step; config B looks tokens up in an `embedding` (whose gradient
 * runs on wasm), runs the masked layer and trains a sigmoid head on the last real step.
 */
import { type Cell, embedding, gruCell, lstmCell, runRnn, simpleRnnCell } from '@recurrent/cells';
import * as tf from '@tensorflow/tfjs-core';
import type { ModelKind, Workload } from './cells-config.js';
import type { WorkloadData } from './cells-data.js';
import { dense } from './cells-dense.js';

/**
 * What a measurement drives: one training step, one forward pass (both read a value back,
 * asynchronously: tfjs-backend-webgpu in Node has no synchronous read).
 */
export interface BenchModel {
  train(): Promise<void> | void;
  infer(): Promise<void> | void;
}

/** Waits for a result's values (the step's end), then frees it. */
export async function readBack(t: tf.Tensor): Promise<void> {
  await t.data();
  t.dispose();
}

function makeCell(kind: ModelKind, inputSize: number, units: number): Cell {
  if (kind === 'lstm') return lstmCell({ inputSize, units }); // sigmoid gates
  // resetAfter false: the formula tfjs-layers' GRU computes, so both do the same work.
  if (kind === 'gru') return gruCell({ inputSize, units, resetAfter: false });
  return simpleRnnCell({ inputSize, units }); // tanh
}

/** Our model's trainable variables (in a fixed order), its training loss and its output. */
export interface OursParts {
  readonly variables: tf.Variable[];
  loss(): tf.Scalar;
  output(): tf.Tensor;
  /** Positions the loss averages over (A: every batch x time step; B: one per sequence). */
  readonly examples: number;
}

/** The model of `w` on `data` (its batch may be a shard of the workload's rows). */
export function oursParts(w: Workload, kind: ModelKind, data: WorkloadData): OursParts {
  const cell = makeCell(kind, w.inputSize, w.units);
  const head = dense(w.units, w.name === 'A' ? w.vocab : 1, 5);
  const cellVars = cell.weights.map((v) => v.variable);
  const [batch, time] = data.ids.shape;
  // Dense head with an explicit-transpose gradient (see cells-dense.ts).

  if (w.name === 'A') {
    const rows = batch * time;
    // int32 one-hot then cast: wasm's OneHot (tfjs 4.22) writes integer bits into float32.
    const x = tf.cast(tf.oneHot(data.ids, w.vocab), 'float32') as tf.Tensor3D; // [batch, time, vocab]
    const labels = tf.cast(tf.oneHot(tf.reshape(data.targets, [rows]), w.vocab), 'float32'); // [rows, vocab]
    const logits = () => {
      const { sequence } = runRnn(cell, x, { returnSequences: true }); // [batch, time, units]
      return head.apply(tf.reshape(sequence!, [rows, w.units])); // [rows, vocab]
    };
    return {
      variables: [...cellVars, head.kernel, head.bias],
      loss: () => tf.losses.softmaxCrossEntropy(labels, logits()) as tf.Scalar,
      output: () => tf.softmax(logits()),
      examples: rows,
    };
  }

  const table = embedding({ vocabSize: w.vocab, dim: w.inputSize, maskZero: true });
  const logits = () => {
    const { output: e, mask } = table.apply(data.ids); // [batch, time, dim], [batch, time]
    const { output } = runRnn(cell, e as tf.Tensor3D, { mask: mask as tf.Tensor2D }); // [batch, units]
    return head.apply(output); // [batch, 1]
  };
  return {
    variables: [table.table, ...cellVars, head.kernel, head.bias],
    loss: () => tf.losses.sigmoidCrossEntropy(data.targets, logits()) as tf.Scalar,
    output: () => tf.sigmoid(logits()),
    examples: batch,
  };
}

export function oursModel(w: Workload, kind: ModelKind, data: WorkloadData): BenchModel {
  const parts = oursParts(w, kind, data);
  const optimizer = tf.train.adam(1e-3);
  return {
    async train() {
      const cost = optimizer.minimize(parts.loss, true, parts.variables);
      await cost?.data();
      cost?.dispose();
    },
    infer: () => readBack(tf.tidy(() => parts.output())),
  };
}
