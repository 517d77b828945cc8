/** Options and result of the time loop `runRnn` and the fused `*Sequence` paths. */
import type { Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';

export interface RnnOptions {
  /** `[batch, time]` float32, 1 = real step, 0 = padding. Default: every step is real. */
  readonly mask?: Tensor2D;
  /** One `[batch, size]` tensor per state entry. Default: the cell's zeros. */
  readonly initialState?: Tensor2D[];
  /** Also return the output of every step as `sequence`. Default false. */
  readonly returnSequences?: boolean;
  /** Walk time backwards (from each sequence's last real step when masked). Default false. */
  readonly reverse?: boolean;
  /** Training mode (dropout in stacked cells). Default false. */
  readonly training?: boolean;
  /**
   * Seed of this call's dropout masks between stacked layers. Pass one drawn from the
   * trainer's RNG so a resumed run draws the same masks. Default: the stack's own stream.
   */
  readonly dropoutSeed?: number;
  /**
   * One `[batch, time, size]` tensor per side input the cell declares (`cell.sideInputs`),
   * keyed by name; step t reads `[:, t]` of each, as it reads `x`. Default none; a name the
   * cell does not declare is an error. Side-input cells run the step loop.
   */
  readonly sideInputs?: Readonly<Record<string, Tensor3D>>;
  /** Let `runRnn` take the fused sequence path when the cell allows it; `false` forces the step loop. */
  readonly fused?: boolean; // default true
}

export interface RnnResult {
  /** The output at the last real step of each sequence: `[batch, outputSize]`. */
  readonly output: Tensor2D;
  /** Every step's output, zeros at padded steps: `[batch, time, outputSize]`. */
  readonly sequence?: Tensor3D;
  /** The final state (carried through padded steps). */
  readonly state: Tensor2D[];
}
