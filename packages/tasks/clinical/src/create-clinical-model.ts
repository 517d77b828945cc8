/**
 * The clinical model: a masked LSTM, GRU or GRU-D over the hourly grid with a dense head
 * on every hour, so it gives the risk after each hour (the lecture's per-step output) and
 * the final risk at the stay's last real hour. It carries the normaliser fitted on its
 * training split and the loss weight of deaths, both saved in config.json.
 *
 * Trained with class weighting, the logits overstate deaths by log(positiveWeight); `risk`
 * subtracts that prior shift, so risks stay calibrated probabilities (checked by the
 * Hosmer-Lemeshow table).
 *
 * @example
 * const model = createClinicalModel({ hyperParameters, normalizer, positiveWeight: 6.1 });
 * const { hourly, final } = model.forward(batch); // [batch, hours], [batch] logits
 */
import {
  type Cell,
  dense,
  type GruDCell,
  gruCell,
  gruDCell,
  lstmCell,
  runRnn,
} from '@recurrent/cells';
import type { NamedVariable } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import type { ClinicalHyperParameters } from './clinical-defaults.js';
import { inputSizeOf } from './encode-stays.js';
import type { Normalizer } from './normalizer.js';

/** One batch as tensors; `observed` and `delta` only for GRU-D. */
export interface ClinicalBatch {
  readonly x: tf.Tensor3D; // [batch, time, features]
  readonly mask: tf.Tensor2D; // [batch, time], 1 = real hour
  readonly labels: tf.Tensor1D; // [batch], 1 = died
  readonly observed?: tf.Tensor3D; // [batch, time, features]
  readonly delta?: tf.Tensor3D; // [batch, time, features]
}

export interface ClinicalModel {
  readonly hyperParameters: ClinicalHyperParameters;
  readonly normalizer: Normalizer;
  /** The loss weight of a death this model was trained with (its logits' prior shift is log of it). */
  readonly positiveWeight: number;
  readonly cell: Cell | GruDCell;
  readonly variables: readonly NamedVariable[];
  /** Logits of every hour and of the last real hour. */
  forward(batch: ClinicalBatch): { hourly: tf.Tensor2D; final: tf.Tensor1D };
  /** Prior-corrected probability from a logit tensor. */
  risk(logits: tf.Tensor): tf.Tensor;
  dispose(): void;
}

export interface CreateClinicalModelOptions {
  readonly hyperParameters: ClinicalHyperParameters;
  readonly normalizer: Normalizer;
  readonly positiveWeight: number;
}

export function createClinicalModel(options: CreateClinicalModelOptions): ClinicalModel {
  const hp = options.hyperParameters;
  const inputSize = inputSizeOf(hp.cell);
  const common = { inputSize, units: hp.units, seed: hp.seed + 101 };
  const init = { initializer: hp.kernelInit };
  const cell =
    hp.cell === 'gru-d'
      ? gruDCell({ ...common, name: 'gru_d_0' }) // Keras' init only (resolve refuses 'pytorch')
      : hp.cell === 'lstm'
        ? lstmCell({
            ...common,
            ...init,
            name: 'lstm_0',
            unitForgetBias: hp.forgetBias === 1,
            recurrentBias: hp.secondBias,
          })
        : gruCell({ ...common, ...init, name: 'gru_0' });
  const head = dense({ inputSize: hp.units, units: 1, name: 'dense_0', seed: hp.seed + 3 });
  const variables: NamedVariable[] = [...cell.weights, ...head.weights].map((w) => ({
    name: w.name,
    variable: w.variable,
  }));
  const shift = Math.log(options.positiveWeight);

  return {
    hyperParameters: hp,
    normalizer: options.normalizer,
    positiveWeight: options.positiveWeight,
    cell,
    variables,
    forward(batch) {
      return tf.tidy(() => {
        const [n, time] = batch.mask.shape;
        const run = runRnn(cell, batch.x, {
          mask: batch.mask,
          returnSequences: true,
          // GRU-D reads the observed mask and the time since the last observation each hour
          ...(cell.kind === 'gru-d' && {
            sideInputs: { observed: batch.observed!, delta: batch.delta! },
          }),
        });
        const hs = tf.reshape(run.sequence!, [n * time, hp.units]) as tf.Tensor2D; // [batch*time, units]
        const hourly = tf.reshape(head.apply(hs), [n, time]) as tf.Tensor2D; // [batch, time]
        const final = tf.reshape(head.apply(run.output), [n]) as tf.Tensor1D; // [batch]
        return { hourly, final };
      });
    },
    risk: (logits) => tf.tidy(() => tf.sigmoid(tf.sub(logits, shift))),
    dispose() {
      for (const v of variables) v.variable.dispose();
      if (cell.kind === 'gru-d') (cell as GruDCell).mean.dispose();
    },
  };
}
