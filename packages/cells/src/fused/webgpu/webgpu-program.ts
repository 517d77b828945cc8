/**
 * Runs our WGSL programs on tfjs-backend-webgpu without importing it (a library never
 * imports a backend): a program is plain data with the fields of tfjs-backend-webgpu 4.22's
 * `WebGPUProgram` (`variableNames`, `outputShape`, `shaderKey`, `dispatchLayout`, `dispatch`,
 * `workgroupSize`, `getUserCode`), handed to the active backend's `runWebGPUProgram`.
 *
 * The backend writes the shader's header: one read-only storage array per input, named as in
 * `variableNames` (`Gates[i]`), the output array `result` (`setOutputAtIndex(i, v)`), and a
 * `uniforms` struct with each input's shape (`uniforms.gatesShape`), `outShape`, and the
 * program's own fields (`uniforms`, here i32s, whose values each call passes in order).
 * The node-webgpu adapter (Dawn in Node) registers the same backend under the name `webgpu`.
 */
import { BackendError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';

/** One dispatch of a WGSL program over a flat index (one invocation per work item). */
export interface StepProgram {
  readonly variableNames: string[];
  readonly outputShape: number[];
  shaderKey: string; // the backend appends shapes and dtypes to it
  readonly dispatchLayout: { x: number[] };
  dispatch: [number, number, number]; // the backend may reshape it past 65,535 groups
  readonly workgroupSize: [number, number, number];
  readonly uniforms?: string;
  getUserCode(): string;
}

/** The member of tfjs-backend-webgpu's `WebGPUBackend` that we call. */
interface WebgpuBackend {
  runWebGPUProgram(
    program: StepProgram,
    inputs: tf.TensorInfo[],
    outputDtype: 'float32',
    uniforms?: { type: 'int32'; data: number[] }[],
  ): tf.TensorInfo;
}

const workgroupSize = 64; // a multiple of every GPU's SIMD width; the step's items are few

/** The webgpu backend if it is the active one (browser or node-webgpu), else `undefined`. */
export function activeWebgpu(): WebgpuBackend | undefined {
  if (tf.getBackend() !== 'webgpu') return undefined;
  const backend = tf.backend() as unknown as Partial<WebgpuBackend>;
  return typeof backend.runWebGPUProgram === 'function' ? (backend as WebgpuBackend) : undefined;
}

/** The active webgpu backend; `who` throws a `BackendError` when another backend is active. */
export function requireWebgpu(who: string): WebgpuBackend {
  const backend = activeWebgpu();
  if (backend) return backend;
  throw new BackendError(
    `${who}: expected the webgpu backend to be active, got "${tf.getBackend()}". ` +
      'Check activeWebgpu() first, or call lstmSequence(), which falls back to tfjs ops.',
  );
}

/**
 * A fresh program (the backend writes into `shaderKey` and `dispatch`) with `items`
 * invocations; `body` is the WGSL of `fn main(index : i32)`'s block and may `return` early.
 */
export function stepProgram(
  key: string,
  variableNames: string[],
  outputShape: number[],
  items: number,
  body: string,
  uniforms = '',
  helpers = '',
): StepProgram {
  return {
    variableNames,
    outputShape,
    shaderKey: key,
    dispatchLayout: { x: outputShape.map((_, i) => i) },
    dispatch: [Math.ceil(items / workgroupSize), 1, 1],
    workgroupSize: [workgroupSize, 1, 1],
    ...(uniforms ? { uniforms } : {}),
    getUserCode: () => `${helpers}\nfn main(index : i32) {\n${body}\n}`,
  };
}

/** Runs `program` on `inputs` (float32) with its i32 uniform values; an engine-tracked tensor. */
export function runProgram(
  backend: WebgpuBackend,
  program: StepProgram,
  inputs: tf.Tensor[],
  uniformValues: number[] = [],
): tf.Tensor {
  const uniforms = uniformValues.map((v) => ({ type: 'int32' as const, data: [v] }));
  const info = backend.runWebGPUProgram(program, inputs, 'float32', uniforms);
  return tf.engine().makeTensorFromTensorInfo(info); // tidy and numTensors see it
}

/** WGSL `tanh` that stays finite for large |x| (as tfjs-backend-webgpu's own). */
export const wgslTanh = `
fn stableTanh(x : f32) -> f32 {
  let e = exp(-2.0 * abs(x));
  return sign(x) * (1.0 - e) / (1.0 + e);
}`;
