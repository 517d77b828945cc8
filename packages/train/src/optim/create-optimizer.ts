/**
 * Optimisers from plain, saveable configs: `{ name: 'adam', learningRate: 1e-3 }` becomes
 * `tf.train.adam(1e-3)`, and `optimizerConfigOf(optimizer)` turns a tfjs optimiser back into
 * such a config (what a checkpoint's config.json records).
 */
import { ConfigError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';

export type OptimizerConfig =
  | { name: 'adam'; learningRate: number; beta1?: number; beta2?: number; epsilon?: number }
  | {
      name: 'rmsprop';
      learningRate: number;
      decay?: number;
      momentum?: number;
      epsilon?: number;
      centered?: boolean;
    }
  | { name: 'sgd'; learningRate: number; momentum?: number; nesterov?: boolean };

export type OptimizerName = OptimizerConfig['name'];

export const optimizerDefaults = Object.freeze({
  adam: Object.freeze({ beta1: 0.9, beta2: 0.999 }), // Kingma & Ba; tfjs and PyTorch use the same
  rmsprop: Object.freeze({ decay: 0.9, momentum: 0, centered: false }), // tfjs' own defaults
  sgd: Object.freeze({ momentum: 0, nesterov: false }), // plain SGD unless momentum is asked for
  // epsilon: left to the backend (tfjs: 1e-7 on cpu/wasm, 1e-4 on webgl's float16) when absent
});

const available = ['adam', 'rmsprop', 'sgd'];

function checkRate(config: { learningRate?: unknown }, name: string): number {
  const lr = config.learningRate;
  if (typeof lr !== 'number' || !Number.isFinite(lr) || lr <= 0) {
    throw new ConfigError(
      `createOptimizer: expected ${name}.learningRate to be a finite number > 0, got ${String(lr)}. Try 1e-3 for adam.`,
    );
  }
  return lr;
}

/** `epsilon` when given: a finite number > 0 (1e-7 is tfjs' and Keras' default, 1e-8 PyTorch's). */
function checkEpsilon(config: { epsilon?: unknown }, name: string): number | undefined {
  const eps = config.epsilon;
  if (eps === undefined) return undefined;
  if (typeof eps !== 'number' || !Number.isFinite(eps) || eps <= 0) {
    throw new ConfigError(
      `createOptimizer: expected ${name}.epsilon to be a finite number > 0, got ${String(eps)}. Try 1e-7 (tfjs, Keras) or 1e-8 (PyTorch), or leave it out for the backend's.`,
    );
  }
  return eps;
}

/**
 * @example
 * const optimizer = createOptimizer({ name: 'adam', learningRate: 2e-3, epsilon: 1e-8 });
 */
export function createOptimizer(config: OptimizerConfig): tf.Optimizer {
  const name = (config as { name?: unknown })?.name;
  switch (name) {
    case 'adam': {
      const c = { ...optimizerDefaults.adam, ...config } as Extract<
        OptimizerConfig,
        { name: 'adam' }
      >;
      return tf.train.adam(checkRate(c, 'adam'), c.beta1, c.beta2, checkEpsilon(c, 'adam'));
    }
    case 'rmsprop': {
      const c = { ...optimizerDefaults.rmsprop, ...config } as Extract<
        OptimizerConfig,
        { name: 'rmsprop' }
      >;
      return tf.train.rmsprop(
        checkRate(c, 'rmsprop'),
        c.decay,
        c.momentum,
        checkEpsilon(c, 'rmsprop'),
        c.centered,
      );
    }
    case 'sgd': {
      const c = { ...optimizerDefaults.sgd, ...config } as Extract<
        OptimizerConfig,
        { name: 'sgd' }
      >;
      const lr = checkRate(c, 'sgd');
      return c.momentum ? tf.train.momentum(lr, c.momentum, c.nesterov) : tf.train.sgd(lr);
    }
    default:
      throw new ConfigError(
        `createOptimizer: unknown optimizer "${String(name)}". Available: ${available.join(', ')}.`,
      );
  }
}

/** The saveable config of a tfjs Adam, RMSProp, SGD or Momentum optimiser. */
export function optimizerConfigOf(optimizer: tf.Optimizer): OptimizerConfig {
  const className = optimizer.getClassName();
  const c = optimizer.getConfig() as Record<string, number | boolean>;
  switch (className) {
    case 'Adam':
      return {
        name: 'adam',
        learningRate: c.learningRate as number,
        beta1: c.beta1 as number,
        beta2: c.beta2 as number,
        epsilon: c.epsilon as number,
      };
    case 'RMSProp':
      return {
        name: 'rmsprop',
        learningRate: c.learningRate as number,
        decay: c.decay as number,
        momentum: c.momentum as number,
        epsilon: c.epsilon as number,
        centered: c.centered as boolean,
      };
    case 'SGD':
      return { name: 'sgd', learningRate: c.learningRate as number };
    case 'Momentum':
      return {
        name: 'sgd',
        learningRate: c.learningRate as number,
        momentum: c.momentum as number,
        nesterov: c.useNesterov as boolean,
      };
    default:
      throw new ConfigError(
        `optimizerConfigOf: cannot save a ${className} optimizer. Available: ${available.join(', ')} (sgd with momentum included).`,
      );
  }
}
