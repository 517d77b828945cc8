/**
 * tfjs-core alone registers no gradients; training (optimizers, tf.grads) needs them.
 * tfjs-core's own entry must run first (it registers the flags the gradients read), hence
 * this module, imported first by the worker.
 */
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
