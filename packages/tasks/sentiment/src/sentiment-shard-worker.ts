/**
 * The sentiment model inside a data-parallel worker (loaded from dist/ by @recurrent/train's
 * worker entry): the model built from the same hyper-parameters, vocabulary and labels as the
 * main thread's, and the loss of this worker's rows exactly as train-classifier.ts computes
 * it for the whole batch: the mean over the shard's real rows (fill rows weigh nothing), with
 * the whole batch's dropout masks cut to these rows. Weighted by its real rows, the shards'
 * mean is the whole batch's loss.
 */
import { tokenizerFromJSON, Vocabulary } from '@recurrent/data';
import type { ShardWorker, ShardWorkerInit } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { createSentimentModel } from './create-sentiment-model.js';
import type { SentimentShard, SentimentWorkerConfig } from './sentiment-worker-config.js';
import { classifierLoss } from './train-classifier.js';

/** Rows of the shard with at least one real token (a fill row has none). */
function realRows(mask: Float32Array, time: number): number {
  let n = 0;
  for (let at = 0; at < mask.length; at += time) {
    for (let t = 0; t < time; t++) {
      if (mask[at + t]! > 0) {
        n++;
        break;
      }
    }
  }
  return n;
}

export function createShardWorker(init: ShardWorkerInit): ShardWorker {
  const config = init.config as SentimentWorkerConfig;
  const hp = config.hyperParameters;
  const vocabulary = Vocabulary.fromJSON(config.vocabulary as never);
  const model = createSentimentModel({
    vocabulary,
    tokenizer: tokenizerFromJSON(config.tokenizer),
    labels: config.labels,
    hyperParameters: hp,
    // A frozen table: any values (the main thread's weights arrive before the first step).
    ...(config.frozenEmbeddings
      ? {
          pretrained: new Float32Array(vocabulary.size * hp.embeddingDim),
          freezeEmbeddings: true,
        }
      : {}),
  });
  return {
    variables: model.variables,
    loss(payload) {
      const shard = payload as SentimentShard;
      const rows = shard.targets.length;
      const ids = tf.tensor2d(shard.ids, [rows, shard.time], 'int32'); // [rows, time]
      const mask = tf.tensor2d(shard.mask, [rows, shard.time]); // [rows, time]
      const targets = tf.tensor1d(shard.targets, 'int32'); // [rows]
      const logits = model.forward(ids, mask, {
        training: true,
        dropoutSeed: shard.dropoutSeed,
        rowsOf: { of: shard.of, first: shard.first },
      }); // [rows, outputs]
      return {
        loss: classifierLoss(logits, { mask, targets }, model.outputs),
        examples: realRows(shard.mask, shard.time),
      };
    },
    dispose() {
      model.dispose();
    },
  };
}
