/**
 * `tf.customGrad` whose input gradients may be computed on demand. tfjs' `customGrad`
 * takes every input's gradient as a finished tensor, so a fused layer fed with data (one-hot
 * characters, a constant feature sequence) still pays for `dx = dz K^T`, its largest
 * matmul after the weight gradients. Registered tfjs ops avoid that: the engine asks only
 * for the gradients of inputs on the path from the differentiated tensors, through a
 * function per input. This op hands the engine the same kind of map, so a gradient given
 * as a function runs only when the engine calls it (a tensor is used as it is).
 *
 * It records itself on the tape exactly as `tf.customGrad` does (the engine's
 * `runKernelFunc` with a forward and a backward function), which tfjs' public typings keep
 * private; the tests check both the values and that unused input gradients are skipped.
 */
import * as tf from '@tensorflow/tfjs-core';

/** An input's gradient: a tensor, or a function the engine calls only when it needs it. */
export type LazyGradient = tf.Tensor | (() => tf.Tensor);

/** What the op's function returns: its value and the gradients of its inputs, in order. */
export interface LazyGradientResult<T extends tf.Tensor> {
  readonly value: T;
  readonly gradFunc: (dy: T, saved: tf.Tensor[]) => readonly LazyGradient[];
}

interface CustomKernelInvocation {
  forwardFunc: (backend: unknown, save: tf.GradSaveFunc) => tf.Tensor;
  backwardsFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => Record<string, () => tf.Tensor>;
  inputs: Record<string, tf.Tensor>;
}

/** The engine's entry point for ops with their own gradient (what `tf.customGrad` calls). */
function runCustomKernel(invocation: CustomKernelInvocation): tf.Tensor {
  const engine = tf.engine() as unknown as {
    runKernelFunc?: (invocation: CustomKernelInvocation) => tf.Tensor;
  };
  if (typeof engine.runKernelFunc !== 'function') {
    throw new Error(
      `@recurrent/cells: this tfjs-core (${tf.version_core}) has no engine.runKernelFunc, which the fused layers use for their gradients; install @tensorflow/tfjs-core 4.x (tested with 4.22).`,
    );
  }
  return engine.runKernelFunc.call(tf.engine(), invocation);
}

/**
 * Wraps `f` (inputs and a save function -> value and gradients) as one differentiable op,
 * like `tf.customGrad(f)`, with gradients that may be functions (see the header).
 */
export function lazyGradientOp<T extends tf.Tensor>(
  f: (inputs: readonly tf.Tensor[], save: tf.GradSaveFunc) => LazyGradientResult<T>,
): (...inputs: tf.Tensor[]) => T {
  return (...inputs: tf.Tensor[]): T => {
    let result: LazyGradientResult<T> | undefined;
    const forwardFunc = (_backend: unknown, save: tf.GradSaveFunc): tf.Tensor => {
      result = f(inputs, save);
      return result.value;
    };
    const backwardsFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const grads = result!.gradFunc(dy as T, saved);
      if (grads.length !== inputs.length) {
        throw new Error(
          `lazyGradientOp: the gradient function returned ${grads.length} gradients for ${inputs.length} inputs; return one per input, in the inputs' order.`,
        );
      }
      return Object.fromEntries(
        grads.map((g, i) => [String(i), typeof g === 'function' ? g : () => g]),
      );
    };
    const inputMap = Object.fromEntries(inputs.map((t, i) => [String(i), t]));
    return runCustomKernel({ forwardFunc, backwardsFunc, inputs: inputMap }) as T;
  };
}
