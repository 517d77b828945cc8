/**
 * Reads and restores a tfjs optimiser's slot variables (Adam's m and v, RMSProp's rms and
 * momentum, Momentum's accumulation) under the model's stable weight names.
 *
 * tfjs facts this relies on (tfjs-core 4.22 `optimizers/*.ts`): `getWeights()` returns
 * `[iter, ...slots]` where `iter` is a new int32 scalar and each slot is the optimiser's own
 * variable named `<tf variable name>/<suffix>`, grouped by kind (all m, then all v) in the order
 * the gradients were first passed; `setWeights()` expects the same list and wraps each tensor
 * in a new variable (it does not dispose the old ones, so we do).
 */
import { CheckpointError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import { type NamedTensorRecord, toTensorRecord } from '../checkpoint/tensor-record.js';
import type { NamedVariable } from '../loop/trainable.js';

export interface OptimizerSlots {
  /** Updates applied so far (tfjs' `iterations`). */
  iterations: number;
  /** `<weight name>/<suffix>` (e.g. `lstm_0/kernel/m`), in tfjs' order. */
  slots: NamedTensorRecord[];
}

function splitSlotName(name: string): [string, string] {
  const cut = name.lastIndexOf('/');
  return [name.slice(0, cut), name.slice(cut + 1)];
}

/** Copies the optimiser's state off the backend, renamed to the model's weight names. */
export async function readOptimizerSlots(
  optimizer: tf.Optimizer,
  variables: readonly NamedVariable[],
): Promise<OptimizerSlots> {
  const byTfName = new Map(variables.map((v) => [v.variable.name, v.name]));
  const weights = await optimizer.getWeights();
  const [iter, ...slots] = weights;
  const iterations = iter ? ((await iter.tensor.data())[0] as number) : 0;
  iter?.tensor.dispose(); // a fresh scalar; the slots are the optimiser's own variables
  const records: NamedTensorRecord[] = [];
  for (const slot of slots) {
    const [tfName, suffix] = splitSlotName(slot.name);
    const stable = byTfName.get(tfName);
    if (stable === undefined) {
      throw new CheckpointError(
        `readOptimizerSlots: the optimizer holds "${slot.name}" for a variable the model does not list. ` +
          'Use one optimizer per model, or create a fresh one.',
      );
    }
    records.push({ name: `${stable}/${suffix}`, ...(await toTensorRecord(slot.tensor)) });
  }
  return { iterations, slots: records };
}

/**
 * Adam's `setWeights` sets its bias-correction powers to `pow(beta, iter + 1)`, while training
 * multiplies them by beta once per step; in float32 the two differ in the last bit, enough to
 * change the losses after a resume by ~1e-7. Recompute them the way training does (each
 * product rounded to float32, as the backends' Multiply kernels do).
 */
function matchAdamBetaPowers(optimizer: tf.Optimizer, iterations: number): void {
  if (optimizer.getClassName() !== 'Adam') return;
  const o = optimizer as unknown as {
    beta1: number;
    beta2: number;
    accBeta1?: tf.Variable;
    accBeta2?: tf.Variable;
  };
  const power = (beta: number) => {
    const b = Math.fround(beta);
    let acc = b;
    for (let i = 0; i < iterations; i++) acc = Math.fround(acc * b);
    return acc;
  };
  tf.tidy(() => {
    o.accBeta1?.assign(tf.scalar(power(o.beta1)));
    o.accBeta2?.assign(tf.scalar(power(o.beta2)));
  });
}

/**
 * Loads saved slots into `optimizer` (replacing and disposing its current ones). Checks that
 * every slot belongs to a model weight, has its shape, and comes in the model's order.
 */
export async function restoreOptimizerSlots(
  optimizer: tf.Optimizer,
  variables: readonly NamedVariable[],
  saved: OptimizerSlots,
  where: string,
): Promise<void> {
  const byName = new Map(variables.map((v, i) => [v.name, { v, i }]));
  const order = variables.map((v) => v.name);
  const list: { name: string; tensor: tf.Tensor }[] = [];
  try {
    let expectedIndex = 0;
    let group = '';
    for (const slot of saved.slots) {
      const [stable, suffix] = splitSlotName(slot.name);
      const entry = byName.get(stable);
      if (!entry) {
        throw new CheckpointError(
          `${where}: optimizer slot "${slot.name}" belongs to no model weight (the model has ${order.join(', ')}).`,
        );
      }
      if (suffix !== group) {
        group = suffix;
        expectedIndex = 0;
      }
      if (entry.i !== expectedIndex) {
        throw new CheckpointError(
          `${where}: optimizer slot "${slot.name}" is out of order: expected the slot of "${order[expectedIndex]}" here. ` +
            'The checkpoint was saved for a model with its weights in another order.',
        );
      }
      expectedIndex++;
      const want = entry.v.variable.shape;
      if (want.length !== slot.shape.length || want.some((d, k) => d !== slot.shape[k])) {
        throw new CheckpointError(
          `${where}: optimizer slot "${slot.name}": expected shape [${want.join(', ')}] (from the model), got [${slot.shape.join(', ')}].`,
        );
      }
      list.push({
        name: `${entry.v.variable.name}/${suffix}`,
        tensor: tf.tensor(slot.data, slot.shape, slot.dtype),
      });
    }
    const old = await optimizer.getWeights();
    tf.dispose(old.map((w) => w.tensor));
    const iter = tf.scalar(saved.iterations, 'int32');
    list.unshift({ name: 'iter', tensor: iter });
    await optimizer.setWeights(list);
    matchAdamBetaPowers(optimizer, saved.iterations);
  } finally {
    tf.dispose(list.map((w) => w.tensor)); // setWeights made variables that hold the data
  }
}
