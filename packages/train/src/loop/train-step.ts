/**
 * One update: read batch `index`, set the scheduled learning rate, compute the loss and the
 * clipped gradients (on this thread, or over the workers of `dataParallel`), and apply them
 * when the loss and the gradient norm are finite (the loop decides what a non-finite step
 * means). The batch and every tensor made here are freed.
 */
import * as tf from '@tensorflow/tfjs-core';
import { learningRateAt } from '../optim/learning-rate-at.js';
import { setLearningRate } from '../optim/set-learning-rate.js';
import { parallelGradients } from '../workers/parallel-gradients.js';
import type { BatchStream } from './batch-stream.js';
import { computeGradients } from './compute-gradients.js';
import type { TrainingRun } from './training-run.js';

export interface StepOutcome {
  /** The batch's loss before the update (NaN/Inf when the step was not applied). */
  loss: number;
  /** The global L2 norm of the gradients before clipping. */
  gradNorm: number;
  learningRate: number;
}

/** Warns once per variable that the loss does not reach (its gradient is null). */
function warnNoGradient<Batch>(run: TrainingRun<Batch>, grads: (tf.Tensor | null)[]): void {
  grads.forEach((g, i) => {
    const name = run.model.variables[i]?.name as string;
    if (g === null && !run.warnedNoGradient.has(name)) {
      run.warnedNoGradient.add(name);
      run.warn(
        'no-gradient',
        `variable "${name}" gets no gradient from the loss; it will not change`,
      );
    }
  });
}

export async function trainStep<Batch>(
  run: TrainingRun<Batch>,
  stream: BatchStream<Batch>,
  index: number,
): Promise<StepOutcome> {
  const { model, optimizer } = run;
  const batch = await stream.next(index);
  const t0 = performance.now();
  let loss = Number.NaN;
  let gradNorm = Number.NaN;
  const learningRate = learningRateAt(run.schedule, {
    step: index,
    totalSteps: run.totalSteps,
    baseLearningRate: run.baseLearningRate,
  });
  try {
    run.meter.count(model.countBatch?.(batch) ?? { items: 1 });
    setLearningRate(optimizer, learningRate);
    const ctx = { step: index, training: true, rng: run.rng } as const;
    const parallel = run.options.dataParallel;
    const step = parallel // loss, norm, grads: ours to free
      ? await parallelGradients(parallel, model, batch, ctx, run.clipNorm)
      : computeGradients(model, batch, ctx, run.clipNorm);
    try {
      const read = tf.tidy(() => tf.stack([step.loss, step.norm])); // [2]: one read, not two
      const values = await read.data();
      read.dispose();
      loss = values[0] as number;
      gradNorm = values[1] as number;
      warnNoGradient(run, step.grads);
      if (Number.isFinite(loss) && Number.isFinite(gradNorm)) {
        optimizer.applyGradients(
          model.variables.map((v, i) => ({
            name: v.variable.name,
            tensor: step.grads[i] as tf.Tensor,
          })),
        );
        parallel?.pool.weightsChanged(); // the workers read the new weights before the next step
      }
    } finally {
      tf.dispose([step.loss, step.norm, ...step.grads.filter((g): g is tf.Tensor => g !== null)]);
    }
  } finally {
    stream.dispose(batch);
  }
  run.meter.addTrainTime(performance.now() - t0);
  return { loss, gradNorm, learningRate };
}
