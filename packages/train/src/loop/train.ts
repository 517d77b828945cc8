/**
 * The training loop: `await train({ model, data, steps, ... })`.
 *
 * Read top to bottom: open the run (options, store, optimizer, RNG; resume from `latest`),
 * then for each step: stop if aborted, clear carried state at an epoch start, run one update
 * (batch `step`, scheduled learning rate, loss, clipped gradients, apply), deal with a
 * non-finite loss, report it, evaluate and checkpoint on schedule, yield to the event loop;
 * then finish (final evaluation and checkpoint, the `done` event). Data, dropout and every
 * other random choice are functions of the seed and the step, and checkpoints hold the RNG,
 * optimizer and carried state, so a resumed run repeats the losses of an uninterrupted one.
 *
 * The phases, one file each: open-run.ts (with resume-from-latest.ts), train-step.ts,
 * handle-non-finite.ts, report-step.ts, evaluate-run.ts, save-run-checkpoint.ts, finish-run.ts.
 */
import { type BatchStream, openBatchStream } from './batch-stream.js';
import { evaluateRun } from './evaluate-run.js';
import { finishRun } from './finish-run.js';
import { handleNonFinite } from './handle-non-finite.js';
import { openRun } from './open-run.js';
import type { StopReason, TrainResult } from './progress.js';
import { reportStep } from './report-step.js';
import { saveRunCheckpoint } from './save-run-checkpoint.js';
import type { TrainOptions } from './train-options.js';
import { trainStep } from './train-step.js';
import { yieldToEventLoop } from './yield-to-event-loop.js';

/** True when `every` is set and `step` is one of its multiples. */
const due = (every: number | undefined, step: number) => every !== undefined && step % every === 0;

/**
 * @example
 * const result = await train({
 *   model, data, steps: 1000, optimizer: { name: 'adam', learningRate: 2e-3 },
 *   evalEvery: 100, checkpointDir: 'runs/char-lm', checkpointEvery: 100,
 *   onProgress: (e) => e.kind === 'step' && losses.push(e.loss),
 * });
 */
export async function train<Batch>(options: TrainOptions<Batch>): Promise<TrainResult> {
  const run = await openRun(options);
  const { model, state, stepsPerEpoch: spe } = run;
  let stream: BatchStream<Batch> | null = null;
  try {
    stream = openBatchStream(options.data, state.step);
    let reason: StopReason = 'completed';
    for (let index = state.step; index < run.totalSteps; index++) {
      if (options.signal?.aborted) {
        reason = 'aborted';
        break;
      }
      if (spe && index % spe === 0 && index !== run.startStep) model.resetState?.();
      const step = await trainStep(run, stream, index);
      if (!(Number.isFinite(step.loss) && Number.isFinite(step.gradNorm)))
        handleNonFinite(run, index, step.loss, step.gradNorm);
      state.step = index + 1;
      run.losses.push(step.loss);
      reportStep(run, index, step);
      const stop = due(options.evalEvery, state.step) && (await evaluateRun(run));
      if (due(options.checkpointEvery, state.step)) await saveRunCheckpoint(run, 'latest');
      if (stop) {
        reason = 'early-stopped';
        break;
      }
      await yieldToEventLoop();
    }
    return await finishRun(run, reason);
  } finally {
    await stream?.close();
    if (run.ownsOptimizer) run.optimizer.dispose();
  }
}
