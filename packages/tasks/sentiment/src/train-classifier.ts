/**
 * Trains any classifier over labelled id sequences with `@recurrent/train`'s loop: seeded
 * length-bucketed batches (`sequenceBatcher`), a masked loss (fill rows at the end of an
 * epoch weigh nothing), Adam with warmup + cosine decay and clipping, evaluation and
 * checkpoints. The RNN and the bag-of-words baseline both train here, on the same split.
 *
 * Loss: binary cross-entropy on one logit for two classes; softmax cross-entropy for more.
 */
import { type ArrayBatch, sequenceBatcher, type TensorBatch, toTensorBatch } from '@recurrent/data';
import {
  binaryCrossEntropy,
  type CheckpointStore,
  type DataParallel,
  type JsonValue,
  type NamedVariable,
  sequenceCrossEntropy,
  type Trainable,
  type TrainProgress,
  type TrainResult,
  train,
} from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import type { EncodedSentences } from './encode-sentences.js';

export interface TrainableClassifier {
  readonly outputs: number;
  readonly variables: readonly NamedVariable[];
  forward(
    ids: tf.Tensor2D,
    mask: tf.Tensor2D,
    options?: { training?: boolean; dropoutSeed?: number },
  ): tf.Tensor2D;
}

export interface TrainClassifierOptions {
  readonly train: EncodedSentences;
  readonly maxLength: number;
  readonly batchSize: number;
  readonly buckets: number;
  readonly steps: number;
  readonly learningRate: number;
  /** Adam's epsilon; undefined: the train loop's default (tfjs' 1e-7). */
  readonly adamEpsilon?: number;
  readonly warmupSteps: number;
  readonly clipNorm: number;
  readonly seed: number;
  /** Metrics for `train()` (validation accuracy picks `best/`). */
  readonly evaluate?: (step: number) => Promise<Record<string, number>>;
  readonly bestMetric?: string;
  readonly evalEvery?: number;
  readonly checkpointEvery?: number;
  readonly checkpointDir?: string;
  readonly checkpointStore?: CheckpointStore;
  readonly resume?: boolean;
  readonly signal?: AbortSignal;
  readonly config?: Record<string, JsonValue>;
  readonly onProgress?: (event: TrainProgress) => void;
  /** Node: compute each step's gradients on worker threads (sentiment-workers.ts). */
  readonly dataParallel?: DataParallel<ClassifierBatch>;
}

/** A batch as tensors, with its plain arrays (for cutting shards) and real token count. */
export type ClassifierBatch = TensorBatch & {
  readonly plain: ArrayBatch;
  /** Real (unpadded) tokens, summed from the plain lengths: no tensor read. */
  readonly tokens: number;
};

/** The loss of one batch (or shard): the mean over real rows; fill rows (length 0) are masked out. */
export function classifierLoss(
  logits: tf.Tensor2D,
  batch: Pick<TensorBatch, 'mask' | 'targets'>,
  outputs: number,
): tf.Scalar {
  return tf.tidy(() => {
    const rows = tf.minimum(tf.sum(batch.mask, 1), 1); // [batch]: 0 = fill row (no real step)
    const [n] = logits.shape;
    if (outputs === 1) {
      return binaryCrossEntropy(tf.reshape(logits, [n]), batch.targets, { mask: rows });
    }
    return sequenceCrossEntropy(
      tf.expandDims(logits, 1), // [batch, 1, classes]
      tf.reshape(batch.targets, [n, 1]), // [batch, 1]
      tf.reshape(rows, [n, 1]), // [batch, 1]
    );
  });
}

/**
 * @example
 * await trainClassifier(bow, { train: data.train, maxLength: 64, batchSize: 32, ... });
 */
export async function trainClassifier(
  model: TrainableClassifier,
  options: TrainClassifierOptions,
): Promise<TrainResult> {
  const batcher = sequenceBatcher(
    { sequences: options.train.sequences, labels: options.train.labels },
    {
      batchSize: options.batchSize,
      maxLength: options.maxLength,
      buckets: options.buckets,
      seed: options.seed,
    },
  );
  const batchAt = (step: number): ClassifierBatch => {
    const plain = batcher.arrayBatchAt(step);
    let tokens = 0;
    for (const n of plain.lengths) tokens += n;
    return Object.assign(toTensorBatch(plain), { plain, tokens });
  };
  const trainable: Trainable<ClassifierBatch> = {
    variables: model.variables,
    loss(batch, ctx) {
      const logits = model.forward(batch.ids, batch.mask, {
        training: true,
        dropoutSeed: ctx.rng.int(2 ** 31),
      }); // [batch, outputs]
      return classifierLoss(logits, batch, model.outputs);
    },
    ...(options.evaluate ? { evaluate: ({ step }) => options.evaluate!(step) } : {}),
    countBatch: (batch) => ({ items: batch.rows, tokens: batch.tokens }), // real tokens, not padding
  };
  const hasStore = options.checkpointDir !== undefined || options.checkpointStore !== undefined;
  return train({
    model: trainable,
    data: {
      batchAt,
      stepsPerEpoch: batcher.stepsPerEpoch,
      dispose: (b) => b.dispose(),
    },
    optimizer: {
      name: 'adam',
      learningRate: options.learningRate,
      ...(options.adamEpsilon !== undefined ? { epsilon: options.adamEpsilon } : {}),
    },
    schedule: {
      name: 'warmup-cosine',
      warmupSteps: Math.min(options.warmupSteps, options.steps - 1),
      minLearningRate: options.learningRate / 20,
    },
    steps: options.steps,
    seed: options.seed,
    clipNorm: options.clipNorm,
    ...(options.evaluate && options.evalEvery ? { evalEvery: options.evalEvery } : {}),
    ...(options.evaluate && options.bestMetric
      ? { bestMetric: { metric: options.bestMetric, mode: 'max' as const } }
      : {}),
    ...(options.config ? { config: options.config } : {}),
    ...(hasStore && options.checkpointEvery ? { checkpointEvery: options.checkpointEvery } : {}),
    ...(options.checkpointDir !== undefined ? { checkpointDir: options.checkpointDir } : {}),
    ...(options.checkpointStore ? { checkpointStore: options.checkpointStore } : {}),
    ...(options.resume !== undefined ? { resume: options.resume } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.dataParallel ? { dataParallel: options.dataParallel } : {}),
  });
}
