/**
 * A work-around for tfjs-backend-webgpu 4.22: its general `Transpose` shader writes an i32
 * value where its output helper takes f32, which Dawn's WGSL compiler (Tint) rejects for
 * int32 tensors ("type mismatch for argument 2 in call to 'setOutputAtIndex'"). The pipeline
 * is then invalid and the result is mostly zeros: a [32, 64, 65] int32 transpose had
 * 122,880 of 133,120 elements wrong in Node over Dawn. Float32 transposes are right.
 *
 * The patch routes int32 transposes through float32, which is exact for |value| < 2^24 (token
 * ids, indices, counts): x * 1.0 (a real float32 copy: the backend's int32 -> float32 Cast only
 * relabels the buffer, which would keep the broken shader), the original transpose, then Cast
 * back to int32. Other dtypes go to the original kernel unchanged. The standard conformance case "transpose int32" checks it on every
 * backend.
 */
import type * as tfType from '@tensorflow/tfjs-core';

const patched = new WeakSet<object>();

export function patchWebgpuInt32Transpose(tf: typeof tfType): void {
  const original = tf.getKernel('Transpose', 'webgpu');
  const cast = tf.getKernel('Cast', 'webgpu');
  const multiply = tf.getKernel('Multiply', 'webgpu');
  if (!original || !cast || !multiply || patched.has(original)) return;
  const kernelFunc: tfType.KernelFunc = (args) => {
    const x = args.inputs.x as tfType.TensorInfo;
    // The webgpu backend's own members (not on KernelBackend's type).
    const backend = args.backend as tfType.KernelBackend & {
      makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tfType.TensorInfo;
      tensorMap?: { get(id: object): { dtype: tfType.DataType } | undefined };
    };
    // What the shader sees is the stored dtype: an int32 -> float32 Cast only relabels.
    const stored = backend.tensorMap?.get(x.dataId)?.dtype ?? x.dtype;
    if (stored !== 'int32') return original.kernelFunc(args);
    const one = backend.makeTensorInfo([], 'float32', new Float32Array([1]));
    const asFloat = multiply.kernelFunc({
      inputs: { a: x, b: one },
      backend,
      attrs: {},
    }) as tfType.TensorInfo; // a real float32 copy
    backend.disposeData(one.dataId);
    const moved = original.kernelFunc({
      inputs: { x: asFloat },
      backend,
      attrs: args.attrs,
    }) as tfType.TensorInfo;
    backend.disposeData(asFloat.dataId);
    if (x.dtype !== 'int32') return moved; // labelled float32 already
    const out = cast.kernelFunc({
      inputs: { x: moved },
      backend,
      attrs: { dtype: 'int32' },
    }) as tfType.TensorInfo;
    backend.disposeData(moved.dataId);
    return out;
  };
  tf.unregisterKernel('Transpose', 'webgpu');
  const config = { kernelName: 'Transpose', backendName: 'webgpu', kernelFunc };
  tf.registerKernel(config);
  patched.add(tf.getKernel('Transpose', 'webgpu') ?? config);
}
