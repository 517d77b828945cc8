/**
 * The char-LM inside a data-parallel worker (loaded from dist/ by @recurrent/train's
 * worker entry): the model built from the same hyper-parameters and vocabulary as the main
 * thread's, and the loss of this worker's lanes with their carried state, exactly as
 * train-char-lm.ts computes it for the whole batch. After each step the lanes' state is
 * copied to shared memory, where the main thread's checkpoints read it.
 */
import { Vocabulary } from '@recurrent/data';
import { ConfigError } from '@recurrent/errors';
import { type ShardWorker, type ShardWorkerInit, sequenceCrossEntropy } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import {
  type CharLmEvalShare,
  type CharLmShard,
  type CharLmWorkerConfig,
  carryOffsets,
} from './char-lm-worker-config.js';
import { createCharLm } from './create-char-lm.js';
import { charLmEvalLayout, scoreCharLmLanes } from './evaluate-char-lm.js';

export function createShardWorker(init: ShardWorkerInit): ShardWorker {
  const config = init.config as CharLmWorkerConfig;
  const hp = config.hyperParameters;
  if (!init.shared) {
    throw new ConfigError(
      'char-lm worker: expected a shared buffer for the carried state, received none. Start the workers through trainCharLm({ workers }).',
    );
  }
  const model = createCharLm({
    vocabulary: Vocabulary.fromJSON(config.vocabulary as never),
    hyperParameters: hp,
  });
  const rows = config.last - config.first;
  const sizes = model.rnn.stateSize;
  const offsets = carryOffsets(sizes, hp.batchSize);
  const shared = new Float32Array(init.shared);
  const layout = charLmEvalLayout(config.validation.length);
  let carry: tf.Tensor2D[] | null = null; // the state this worker's next window starts from
  let inUse: tf.Tensor2D[] | null = null; // the state the current step's tape reads

  const drop = () => {
    if (carry) tf.dispose(carry);
    if (inUse) tf.dispose(inUse);
    carry = null;
    inUse = null;
  };
  const rowsIn = (i: number) => {
    const size = sizes[i] as number;
    const at = (offsets[i] as number) + config.first * size;
    return { at, end: at + rows * size, size };
  };

  return {
    variables: model.variables,
    loss(payload) {
      const shard = payload as CharLmShard;
      if (shard.carry === 'reset') drop();
      if (shard.carry === 'restore') {
        drop();
        carry = sizes.map((_, i) => {
          const { at, end, size } = rowsIn(i);
          return tf.keep(tf.tensor2d(shared.slice(at, end), [rows, size])); // [rows, size]
        });
      }
      inUse = carry;
      const keepMask = tf.tensor2d(shard.keep, [rows, 1]); // [rows, 1]: 0 = start this lane from zeros
      const initialState = inUse?.map((s) => tf.mul(s, keepMask) as tf.Tensor2D); // [rows, units]
      const ids = tf.tensor2d(shard.ids, [rows, shard.time], 'int32'); // [rows, time]
      const targets = tf.tensor2d(shard.targets, [rows, shard.time], 'int32'); // [rows, time]
      const mask = tf.tensor2d(shard.mask, [rows, shard.time]); // [rows, time]
      const { logits, state } = model.forward(ids, {
        training: true,
        dropoutSeed: shard.dropoutSeed,
        ...(initialState ? { initialState } : {}),
      });
      carry = state.map((s) => tf.keep(tf.clone(s))); // constants for the next window
      const examples = shard.mask.reduce((a, b) => a + b, 0);
      return { loss: sequenceCrossEntropy(logits, targets, mask), examples };
    },
    afterStep() {
      if (inUse) tf.dispose(inUse); // the step's backward pass is done
      inUse = null;
      carry?.forEach((s, i) => {
        shared.set(s.dataSync() as Float32Array, rowsIn(i).at);
      });
    },
    async handle(method, payload) {
      if (method !== 'evaluate') {
        throw new ConfigError(`char-lm worker: unknown call "${method}"; expected "evaluate".`);
      }
      const share = payload as CharLmEvalShare;
      return scoreCharLmLanes(model, config.validation, layout, share.first, share.last);
    },
    dispose() {
      drop();
      model.dispose();
    },
  };
}
