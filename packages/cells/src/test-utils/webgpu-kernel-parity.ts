/**
 * Test helper for the fused paths' webgpu kernels: runs a fused sequence function on the
 * active backend over seeded inputs (the same numbers on every backend) and returns its
 * results and the gradients of a loss that weighs every result with seeded coefficients,
 * with respect to x, the three weights and (when given) the initial state, as plain arrays,
 * plus the webgpu dispatches it made (`countPrograms`).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { FusedSequenceOptions, FusedWeights } from '../fused/fused-check.js';
import type { RnnResult } from '../rnn-options.js';
import { lengthMask, seededNormal } from './fused-parity.js';
import { maxAbsDiff } from './numbers.js';
import { countPrograms, type ProgramCounts } from './webgpu-programs.js';

export interface KernelCase {
  readonly batch: number;
  readonly time: number;
  readonly inputSize: number;
  readonly units: number;
  readonly gates: number; // gate blocks of `units` columns (1 RNN, 3 GRU, 4 LSTM)
  readonly biasShape: readonly number[];
  readonly lengths?: readonly number[]; // real steps of each row; omit for no mask
  readonly reverse?: boolean;
  readonly initialState?: boolean; // start from a seeded h0 (and take its gradient)
  readonly returnSequences?: boolean;
}

export type SequenceRun = (
  x: tf.Tensor3D,
  weights: FusedWeights,
  options: FusedSequenceOptions & { readonly webgpuKernels?: boolean },
) => RnnResult;

export interface KernelNumbers {
  readonly values: Float32Array[]; // output, state..., sequence?
  readonly grads: Float32Array[]; // x, kernel, recurrentKernel, bias, h0?
  readonly counts?: ProgramCounts; // on webgpu
}

/** Results and gradients of `run` on `c` on the active backend (see the header). */
export async function kernelNumbers(
  run: SequenceRun,
  c: KernelCase,
  webgpuKernels: boolean,
): Promise<KernelNumbers> {
  const { batch, time, inputSize, units, gates } = c;
  const compute = () =>
    tf.tidy(() => {
      const x = seededNormal([batch, time, inputSize], 41) as tf.Tensor3D;
      const kernel = seededNormal([inputSize, gates * units], 42, 0.5);
      const recurrent = seededNormal([units, gates * units], 43, 0.5);
      const bias = seededNormal([...c.biasShape], 44, 0.3);
      const h0 = c.initialState
        ? (seededNormal([batch, units], 45, 0.5) as tf.Tensor2D)
        : undefined;
      const mask = c.lengths ? lengthMask(c.lengths, time) : undefined;
      const call = (args: tf.Tensor[]) => {
        const [xs, k, r, b, h] = args as [
          tf.Tensor3D,
          tf.Tensor,
          tf.Tensor,
          tf.Tensor,
          tf.Tensor2D?,
        ];
        return run(
          xs,
          { kernel: k, recurrentKernel: r, bias: b },
          {
            ...(mask ? { mask } : {}),
            ...(h ? { initialState: [h] } : {}),
            reverse: c.reverse === true,
            returnSequences: c.returnSequences === true,
            webgpuKernels,
          },
        );
      };
      const parts = (res: RnnResult) => [
        res.output,
        ...res.state,
        ...(res.sequence ? [res.sequence] : []),
      ];
      const loss = (...args: tf.Tensor[]) =>
        parts(call(args))
          .map((p, k) => tf.sum(tf.mul(p, seededNormal(p.shape, 50 + k))) as tf.Scalar)
          .reduce((a, b) => tf.add(a, b));
      const args = [x, kernel, recurrent, bias, ...(h0 ? [h0] : [])];
      return { values: parts(call(args)), grads: tf.grads(loss)(args) };
    });
  const counted = tf.getBackend() === 'webgpu' ? countPrograms(compute) : undefined;
  const { values, grads } = counted ? counted.result : compute();
  const read = (ts: tf.Tensor[]) =>
    Promise.all(ts.map(async (t) => Float32Array.from(await t.data())));
  const out = { values: await read(values), grads: await read(grads) };
  tf.dispose([values, grads]);
  return counted ? { ...out, counts: counted.counts } : out;
}

/** The largest |a - b| over the values and over the gradients of two runs. */
export function kernelDiff(a: KernelNumbers, b: KernelNumbers): { values: number; grads: number } {
  const worst = (xs: Float32Array[], ys: Float32Array[]) =>
    xs.reduce((m, x, i) => Math.max(m, maxAbsDiff(x, ys[i]!)), 0);
  return { values: worst(a.values, b.values), grads: worst(a.grads, b.grads) };
}
