/**
 * The hyper-parameters every task trains with (Adam's peak rate, steps, warmup, clipping,
 * seed), specified once: same bounds and help in every task's `--help` and the demo. A task
 * picks the ones it has and gives them defaults with `specsWithDefaults`.
 */
import type { OptionSpec } from './option-spec.js';

/** A spec before its default is attached. */
export type SpecWithoutDefault = Omit<OptionSpec, 'default'>;

export const optimizationSpecs = Object.freeze({
  learningRate: Object.freeze({
    type: 'number',
    min: 0,
    exclusiveMin: true,
    max: 10,
    help: 'peak Adam learning rate (warmup, then cosine decay)',
  }),
  steps: Object.freeze({ type: 'integer', min: 1, max: 100_000_000, help: 'optimizer updates' }),
  warmupSteps: Object.freeze({
    type: 'integer',
    min: 0,
    max: 100_000_000,
    help: 'learning-rate warmup steps',
  }),
  clipNorm: Object.freeze({
    type: 'number',
    min: 0,
    exclusiveMin: true,
    max: 1e6,
    help: 'clip gradients to this global norm',
  }),
  seed: Object.freeze({
    type: 'integer',
    min: 0,
    max: 2 ** 32 - 1,
    help: 'seed for weights, data order and dropout',
  }),
} satisfies Record<string, SpecWithoutDefault>);

/**
 * Attaches each key's default to its spec, in the order of `specs`.
 *
 * @example
 * const specs = specsWithDefaults(charLmDefaults, { units: { type: 'integer', min: 1, help: 'units' }, ... });
 */
export function specsWithDefaults<HyperParameters extends object>(
  defaults: HyperParameters,
  specs: { readonly [K in keyof HyperParameters]: SpecWithoutDefault },
): Readonly<Record<keyof HyperParameters, OptionSpec>> {
  const out = {} as Record<keyof HyperParameters, OptionSpec>;
  for (const key of Object.keys(specs) as (keyof HyperParameters)[]) {
    out[key] = Object.freeze({
      ...specs[key],
      default: defaults[key] as OptionSpec['default'],
    });
  }
  return Object.freeze(out);
}
