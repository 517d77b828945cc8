/**
 * Makes sure tfjs-core's gradient functions are registered before training.
 *
 * `@tensorflow/tfjs` registers them; `@tensorflow/tfjs-core` alone does not, and then every
 * backward pass fails with "gradient function not found for RealDiv". Bundlers (Vite) and
 * Vitest load `@tensorflow/tfjs-core/dist/register_all_gradients` directly; plain Node needs
 * the module hooks in `../node/tfjs-core-esm-hooks.ts` first (loaded only under Node).
 */
import { BackendError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import { isNode } from '../runtime/is-node.js';

const probeKernels = ['RealDiv', 'Multiply', 'BatchMatMul', 'Sum'];

/** True when the gradients that training needs are registered. */
export function hasGradients(): boolean {
  return probeKernels.every((k) => tf.getGradient(k) != null);
}

let pending: Promise<void> | null = null;

async function load(): Promise<void> {
  if (isNode()) {
    const { registerTfjsCoreEsmHooks } = await import('../node/tfjs-core-esm-hooks.js');
    registerTfjsCoreEsmHooks();
  }
  try {
    await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  } catch (cause) {
    throw new BackendError(
      'registerGradients: could not load @tensorflow/tfjs-core/dist/register_all_gradients, so no ' +
        'gradients are registered and training cannot run. Import "@tensorflow/tfjs" (which registers ' +
        'them) before calling train().',
      { cause },
    );
  }
}

/**
 * Registers every tfjs-core gradient once (a no-op when they are already there).
 * `train()` calls it; call it yourself before using `tf.grad` with tfjs-core alone.
 *
 * @example
 * await registerGradients();
 * const g = tf.grad((x) => tf.sum(tf.square(x)))(tf.tensor1d([1, 2])); // [2, 4]
 */
export async function registerGradients(): Promise<void> {
  if (hasGradients()) return;
  pending ??= load().finally(() => {
    pending = null;
  });
  await pending;
  if (!hasGradients()) {
    throw new BackendError(
      `registerGradients: loaded register_all_gradients but the gradients of ${probeKernels.join(', ')} ` +
        'are still missing; two copies of @tensorflow/tfjs-core may be installed. Deduplicate it.',
    );
  }
}
