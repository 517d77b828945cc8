/**
 * Row and column slices of 2-D float32 tensors for the fused sequence loops, which take one
 * time step out of a `[time, n]` tensor and one gate block out of a `[batch, k*units]`
 * tensor at every step.
 *
 * tfjs-backend-wasm 4.22's `Slice` first copies the WHOLE input out of the wasm heap
 * (`readSync`), so taking one step of a `[64, 32768]` tensor costs ~2 ms instead of ~5 us,
 * and `gather` is no better (~0.9 ms). On wasm these helpers run a tiny kernel of our own
 * (`RecurrentSlice2D`, registered on first use) that copies only the slice, straight from
 * the heap. Every other backend runs `tf.slice` (contiguous slices are views there).
 *
 * The kernel has no gradient: inside the fused paths' differentiable op use `sliceRows` /
 * `sliceColumns` / `stepOf`; on the tape (the fused result's outputs) use `tapedRows`.
 */
import * as tf from '@tensorflow/tfjs-core';

const kernelName = 'RecurrentSlice2D';

/** The few members of tfjs-backend-wasm's `BackendWasm` that the kernel uses. */
interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}

interface SliceAttrs {
  begin: [number, number];
  size: [number, number];
}

function isWasmHeapBackend(backend: unknown): backend is WasmHeapBackend {
  const b = backend as Partial<WasmHeapBackend> | null;
  return typeof b?.makeOutput === 'function' && typeof b.typedArrayFromHeap === 'function';
}

/** Copies rows `begin[0]..` and columns `begin[1]..` of a 2-D float32 tensor on the heap. */
function slice2dOnHeap(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const x = args.inputs.x!;
  const { begin, size } = args.attrs as unknown as SliceAttrs;
  const backend = args.backend as WasmHeapBackend;
  const out = backend.makeOutput([size[0], size[1]], 'float32');
  // Views are taken after the allocation, which may have grown (and moved) the heap.
  const src = backend.typedArrayFromHeap(x); // [rows, cols]
  const dst = backend.typedArrayFromHeap(out); // [size0, size1]
  const cols = x.shape[1]!;
  if (size[1] === cols) {
    dst.set(src.subarray(begin[0] * cols, (begin[0] + size[0]) * cols));
  } else {
    for (let r = 0; r < size[0]; r++) {
      const from = (begin[0] + r) * cols + begin[1];
      dst.set(src.subarray(from, from + size[1]), r * size[1]);
    }
  }
  return out;
}

let registered = false;

/** True when the heap kernel can run on the active backend (registering it on first use). */
function heapKernelReady(x: tf.Tensor): boolean {
  if (x.dtype !== 'float32' || tf.getBackend() !== 'wasm' || !isWasmHeapBackend(tf.backend())) {
    return false;
  }
  if (!registered) {
    if (tf.getKernel(kernelName, 'wasm') === undefined) {
      tf.registerKernel({
        kernelName,
        backendName: 'wasm',
        kernelFunc: slice2dOnHeap as unknown as tf.KernelFunc,
      });
    }
    registered = true;
  }
  return true;
}

/** `x[begin0 : begin0+size0, begin1 : begin1+size1]` of a 2-D tensor. */
export function slice2d(
  x: tf.Tensor2D,
  begin: [number, number],
  size: [number, number],
): tf.Tensor2D {
  if (!heapKernelReady(x)) return tf.slice(x, begin, size);
  const attrs: SliceAttrs = { begin, size };
  return tf
    .engine()
    .runKernel(kernelName, { x }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}

/** Rows `start .. start+count` of `x` `[rows, cols]`: `[count, cols]`. */
export function sliceRows(x: tf.Tensor2D, start: number, count: number): tf.Tensor2D {
  return slice2d(x, [start, 0], [count, x.shape[1]]);
}

/** Columns `start .. start+count` of `x` `[rows, cols]`: `[rows, count]`. */
export function sliceColumns(x: tf.Tensor2D, start: number, count: number): tf.Tensor2D {
  return slice2d(x, [0, start], [x.shape[0], count]);
}

/** Row `t` of `all` `[time, batch*width]` as `[batch, width]`: one time step. */
export function stepOf(all: tf.Tensor2D, t: number, batch: number, width: number): tf.Tensor2D {
  return tf.reshape(sliceRows(all, t, 1), [batch, width]);
}

/**
 * Rows `start .. start+count` of `x` `[rows, cols]` as a differentiable op (its gradient pads
 * `dy` back to `x`'s rows): the heap slice on wasm, `tf.slice` elsewhere. The fused layers
 * take their final states and their sequence out of one packed result this way; with
 * `tf.slice` on wasm each of those copied the whole result out of the heap (config B of the
 * cells bench: 20 ms each, on a 1.3 s step).
 */
export function tapedRows(x: tf.Tensor2D, start: number, count: number): tf.Tensor2D {
  const [rows, cols] = x.shape;
  if (!heapKernelReady(x)) return tf.slice(x, [start, 0], [count, cols]);
  const op = tf.customGrad((input) => ({
    value: sliceRows(input as tf.Tensor2D, start, count), // [count, cols]
    gradFunc: (dy) =>
      tf.pad(dy as tf.Tensor2D, [
        [start, rows - start - count],
        [0, 0],
      ]), // [rows, cols]
  }));
  return op(x) as tf.Tensor2D;
}
