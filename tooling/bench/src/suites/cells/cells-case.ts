/**
 * One measurement of the `cells` suite, in its own child process: activate the backend,
 * build the data and the model, warm up (the last warm-up step profiled for tf's peak
 * bytes), time training steps and forward passes, and read the process's peak RSS. With
 * `workers`, training runs on that many worker threads (cells-parallel.ts); tf's numbers are
 * then this thread's only.
 */
// tfjs-layers' Node bundle also registers tfjs-core's gradients, which tfjs-core's own
// Node bundle does not; our model needs them for the ops around the fused layers.
import '@tensorflow/tfjs-layers';
import { selectBackend } from '@recurrent/backends';
import * as tf from '@tensorflow/tfjs-core';
import { measureMatmulRate, summarizeKernels } from '../../kernel-profile.js';
import { registerChainedOps } from '../../register-chained-ops.js';
import { timeSteps } from '../../timing.js';
import {
  type CaseResult,
  type CaseSpec,
  type ModelKind,
  type Workload,
  workloads,
} from './cells-config.js';
import { makeData } from './cells-data.js';
import { layersModel } from './cells-layers.js';
import { oursModel } from './cells-ours.js';
import { parallelModel } from './cells-parallel.js';

const gatesOf: Readonly<Record<ModelKind, number>> = { lstm: 4, gru: 3, rnn: 1 };

/**
 * The backend's matmul rate on the recurrent layer's shapes: one time step's
 * `[batch, units] @ [units, gates*units]` and the whole sequence's rows at once.
 */
async function matmulRates(w: Workload, model: ModelKind) {
  const width = gatesOf[model] * w.units;
  return [
    await measureMatmulRate(w.batch, w.units, width),
    await measureMatmulRate(w.batch * w.time, w.units, width, 3),
  ];
}

export async function runCellsCase(spec: CaseSpec): Promise<CaseResult> {
  registerChainedOps(); // tfjs-layers needs them (see the module)
  const selection = await selectBackend(spec.backend);
  const w = workloads[spec.config];
  const data = makeData(w);
  const parallel =
    spec.impl === 'ours' && spec.workers !== undefined
      ? await parallelModel(w, spec.model, data, spec.workers, spec.backend)
      : null;
  const model =
    parallel ??
    (spec.impl === 'ours' ? oursModel(w, spec.model, data) : layersModel(w, spec.model, data));
  // The last warm-up step runs under tf.profile (for tf's peak bytes): untimed, so the
  // profiler's overhead costs no accuracy and no extra step.
  let profiledMs = 0;
  const profiled = () =>
    tf.profile(async () => {
      const start = performance.now();
      await model.train();
      profiledMs = performance.now() - start;
    });
  await timeSteps(() => model.train(), Math.max(0, spec.warmup - 1), 0);
  const profile = spec.warmup > 0 ? await profiled() : undefined;
  const stepProfile =
    profile && !parallel ? summarizeKernels(profile.kernels, profiledMs) : undefined;
  const before = tf.memory().numTensors;
  const train = await timeSteps(() => model.train(), 0, spec.steps);
  const tensorDrift = tf.memory().numTensors - before;
  const infer = await timeSteps(() => model.infer(), 1, spec.steps);
  const peak = profile ?? (await profiled());
  await parallel?.close();
  const peakRssBytes = process.resourceUsage().maxRSS * 1024; // before the rates' matrices
  const rates = spec.impl === 'ours' && !parallel ? await matmulRates(w, spec.model) : undefined;
  return {
    trainMs: train.medianMs,
    inferMs: infer.medianMs,
    trainTimesMs: train.timesMs,
    tokensPerStep: w.batch * w.time,
    peakRssBytes,
    tfPeakBytes: peak.peakBytes,
    tfBytes: tf.memory().numBytes,
    tensorDrift,
    detail: `${selection.name}${selection.detail ? ` (${selection.detail})` : ''}`,
    ...(stepProfile ? { profile: stepProfile } : {}),
    ...(rates ? { matmulRates: rates } : {}),
  };
}
