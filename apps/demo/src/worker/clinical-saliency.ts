/**
 * Which variables moved a clinical model's risk at each hour of a stay: gradient x input
 * saliency of the log-odds of death after hour t, with respect to every input of the hourly
 * grid up to t, summed per variable (an LSTM/GRU reads three inputs per variable: its value,
 * its observed flag and the time since it was last observed; GRU-D reads the value, its
 * observed flags and times are side inputs and get no share). The stay's descriptors (age,
 * gender, height, weight, ICU type) are one more row. The reference input is all zeros: the
 * training mean of every variable, unobserved. A positive value raised the risk.
 *
 * One backward pass gives every hour: the stay is copied once per real hour into a batch,
 * and copy t contributes only its own hour t's logit to the summed objective, so the gradient
 * of copy t is d logit_t / d x (the copies do not interact).
 *
 * @example
 * const s = await clinicalSaliency(model, stay);
 * s.values[s.variables.indexOf('Lactate')][11]; // Lactate's push on the log-odds after hour 12
 */
import {
  type ClinicalModel,
  disposeBatch,
  hourlyGrid,
  physionetTimeSeries,
  STATIC_SIZE,
  type Stay,
  toBatch,
} from '@recurrent/clinical';
import * as tf from '@tensorflow/tfjs-core';

export const DESCRIPTORS_ROW = 'descriptors';

export interface ClinicalSaliency {
  /** Row names: the 37 time series, then `descriptors`. */
  readonly variables: readonly string[];
  /** `values[variable][hour]`: that variable's gradient x input on the log-odds after that hour. */
  readonly values: number[][];
  /** Risk after each real hour, from the same forward pass as the saliency. */
  readonly risk: number[];
}

/** The input column of each feature's row in `variables` (per the cell's encoding). */
function rowOfFeature(cell: ClinicalModel['hyperParameters']['cell']): Int32Array {
  const V = physionetTimeSeries.length;
  const perVariable = cell === 'gru-d' ? 1 : 3; // value | value, observed, time since last
  const rows = new Int32Array(perVariable * V + STATIC_SIZE);
  for (let k = 0; k < perVariable; k++) for (let v = 0; v < V; v++) rows[k * V + v] = v;
  rows.fill(V, perVariable * V); // static descriptors
  return rows;
}

export async function clinicalSaliency(
  model: ClinicalModel,
  stay: Stay,
): Promise<ClinicalSaliency> {
  const hp = model.hyperParameters;
  const grid = hourlyGrid(stay, { stepHours: hp.stepHours });
  const hours = grid.length;
  const copies = new Array<number>(hours).fill(0);
  const batch = toBatch(
    { grids: [grid], stays: [stay], labels: new Uint8Array(1) },
    copies,
    model.normalizer,
    hp,
  );
  try {
    const [attribution, risk] = tf.tidy(() => {
      const steps = batch.mask.shape[1];
      const own = tf.cast(tf.oneHot(tf.range(0, hours, 1, 'int32'), steps), 'float32'); // [hours, steps]: copy t keeps hour t
      let riskOut: tf.Tensor | null = null;
      const objective = (x: tf.Tensor) => {
        const { hourly } = model.forward({ ...batch, x: x as tf.Tensor3D }); // [hours, steps] logits
        const logit = tf.sum(tf.mul(hourly, own), 1); // [hours]: logit_t of copy t
        riskOut = tf.keep(model.risk(logit)); // [hours]
        return tf.sum(logit);
      };
      const grad = tf.grad(objective)(batch.x); // [hours, steps, features]
      const perFeature = tf.sum(tf.mul(grad, batch.x), 1); // [hours, features]: summed over input hours
      return [perFeature, riskOut! as tf.Tensor];
    });
    const features = batch.x.shape[2];
    let flat: Float32Array;
    let risks: number[];
    try {
      flat = (await attribution.data()) as Float32Array;
      risks = Array.from(await risk.data());
    } finally {
      tf.dispose([attribution, risk]);
    }
    const rows = rowOfFeature(hp.cell);
    const variables = [...physionetTimeSeries.map((v) => v.name), DESCRIPTORS_ROW];
    const values = variables.map(() => new Array<number>(hours).fill(0));
    for (let t = 0; t < hours; t++) {
      for (let f = 0; f < features; f++) values[rows[f]!]![t]! += flat[t * features + f]!;
    }
    return { variables, values, risk: risks };
  } finally {
    disposeBatch(batch);
  }
}

/** The `k` rows with the largest |value| at `hour`, largest first. */
export function topAt(
  saliency: Pick<ClinicalSaliency, 'variables' | 'values'>,
  hour: number,
  k = 3,
): { variable: string; value: number }[] {
  return saliency.variables
    .map((variable, r) => ({ variable, value: saliency.values[r]![hour]! }))
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
    .slice(0, k);
}
