/**
 * The clinical model inside a data-parallel worker (loaded from dist/ by @recurrent/train's
 * worker entry): the fold's model built from the same hyper-parameters, normaliser and class
 * weight as the main thread's, and the loss of this worker's stays exactly as train-fold.ts
 * computes it for the whole batch (clinicalLoss with the whole batch's stays and hours), so
 * the shards' losses weighted by their stays average to the whole batch's loss. No dropout,
 * no random draw: nothing else to repeat.
 */
import type { ShardWorker, ShardWorkerInit } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import type { ClinicalShard, ClinicalWorkerConfig } from './clinical-worker-config.js';
import { type ClinicalBatch, createClinicalModel } from './create-clinical-model.js';
import { clinicalLoss } from './train-fold.js';

export function createShardWorker(init: ShardWorkerInit): ShardWorker {
  const config = init.config as ClinicalWorkerConfig;
  const model = createClinicalModel({
    hyperParameters: config.hyperParameters,
    normalizer: config.normalizer,
    positiveWeight: config.positiveWeight,
  });
  return {
    variables: model.variables,
    loss(payload) {
      const shard = payload as ClinicalShard;
      const rows = shard.labels.length;
      const shape: [number, number, number] = [rows, shard.time, shard.features];
      const batch: ClinicalBatch = {
        x: tf.tensor3d(shard.x, shape), // [rows, time, features]
        mask: tf.tensor2d(shard.mask, [rows, shard.time]), // [rows, time]
        labels: tf.tensor1d(shard.labels), // [rows]
        ...(shard.observed ? { observed: tf.tensor3d(shard.observed, shape) } : {}), // [rows, time, features]
        ...(shard.delta ? { delta: tf.tensor3d(shard.delta, shape) } : {}), // [rows, time, features]
      };
      return { loss: clinicalLoss(model, batch, shard.whole), examples: rows };
    },
    dispose() {
      model.dispose();
    },
  };
}
