/**
 * One run of the defaults study: a char-LM with the given overrides trained for `steps`
 * updates on the data given, scored on the held-out tail once at the end. What it returns is
 * what the study's JSON records: the held-out loss and the mean training loss over the 20
 * updates before each checkpoint step (one batch's loss is noisy: 32 windows).
 */
import {
  type CharLmData,
  type CharLmHyperParameters,
  charLmPresets,
  createCharLm,
  resolveHyperParameters,
  trainCharLm,
} from '@recurrent/char-lm';
import type { TrainProgress } from '@recurrent/train';
import { defaultsStudyBase } from './defaults-study-configs.js';

export interface DefaultsStudyRunOptions {
  /** The char-LM preset the overrides apply to. */
  readonly preset: string;
  readonly overrides: Partial<CharLmHyperParameters>;
  readonly steps: number;
  /** Steps at which to report the mean training loss (those past `steps` are left out). */
  readonly lossSteps: readonly number[];
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: TrainProgress) => void;
}

export interface DefaultsStudyRunResult {
  readonly hyperParameters: CharLmHyperParameters;
  readonly steps: number;
  /** Held-out nats/char after the last step. */
  readonly valLoss: number;
  /** `{ "200": 2.01 }`: mean training loss over updates step-19..step. */
  readonly trainLoss: Readonly<Record<string, number>>;
  readonly seconds: number;
  readonly aborted: boolean;
}

export const defaultsStudyRunDefaults = Object.freeze({
  lossWindow: 20, // updates averaged for each training-loss point
});

export async function runDefaultsStudyConfig(
  data: CharLmData,
  options: DefaultsStudyRunOptions,
): Promise<DefaultsStudyRunResult> {
  // The study's base, except what the preset sets itself (tiny's learning rate).
  const preset = charLmPresets[options.preset] ?? {};
  const base = Object.fromEntries(
    Object.entries(defaultsStudyBase).filter(([k]) => !(k in preset)),
  );
  const hyperParameters = resolveHyperParameters(options.preset, {
    ...base,
    ...options.overrides,
    steps: options.steps,
  });
  const model = createCharLm({ vocabulary: data.vocabulary, hyperParameters });
  const started = Date.now();
  try {
    const result = await trainCharLm(model, data, {
      evalEvery: options.steps, // one evaluation, at the end: the study compares final losses
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    const window = defaultsStudyRunDefaults.lossWindow;
    const trainLoss: Record<string, number> = {};
    for (const step of options.lossSteps) {
      if (step > result.losses.length) continue;
      const part = result.losses.slice(Math.max(0, step - window), step);
      trainLoss[String(step)] = part.reduce((a, b) => a + b, 0) / part.length;
    }
    return {
      hyperParameters,
      steps: result.step,
      valLoss: result.lastMetrics?.valLoss ?? Number.NaN,
      trainLoss,
      seconds: (Date.now() - started) / 1000,
      aborted: result.reason === 'aborted',
    };
  } finally {
    model.dispose();
  }
}
