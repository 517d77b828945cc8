/**
 * The captioning model inside a data-parallel worker (loaded from dist/ by @recurrent/train's
 * worker entry): the model built by createCaptioningModel from the main thread's
 * hyper-parameters and vocabulary (same seed, so the same variables in the same order,
 * whatever the model's files become), and the teacher-forced loss of this worker's rows of
 * each batch, exactly as train-captioning.ts computes it for the whole batch.
 */
import { Vocabulary } from '@recurrent/data';
import { ConfigError, ShapeError } from '@recurrent/errors';
import type { ShardWorker, ShardWorkerInit } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import type { CaptioningShard, CaptioningWorkerConfig } from './captioning-worker-config.js';
import { createCaptioningModel } from './create-captioning-model.js';
import { isFrozenEncoder } from './encoders/image-encoder-for.js';

/** Checks a shard's arrays against its rows, time and the image size before any tensor is made. */
function checkShard(shard: CaptioningShard, size: number, worker: string): void {
  const pixels = shard.rows * size * size * 3;
  const words = shard.rows * shard.time;
  const got = [shard.images.length, shard.inputs.length, shard.targets.length, shard.mask.length];
  if (shard.rows < 1 || got[0] !== pixels || got.slice(1).some((n) => n !== words)) {
    throw new ShapeError(
      `${worker}: expected a shard of ${shard.rows} rows with ${pixels} pixel values (${shard.rows} x ${size} x ${size} x 3) and ${words} ids, targets and mask values (${shard.rows} x ${shard.time}), received ${got.join(', ')}. Cut shards with startCaptioningWorkers' dataParallel.shard()`,
    );
  }
}

export function createShardWorker(init: ShardWorkerInit): ShardWorker {
  const config = init.config as CaptioningWorkerConfig;
  const hp = config.hyperParameters;
  const who = `captioning worker ${init.worker} of ${init.workers}`;
  if (isFrozenEncoder(hp)) {
    throw new ConfigError(
      `${who}: expected the from-scratch CNN encoder, got encoder ${JSON.stringify(hp.encoder)}. Data-parallel workers do not load frozen encoders; train it with --workers 1.`,
    );
  }
  const model = createCaptioningModel({
    vocabulary: Vocabulary.fromJSON(config.vocabulary as never),
    hyperParameters: hp,
  });
  const size = hp.imageSize;
  return {
    variables: model.variables,
    loss(payload) {
      const shard = payload as CaptioningShard;
      checkShard(shard, size, 'captioning worker'); // the pool's error names which one
      const { rows, time } = shard;
      // made inside tf.variableGrads, which frees them with the step
      const images = tf.tensor4d(shard.images, [rows, size, size, 3]); // [rows, size, size, 3]
      const inputs = tf.tensor2d(shard.inputs, [rows, time], 'int32'); // [rows, time]
      const targets = tf.tensor2d(shard.targets, [rows, time], 'int32'); // [rows, time]
      const mask = tf.tensor2d(shard.mask, [rows, time]); // [rows, time]
      // the loss is a mean over real words: the pool weights the shards by them
      const examples = shard.mask.reduce((a, b) => a + b, 0);
      return { loss: model.loss(images, inputs, targets, mask), examples };
    },
    dispose() {
      model.dispose();
    },
  };
}
