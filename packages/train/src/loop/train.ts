/**
 * The training loop: `await train({ model, data, steps, ... })`.
 *
 * Each step reads batch `step` from the data, sets the scheduled learning rate, computes the
 * loss and gradients, clips them by global norm, checks the loss and norm are finite, applies
 * the update, reports progress, evaluates / checkpoints on schedule, and yields to the event
 * loop. Data, dropout and every other random choice are functions of the seed and the step,
 * and checkpoints hold the RNG and optimizer state, so a resumed run repeats the losses of an
 * uninterrupted one.
 */
import { ConfigError } from '@recurrent/errors';
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';
import type { CheckpointStore } from '../checkpoint/checkpoint-store.js';
import type { TrainState } from '../checkpoint/checkpoint-types.js';
import { encodeCheckpoint } from '../checkpoint/encode-checkpoint.js';
import {
  createOptimizer,
  type OptimizerConfig,
  optimizerConfigOf,
} from '../optim/create-optimizer.js';
import { learningRateAt } from '../optim/learning-rate-at.js';
import { readOptimizerSlots } from '../optim/optimizer-slots.js';
import { setLearningRate } from '../optim/set-learning-rate.js';
import { openBatchStream } from './batch-stream.js';
import { computeGradients } from './compute-gradients.js';
import { NonFiniteLossError } from './non-finite-loss-error.js';
import { observeMetric, type Watch } from './observe-metric.js';
import type { StopReason, TrainProgress, TrainResult, WarningCode } from './progress.js';
import { registerGradients } from './register-gradients.js';
import { restoreCheckpoint } from './restore-checkpoint.js';
import { checkTrainOptions, type TrainOptions, trainDefaults } from './train-options.js';
import { yieldToEventLoop } from './yield-to-event-loop.js';

async function openStore(
  options: TrainOptions<unknown>,
  warn: (code: WarningCode, message: string) => void,
): Promise<CheckpointStore | null> {
  if (options.checkpointStore) return options.checkpointStore;
  if (options.checkpointDir === undefined) return null;
  if (
    typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions
      ?.node !== 'string'
  ) {
    throw new ConfigError(
      `train: checkpointDir ("${options.checkpointDir}") needs Node's filesystem. In a page or worker pass checkpointStore: indexedDBCheckpointStore('${options.checkpointDir}').`,
    );
  }
  const node = await import('../node/index.js'); // node:fs, only when a folder is asked for
  for (const name of await node.removeStaleCheckpointTemps(options.checkpointDir)) {
    warn('stale-temp-removed', `removed ${name}, left in ${options.checkpointDir} by a killed run`);
  }
  return node.fileCheckpointStore(options.checkpointDir);
}

/**
 * @example
 * const result = await train({
 *   model, data, steps: 1000, optimizer: { name: 'adam', learningRate: 2e-3 },
 *   evalEvery: 100, checkpointDir: 'runs/char-lm', checkpointEvery: 100,
 *   onProgress: (e) => e.kind === 'step' && console.log(e.step, e.loss),
 * });
 */
