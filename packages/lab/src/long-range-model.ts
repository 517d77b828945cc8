/**
 * The model of the vanishing-gradient lab: embedding -> one recurrent cell -> dense head
 * on the last output, 2 logits. The same for every cell kind, so a sweep compares cells
 * and nothing else. It is a `Trainable` for `@recurrent/train`'s `train()`.
 */
import {
  type Cell,
  dense,
  embedding,
  gruCell,
  type LstmCell,
  lstmCell,
  runRnn,
  simpleRnnCell,
} from '@recurrent/cells';
import { ConfigError } from '@recurrent/errors';
import { type NamedVariable, sequenceCrossEntropy, type Trainable } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { type ForgetBias, setForgetBias } from './forget-bias.js';
import { type GradientFlow, gradientFlow, gradientFlowAsync } from './gradient-flow.js';
import type { LongRangeBatch } from './long-range-batch.js';

export type LabCellKind = 'rnn' | 'gru' | 'lstm';

export interface LongRangeModelOptions {
  readonly cell: LabCellKind;
  readonly vocabSize: number;
  readonly units: number;
  readonly embeddingDim: number;
  readonly classes: number;
  /** LSTM only: the forget-gate bias at initialisation. */
  readonly forgetBias?: ForgetBias;
  /** The T of chrono initialisation (the sequence length). */
  readonly maxLength: number;
  readonly seed: number;
}

/** A batch as tensors: ids `[batch, time]` int32, labels `[batch, 1]` int32. */
export interface LongRangeTensors {
  readonly ids: tf.Tensor2D;
  readonly labels: tf.Tensor2D;
}

export interface LongRangeModel extends Trainable<LongRangeTensors> {
  readonly cell: Cell;
  /** Fraction of rows whose arg-max logit is the label. */
  accuracy(batch: LongRangeBatch): number;
  /** ||dL/dh_t|| (and ||dL/dc_t||) of the classification loss on `batch`. */
  flow(batch: LongRangeBatch, fused?: boolean): GradientFlow;
  /** `accuracy` read asynchronously: the same number, and no synchronous read (webgpu). */
  accuracyAsync(batch: LongRangeBatch): Promise<number>;
  /** `flow` read asynchronously (`gradientFlowAsync`): the same numbers. */
  flowAsync(batch: LongRangeBatch, fused?: boolean): Promise<GradientFlow>;
  dispose(): void;
}

/** Plain arrays -> the tensors `loss()` reads. */
export function longRangeTensors(batch: LongRangeBatch): LongRangeTensors {
  return {
    ids: tf.tensor2d(batch.ids, [batch.batch, batch.length], 'int32'), // [batch, time]
    labels: tf.tensor2d(batch.labels, [batch.batch, 1], 'int32'), // [batch, 1]
  };
}

function createCell(o: LongRangeModelOptions): Cell {
  const common = { inputSize: o.embeddingDim, units: o.units, seed: o.seed + 1 };
  switch (o.cell) {
    case 'rnn':
      return simpleRnnCell({ ...common, name: 'rnn_0' });
    case 'gru':
      return gruCell({ ...common, name: 'gru_0' });
    case 'lstm': {
      const cell: LstmCell = lstmCell({ ...common, name: 'lstm_0' });
      setForgetBias(cell, o.forgetBias ?? 1, o.maxLength, o.seed + 3);
      return cell;
    }
    default:
      throw new ConfigError(
        `longRangeModel: Unknown cell ${JSON.stringify(o.cell)}. Available: rnn, gru, lstm.`,
      );
  }
}

/**
 * @example
 * const model = longRangeModel({ cell: 'lstm', forgetBias: 1, vocabSize: 11, units: 32,
 *   embeddingDim: 8, classes: 2, maxLength: 60, seed: 0 });
 */
export function longRangeModel(o: LongRangeModelOptions): LongRangeModel {
  const emb = embedding({ vocabSize: o.vocabSize, dim: o.embeddingDim, seed: o.seed });
  const cell = createCell(o);
  const head = dense({ inputSize: o.units, units: o.classes, seed: o.seed + 2 });
  const variables: NamedVariable[] = [...emb.weights, ...cell.weights, ...head.weights].map(
    (w) => ({ name: w.name, variable: w.variable }),
  );
  const embed = (ids: tf.Tensor2D) => emb.apply(ids).output as tf.Tensor3D; // [batch, time, dim]
  const logitsOf = (h: tf.Tensor2D) => head.apply(h); // [batch, classes]
  const lossOf = (h: tf.Tensor2D, labels: tf.Tensor2D): tf.Scalar => {
    const logits = tf.expandDims(logitsOf(h), 1) as tf.Tensor3D; // [batch, 1, classes]
    return sequenceCrossEntropy(logits, labels);
  };
  /** The number of rows whose arg-max logit is the label, `[]`, unread. */
  const hitsOf = (batch: LongRangeBatch): tf.Tensor =>
    tf.tidy(() => {
      const t = longRangeTensors(batch);
      const guess = tf.argMax(logitsOf(runRnn(cell, embed(t.ids)).output), 1); // [batch]
      return tf.sum(tf.cast(tf.equal(guess, tf.reshape(t.labels, [-1])), 'float32')); // []
    });
  return {
    cell,
    variables,
    loss(batch: LongRangeTensors): tf.Scalar {
      return lossOf(runRnn(cell, embed(batch.ids)).output, batch.labels); // [batch, units] -> []
    },
    countBatch: (batch) => ({ items: batch.ids.shape[0], tokens: batch.ids.size }),
    accuracy(batch: LongRangeBatch): number {
      const hits = hitsOf(batch);
      const value = hits.dataSync()[0]! / batch.batch;
      hits.dispose();
      return value;
    },
    async accuracyAsync(batch: LongRangeBatch): Promise<number> {
      const hits = hitsOf(batch);
      try {
        return (await hits.data())[0]! / batch.batch;
      } finally {
        hits.dispose();
      }
    },
    flow(batch: LongRangeBatch, fused = true): GradientFlow {
      const t = longRangeTensors(batch);
      const x = tf.tidy(() => embed(t.ids)); // [batch, time, dim]: inputs held fixed
      try {
        return gradientFlow(cell, x, (h) => lossOf(h, t.labels), { fused });
      } finally {
        tf.dispose([t.ids, t.labels, x]);
      }
    },
    async flowAsync(batch: LongRangeBatch, fused = true): Promise<GradientFlow> {
      const t = longRangeTensors(batch);
      const x = tf.tidy(() => embed(t.ids)); // [batch, time, dim]: inputs held fixed
      try {
        return await gradientFlowAsync(cell, x, (h) => lossOf(h, t.labels), { fused });
      } finally {
        tf.dispose([t.ids, t.labels, x]);
      }
    },
    dispose() {
      for (const v of variables) v.variable.dispose();
    },
  };
}
