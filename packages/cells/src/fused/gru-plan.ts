/**
 * What a fused GRU call runs with and what its forward pass keeps, shared by `gruSequence`
 * (forward, `resetAfter: true` backward) and `fused-gru-before.ts` (`resetAfter: false`
 * backward).
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { RecurrentActivation } from '../recurrent-activation.js';
import type { FusedPlan } from './fused-sequence.js';

/** What a fused GRU call runs with. */
export interface GruPlan extends FusedPlan {
  readonly activation: RecurrentActivation;
  readonly resetAfter: boolean;
}

/** What the forward pass keeps for the backward pass. */
export interface GruSaved {
  readonly x2: tf.Tensor2D; // [time*batch, in]: x as time-major rows
  readonly kernel: tf.Tensor2D; // [in, 3*units]
  readonly recurrent: tf.Tensor2D; // [units, 3*units]
  readonly zr: tf.Tensor2D; // [time*batch, 2*units]: the z and r gates
  readonly candidates: tf.Tensor2D; // [time*batch, units]: n
  readonly hAll: tf.Tensor2D; // [time*batch, units]: carried h after each step
  readonly h0: tf.Tensor2D; // [batch, units]
  readonly recurrentCandidates?: tf.Tensor2D; // [time*batch, units]: h R_h + b_h (resetAfter only)
  readonly maskRows?: tf.Tensor2D; // [time*batch, 1]: masked calls only
}
