/**
 * Batches of stays for training (seeded shuffle per epoch, so `batchAt(step)` is a pure
 * function of the step and a resumed run sees the same batches) and batched prediction of
 * the hourly and final risks.
 *
 * @example
 * const data = clinicalBatches({ grids, stays, labels, indices: split.train, normalizer, hyperParameters });
 * const batch = data.batchAt(0); // { x [64, 48, 121], mask [64, 48], labels [64] }
 */
import { mixSeed } from '@recurrent/data';
import { createRandom } from '@recurrent/random';
import type { IndexedData } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import type { ClinicalHyperParameters } from './clinical-defaults.js';
import type { ClinicalBatch, ClinicalModel } from './create-clinical-model.js';
import { encodeStays } from './encode-stays.js';
import type { HourlyGrid } from './hourly-grid.js';
import type { Normalizer } from './normalizer.js';
import type { Stay } from './parse-stay.js';

export interface StaySelection {
  readonly grids: readonly HourlyGrid[];
  readonly stays: readonly Stay[];
  readonly labels: Uint8Array;
  readonly indices: Int32Array;
}

/** Tensors for the stays `indices` (labels 0 when unknown). */
export function toBatch(
  sel: Omit<StaySelection, 'indices'>,
  indices: ArrayLike<number>,
  normalizer: Normalizer,
  hp: Pick<ClinicalHyperParameters, 'cell' | 'imputation'>,
): ClinicalBatch {
  const enc = encodeStays(sel.grids, sel.stays, indices, normalizer, hp);
  const shape: [number, number, number] = [enc.batch, enc.steps, enc.features];
  return {
    x: tf.tensor3d(enc.x, shape), // [batch, time, features]
    mask: tf.tensor2d(enc.mask, [enc.batch, enc.steps]), // [batch, time]
    labels: tf.tensor1d(Float32Array.from(indices as ArrayLike<number>, (i) => sel.labels[i] ?? 0)), // [batch]
    ...(enc.observed ? { observed: tf.tensor3d(enc.observed, shape) } : {}),
    ...(enc.delta ? { delta: tf.tensor3d(enc.delta, shape) } : {}),
  };
}

export function disposeBatch(batch: ClinicalBatch): void {
  tf.dispose([
    batch.x,
    batch.mask,
    batch.labels,
    ...(batch.observed ? [batch.observed] : []),
    ...(batch.delta ? [batch.delta] : []),
  ]);
}

export function clinicalBatches(
  sel: StaySelection,
  normalizer: Normalizer,
  hp: ClinicalHyperParameters,
): IndexedData<ClinicalBatch> & { stepsPerEpoch: number } {
  const n = sel.indices.length;
  const batchSize = Math.min(hp.batchSize, n);
  const stepsPerEpoch = Math.max(1, Math.floor(n / batchSize));
  let orderEpoch = -1;
  let order = Array.from(sel.indices);
  return {
    stepsPerEpoch,
    batchAt(step) {
      const epoch = Math.floor(step / stepsPerEpoch);
      if (epoch !== orderEpoch) {
        order = createRandom(mixSeed(hp.seed, epoch)).shuffle(Array.from(sel.indices));
        orderEpoch = epoch;
      }
      const at = (step % stepsPerEpoch) * batchSize;
      return toBatch(sel, order.slice(at, at + batchSize), normalizer, hp);
    },
    dispose: disposeBatch,
  };
}

export interface PredictedRisks {
  /** Final risk of each stay (prior-corrected probability). */
  readonly final: Float64Array;
  /** Risk after each real hour of each stay. */
  readonly hourly: Float32Array[];
}

export const predictDefaults = Object.freeze({
  batchSize: 256, // prediction has no gradients to keep: larger batches, fewer calls
});

export async function predictRisks(
  model: ClinicalModel,
  sel: Omit<StaySelection, 'labels'> & { labels?: Uint8Array },
): Promise<PredictedRisks> {
  const final = new Float64Array(sel.indices.length);
  const hourly: Float32Array[] = [];
  const labels = sel.labels ?? new Uint8Array(sel.stays.length);
  for (let at = 0; at < sel.indices.length; at += predictDefaults.batchSize) {
    const ids = sel.indices.subarray(at, at + predictDefaults.batchSize);
    const batch = toBatch({ ...sel, labels }, ids, model.normalizer, model.hyperParameters);
    const [f, h] = tf.tidy(() => {
      const out = model.forward(batch);
      return [model.risk(out.final), model.risk(out.hourly)];
    });
    disposeBatch(batch);
    const fv = await f!.data();
    const hv = await h!.data();
    const steps = h!.shape[1]!;
    tf.dispose([f!, h!]);
    for (let k = 0; k < ids.length; k++) {
      final[at + k] = fv[k]!;
      const len = sel.grids[ids[k]!]!.length;
      hourly.push(Float32Array.from(hv.subarray(k * steps, k * steps + len)));
    }
  }
  return { final, hourly };
}
