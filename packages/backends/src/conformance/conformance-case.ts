/** One numeric check run on a backend and compared with the cpu backend. */
import type * as tfType from '@tensorflow/tfjs-core';

export interface Tolerance {
  /** Absolute tolerance. */
  readonly atol: number;
  /** Relative tolerance, times |cpu value|. */
  readonly rtol: number;
}

export interface ConformanceCase {
  readonly name: string;
  /** Builds the tensors to compare; runs inside tf.tidy on each backend. */
  run(tf: typeof tfType): tfType.Tensor | tfType.Tensor[];
  /** Tolerance on GPU backends (webgl, webgpu) and on cpu-like ones (wasm, node). */
  readonly tolerance: { readonly gpu: Tolerance; readonly cpu: Tolerance };
  /** Backends that cannot run this case, with the reason (shown in the skipped test's name). */
  readonly skip?: Partial<Record<string, string>>;
}