export async function train<Batch>(options: TrainOptions<Batch>): Promise<TrainResult> {
  const totalSteps = checkTrainOptions(options);
  const { model, data } = options;
  const seed = options.seed ?? trainDefaults.seed;
  const clipNorm = options.clipNorm === undefined ? trainDefaults.clipNorm : options.clipNorm;
  const schedule = options.schedule ?? trainDefaults.schedule;
  const onNonFinite = options.onNonFinite ?? trainDefaults.onNonFinite;
  const spe = data.stepsPerEpoch;
  const es = options.earlyStopping;
  const watchSource = options.bestMetric ?? es;
  const watch: Watch | null = watchSource
    ? {
        metric: watchSource.metric,
        mode: watchSource.mode,
        minDelta: watchSource.minDelta ?? trainDefaults.minDelta,
      }
    : null;
  const emit = (event: TrainProgress) => options.onProgress?.(event);
  const state: TrainState = {
    step: 0,
    epoch: 0,
    seed,
    rng: [0, 0, 0, 0],
    dataPosition: { step: 0 },
    best: null,
    evalsWithoutImprovement: 0,
    lastMetrics: null,
    skippedSteps: 0,
  };
  const warn = (code: WarningCode, message: string) =>
    emit({ kind: 'warning', step: state.step, code, message });

  await registerGradients();
  const store = await openStore(options as TrainOptions<unknown>, warn);
  const given = options.optimizer ?? trainDefaults.optimizer;
  const owned = !(given instanceof tf.Optimizer);
  const optimizer = owned ? createOptimizer(given as OptimizerConfig) : (given as tf.Optimizer);
  const optimizerConfig = owned ? (given as OptimizerConfig) : optimizerConfigOf(optimizer);
  const baseLearningRate = optimizerConfig.learningRate;
  const rng = createRandom(seed);
  const losses: number[] = [];
  let stream: ReturnType<typeof openBatchStream<Batch>> | null = null;
  try {
    let lastCheckpoint: string | null = null;
    let lastSavedStep = -1;
    if (options.resume && store) {
      const ck = await store.load('latest');
      if (ck) {
        Object.assign(
          state,
          await restoreCheckpoint(ck, {
            variables: model.variables,
            optimizer,
            optimizerConfig,
            rng,
          }),
        );
        if (state.seed !== seed)
          warn(
            'seed-differs',
            `resumed a run seeded ${state.seed}; this call passed seed ${seed}; continuing with the saved RNG state`,
          );
        if (
          state.best &&
          watch &&
          (state.best.metric !== watch.metric || state.best.mode !== watch.mode)
        )
          state.best = null;
        lastCheckpoint = ck.location;
        lastSavedStep = state.step;
        emit({ kind: 'resumed', step: state.step, path: ck.location });
      } else {
        warn(
          'nothing-to-resume',
          `no checkpoint in ${store.locate('latest')} yet; starting at step 0`,
        );
      }
    }
    const startStep = state.step;
    const snapshot = (): TrainState => ({
      ...state,
      seed,
      rng: rng.getState(),
      epoch: spe ? Math.floor(state.step / spe) : 0,
      dataPosition: { step: state.step },
    });
    const save = async (name: 'latest' | 'best'): Promise<string> => {
      const s = store as CheckpointStore;
      const slots = await readOptimizerSlots(optimizer, model.variables);
      const files = await encodeCheckpoint({
        config: options.config ?? {},
        weights: model.variables,
        optimizer: { config: { ...optimizerConfig, learningRate: baseLearningRate }, slots },
        state: snapshot(),
      });
      const path = await s.save(name, files);
      emit({ kind: 'checkpoint', step: state.step, path, best: name === 'best' });
      return path;
    };
    let lastEvalStep = -1;
    const evaluate = async (): Promise<boolean> => {
      const metrics = await (model.evaluate as NonNullable<typeof model.evaluate>)({
        step: state.step,
      });
      lastEvalStep = state.step;
      state.lastMetrics = { ...metrics };
      const seen = watch ? observeMetric(state, watch, metrics, state.step) : 'worse';
      if (seen === 'missing' && watch)
        warn(
          'metric-missing',
          `evaluate() returned no finite "${watch.metric}" (got ${Object.keys(metrics).join(', ') || 'nothing'})`,
        );
      emit({
        kind: 'eval',
        step: state.step,
        metrics,
        improved: seen === 'improved',
        best: state.best,
      });
      if (seen === 'improved' && store) await save('best');
      return es !== undefined && state.evalsWithoutImprovement >= es.patience;
    };

    const started = performance.now();
    let trainMs = 0;
    let items = 0;
    let tokens = 0;
    let tokensKnown = true;
    const warnedNoGradient = new Set<string>();
    let reason: StopReason = 'completed';
    model.resetState?.();
    stream = openBatchStream(data, state.step);
    for (let index = state.step; index < totalSteps; index++) {
      if (options.signal?.aborted) {
        reason = 'aborted';
        break;
      }
      if (spe && index % spe === 0 && index !== startStep) model.resetState?.();
      const batch = await stream.next(index);
      const t0 = performance.now();
      let loss = Number.NaN;
      let gradNorm = Number.NaN;
      const learningRate = learningRateAt(schedule, { step: index, totalSteps, baseLearningRate });
      try {
        const counts = model.countBatch?.(batch) ?? { items: 1 };
        items += counts.items;
        if (counts.tokens === undefined) tokensKnown = false;
        else tokens += counts.tokens;
        setLearningRate(optimizer, learningRate);
        const step = computeGradients(model, batch, { step: index, training: true, rng }, clipNorm);
        try {
          const read = tf.tidy(() => tf.stack([step.loss, step.norm]));
          const values = await read.data();
          read.dispose();
          loss = values[0] as number;
          gradNorm = values[1] as number;
          step.grads.forEach((g, i) => {
            const name = model.variables[i]?.name as string;
            if (g === null && !warnedNoGradient.has(name)) {
              warnedNoGradient.add(name);
              warn(
                'no-gradient',
                `variable "${name}" gets no gradient from the loss; it will not change`,
              );
            }
          });
          if (Number.isFinite(loss) && Number.isFinite(gradNorm)) {
            optimizer.applyGradients(
              model.variables.map((v, i) => ({
                name: v.variable.name,
                tensor: step.grads[i] as tf.Tensor,
              })),
            );
          }
        } finally {
          tf.dispose([
            step.loss,
            step.norm,
            ...step.grads.filter((g): g is tf.Tensor => g !== null),
          ]);
        }
      } finally {
        stream.dispose(batch);
      }
      trainMs += performance.now() - t0;
      if (!(Number.isFinite(loss) && Number.isFinite(gradNorm))) {
        if (onNonFinite === 'error')
          throw new NonFiniteLossError({ step: index + 1, loss, gradNorm, lastCheckpoint });
        state.skippedSteps += 1;
        warn(
          'non-finite-skipped',
          `skipped step ${index + 1}: loss ${loss}, gradient norm ${gradNorm}`,
        );
      }
      state.step = index + 1;
      losses.push(loss);
      const elapsedMs = performance.now() - started;
      const perSecond = 1000 / Math.max(trainMs, 1e-9);
      emit({
        kind: 'step',
        step: state.step,
        totalSteps,
        epoch: spe ? Math.floor(index / spe) : 0,
        loss,
        learningRate,
        gradNorm,
        clipped: clipNorm !== null && gradNorm > clipNorm,
        itemsPerSecond: items * perSecond,
        ...(tokensKnown ? { tokensPerSecond: tokens * perSecond } : {}),
        elapsedMs,
        etaMs: (elapsedMs / (state.step - startStep)) * (totalSteps - state.step),
      });
      let stop = false;
      if (options.evalEvery && state.step % options.evalEvery === 0) stop = await evaluate();
      if (options.checkpointEvery && state.step % options.checkpointEvery === 0) {
        lastCheckpoint = await save('latest');
        lastSavedStep = state.step;
      }
      if (stop) {
        reason = 'early-stopped';
        break;
      }
      await yieldToEventLoop();
    }
    if (
      reason === 'completed' &&
      options.evalEvery &&
      lastEvalStep !== state.step &&
      state.step > startStep
    ) {
      await evaluate();
    }
    if (store && lastSavedStep !== state.step) lastCheckpoint = await save('latest');
    const done = {
      step: state.step,
      totalSteps,
      reason,
      elapsedMs: performance.now() - started,
      best: state.best,
      lastMetrics: state.lastMetrics,
      checkpoint: lastCheckpoint,
      skippedSteps: state.skippedSteps,
    };
    emit({ kind: 'done', ...done });
    return { ...done, losses };
  } finally {
    await stream?.close();
    if (owned) optimizer.dispose();
  }
}
