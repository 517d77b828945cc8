/**
 * The vanishing-gradient lab in the worker: @recurrent/lab's `runVanishingSweep` over the
 * page's (model, k) pairs, the same budget for every one, with the gradient flow measured
 * every `flowEvery` steps for the heat map. One run at a time; `stopVanishingLab` ends it
 * after the current step (the library's AbortSignal), and what finished comes back.
 */
import { ConfigError } from '@recurrent/errors';
import { labModels, runVanishingSweep, type VanishingProgress } from '@recurrent/lab';
import type { VanishingLabParams, VanishingLabResult } from './protocol.js';

export const vanishingLabLimits = Object.freeze({
  maxK: 200, // sequences of length 210: about 10 s a model on wasm, the longest a page waits for
  maxSteps: 5000, // the CLI's budget is 2500; a page has no business running longer
  maxRuns: 40, // (model, k) pairs in one request
});

let running: AbortController | undefined;

function check(params: VanishingLabParams): void {
  const known = labModels.map((m) => m.name);
  for (const name of params.models) {
    if (!known.includes(name)) {
      throw new ConfigError(
        `vanishing lab: Unknown model ${JSON.stringify(name)}. Available: ${known.join(', ')}.`,
      );
    }
  }
  const { maxK, maxSteps, maxRuns } = vanishingLabLimits;
  const bad = params.ks.filter((k) => !(Number.isInteger(k) && k >= 1 && k <= maxK));
  if (params.ks.length === 0 || bad.length > 0) {
    throw new ConfigError(
      `vanishing lab: expected ks to be whole numbers 1 to ${maxK}, got [${params.ks.join(', ')}]. Pick k from the list.`,
    );
  }
  if (!(Number.isInteger(params.steps) && params.steps >= 1 && params.steps <= maxSteps)) {
    throw new ConfigError(
      `vanishing lab: expected steps to be 1 to ${maxSteps}, got ${params.steps}.`,
    );
  }
  if (!(Number.isInteger(params.flowEvery) && params.flowEvery >= 1)) {
    throw new ConfigError(
      `vanishing lab: expected flowEvery to be a whole number >= 1, got ${params.flowEvery}.`,
    );
  }
  const runs = params.models.length * params.ks.length;
  if (runs === 0 || runs > maxRuns) {
    throw new ConfigError(
      `vanishing lab: expected 1 to ${maxRuns} (model, k) pairs, got ${runs} (${params.models.length} models x ${params.ks.length} ks). Run fewer at once.`,
    );
  }
}

/** Runs the sweep; every progress event goes to `onEvent`. */
export async function runVanishingLab(
  params: VanishingLabParams,
  onEvent: (event: VanishingProgress) => void,
): Promise<VanishingLabResult> {
  if (running) {
    throw new ConfigError('vanishing lab: a run is going. Stop it first (or wait for it to end).');
  }
  check(params);
  const abort = new AbortController();
  running = abort;
  const started = performance.now();
  try {
    const sweep = await runVanishingSweep({
      ks: params.ks,
      models: params.models.map((name) => labModels.find((m) => m.name === name)!),
      steps: params.steps,
      flowEvery: params.flowEvery,
      seed: params.seed,
      signal: abort.signal,
      onProgress: onEvent,
    });
    return {
      rows: sweep.rows,
      aborted: sweep.aborted,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    running = undefined;
  }
}

/** Asks the running sweep to stop after its current step; false when none runs. */
export function stopVanishingLab(): boolean {
  if (!running) return false;
  running.abort();
  return true;
}
