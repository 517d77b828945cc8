/**
 * Learning-rate schedules as plain data (saveable in config.json), evaluated per step.
 *
 * - `constant`: the optimiser's learning rate on every step.
 * - `warmup-cosine`: linear warmup from lr/warmupSteps to lr over `warmupSteps` steps, then a
 *   half cosine from lr down to `minLearningRate` at the last step.
 */
import { ConfigError } from '@recurrent/errors';

export type Schedule =
  | { name: 'constant' }
  | { name: 'warmup-cosine'; warmupSteps: number; minLearningRate?: number };

export const scheduleDefaults = Object.freeze({
  schedule: Object.freeze({ name: 'constant' }) as Schedule, // what the optimiser config says, always
  minLearningRate: 0, // cosine to zero, as in SGDR / nanoGPT's default decay
});

/**
 * The learning rate for the update with 0-based index `step` (of `totalSteps`).
 *
 * @example
 * learningRateAt({ name: 'warmup-cosine', warmupSteps: 100 }, { step: 49, totalSteps: 1000, baseLearningRate: 1e-3 }); // 5e-4
 */
export function learningRateAt(
  schedule: Schedule,
  at: { step: number; totalSteps: number; baseLearningRate: number },
): number {
  const { step, totalSteps, baseLearningRate: base } = at;
  switch (schedule.name) {
    case 'constant':
      return base;
    case 'warmup-cosine': {
      const warmup = schedule.warmupSteps;
      const min = schedule.minLearningRate ?? scheduleDefaults.minLearningRate;
      if (!Number.isInteger(warmup) || warmup < 0) {
        throw new ConfigError(
          `learningRateAt: expected warmupSteps to be an integer >= 0, got ${warmup}.`,
        );
      }
      if (!(min >= 0 && min <= base)) {
        throw new ConfigError(
          `learningRateAt: expected minLearningRate in [0, ${base}] (the base rate), got ${min}.`,
        );
      }
      if (step < warmup) return (base * (step + 1)) / warmup;
      const decaySteps = Math.max(1, totalSteps - warmup - 1);
      const progress = Math.min(1, (step - warmup) / decaySteps);
      return min + (base - min) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
    default:
      throw new ConfigError(
        `learningRateAt: unknown schedule "${(schedule as { name?: string }).name}". Available: constant, warmup-cosine.`,
      );
  }
}
