/**
 * The sentiment model: embedding -> one or more (bidirectional) LSTM/GRU/simple-RNN layers
 * run with the padding mask -> pooling over the real steps only (last, mean or max) -> a
 * dense head: one logit (sigmoid) for two classes, one per class (softmax) for more.
 * Pure data plus `forward` and `prefixLogits`; training, evaluation and prediction live in
 * their own files. Masks are `[batch, time]` float32 with 1 = real step, 0 = padding.
 *
 * @example
 * const model = createSentimentModel({ vocabulary, tokenizer, labels: ['negative', 'positive'],
 *   hyperParameters: resolveSentimentHyperParameters('tiny') });
 * const logits = model.forward(ids, mask); // [batch, 1]
 */
import {
  bidirectional,
  type Cell,
  dense,
  embedding,
  gruCell,
  lstmCell,
  runRnn,
  simpleRnnCell,
  stackCells,
} from '@recurrent/cells';
import type { Tokenizer, Vocabulary } from '@recurrent/data';
import { ConfigError } from '@recurrent/errors';
import type { NamedVariable } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { poolSequence, prefixPool } from './pool-sequence.js';
import type { SentimentHyperParameters } from './sentiment-defaults.js';

export interface SentimentForwardOptions {
  /** Dropout on (training). Default false. */
  readonly training?: boolean;
  /** Seed of this call's dropout masks. */
  readonly dropoutSeed?: number;
  /**
   * This call's rows are rows [first, first + n) of a batch of `of` rows (a data-parallel
   * worker's shard): the dropout masks are drawn for the whole batch and cut to these rows,
   * so the shards together drop exactly what one call on the whole batch drops.
   */
  readonly rowsOf?: { readonly of: number; readonly first: number };
}

export interface SentimentModel {
  readonly hyperParameters: SentimentHyperParameters;
  readonly vocabulary: Vocabulary;
  readonly tokenizer: Tokenizer;
  /** Class names by id (`['negative', 'positive']`). */
  readonly labels: readonly string[];
  /** 1 for two classes (a sigmoid logit), else the number of classes (softmax logits). */
  readonly outputs: number;
  /** True when the embedding table is frozen (pretrained vectors, not fine-tuned). */
  readonly frozenEmbeddings: boolean;
  /** The recurrent part (a stack when layers > 1, bidirectional pairs when asked). */
  readonly rnn: Cell;
  /** Every weight, in a fixed order (the checkpoint's keys). */
  readonly variables: readonly NamedVariable[];
  /** ids int32 [batch, time], mask [batch, time] -> logits [batch, outputs]. */
  forward(ids: tf.Tensor2D, mask: tf.Tensor2D, options?: SentimentForwardOptions): tf.Tensor2D;
  /**
   * Logits after every prefix: [batch, time, outputs], row b step t reads tokens 0..t. One
   * pass for a unidirectional model; a bidirectional one reads each prefix as its own row.
   */
  prefixLogits(ids: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor3D;
  dispose(): void;
}

export interface CreateSentimentModelOptions {
  readonly vocabulary: Vocabulary;
  readonly tokenizer: Tokenizer;
  readonly labels: readonly string[];
  readonly hyperParameters: SentimentHyperParameters;
  /** Pretrained rows `[vocab.size * embeddingDim]` to start the table from (`--embeddings`). */
  readonly pretrained?: Float32Array;
  /** Keep the pretrained table fixed. */
  readonly freezeEmbeddings?: boolean;
}

function makeCell(
  hp: SentimentHyperParameters,
  name: string,
  inputSize: number,
  seed: number,
): Cell {
  const common = { inputSize, units: hp.units, seed, name, initializer: hp.kernelInit };
  if (hp.cell === 'lstm') {
    return lstmCell({
      ...common,
      unitForgetBias: hp.forgetBias === 1,
      recurrentBias: hp.secondBias,
    });
  }
  if (hp.cell === 'gru') return gruCell(common);
  return simpleRnnCell(common);
}

function makeLayer(hp: SentimentHyperParameters, k: number, inputSize: number): Cell {
  const seed = hp.seed + 101 * (k + 1);
  if (!hp.bidirectional) return makeCell(hp, `${hp.cell}_${k}`, inputSize, seed);
  return bidirectional(
    makeCell(hp, `${hp.cell}_${k}_fwd`, inputSize, seed),
    makeCell(hp, `${hp.cell}_${k}_bwd`, inputSize, seed + 53),
    { name: `bidirectional_${k}` },
  );
}

/**
 * A lookup whose gradient is zero: frozen pretrained vectors stay as loaded (Adam moves a
 * weight whose gradient has always been zero by exactly zero), and the table still lives
 * in `variables`, so checkpoints hold it.
 */
const frozenLookup = (table: tf.Variable, ids: tf.Tensor2D): tf.Tensor =>
  tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const t = args[0] as tf.Tensor2D;
    const [batch, time] = ids.shape;
    return {
      value: tf.reshape(tf.gather(t, tf.reshape(ids, [-1])), [batch, time, t.shape[1]]), // [batch, time, emb]
      gradFunc: () => tf.zerosLike(t), // [vocab, emb]
    };
  })(table);

export function createSentimentModel(options: CreateSentimentModelOptions): SentimentModel {
  const { vocabulary, tokenizer, labels, hyperParameters: hp } = options;
  if (labels.length < 2) {
    throw new ConfigError(
      `createSentimentModel: expected at least 2 labels, got ${labels.length} (${JSON.stringify(labels)}). A classifier needs two classes or more.`,
    );
  }
  const outputs = labels.length === 2 ? 1 : labels.length;
  const embed = embedding({
    vocabSize: vocabulary.size,
    dim: hp.embeddingDim,
    seed: hp.seed,
    name: 'embedding_0',
    initializer: hp.embeddingInit, // overwritten below by --embeddings' vectors
  });
  if (options.pretrained) {
    if (options.pretrained.length !== vocabulary.size * hp.embeddingDim) {
      throw new ConfigError(
        `createSentimentModel: expected pretrained rows of ${vocabulary.size} x ${hp.embeddingDim} = ${vocabulary.size * hp.embeddingDim} numbers, got ${options.pretrained.length}. Set embeddingDim to the vectors' width.`,
      );
    }
    embed.table.assign(tf.tensor2d(options.pretrained, [vocabulary.size, hp.embeddingDim]));
  }
  const frozen = options.freezeEmbeddings === true && options.pretrained !== undefined;
  const layers = Array.from({ length: hp.layers }, (_, k) =>
    makeLayer(hp, k, k === 0 ? hp.embeddingDim : (hp.bidirectional ? 2 : 1) * hp.units),
  );
  const rnn: Cell =
    layers.length === 1
      ? layers[0]!
      : stackCells(layers, { dropout: hp.dropout, seed: hp.seed + 7 });
  const head = dense({
    inputSize: rnn.outputSize,
    units: outputs,
    name: 'dense_0',
    seed: hp.seed + 3,
  });
  const variables: NamedVariable[] = [
    ...embed.weights.map((w) => ({ name: w.name, variable: w.variable })),
    ...rnn.weights.map((w) => ({ name: w.name, variable: w.variable })),
    ...head.weights.map((w) => ({ name: w.name, variable: w.variable })),
  ];

  const embedIds = (ids: tf.Tensor2D): tf.Tensor3D =>
    frozen
      ? (frozenLookup(embed.table, ids) as tf.Tensor3D) // [batch, time, emb], zero gradient
      : (embed.apply(ids).output as tf.Tensor3D); // [batch, time, emb]
  const drop = <T extends tf.Tensor>(x: T, o: SentimentForwardOptions, salt: number): T => {
    if (!(o.training && hp.dropout > 0)) return x;
    const seed = (o.dropoutSeed ?? 0) + salt;
    if (!o.rowsOf) return tf.dropout(x, hp.dropout, undefined, seed) as T;
    // tf.dropout's arithmetic on the whole batch's uniform draws, cut to this shard's rows.
    const keep = 1 - hp.dropout;
    const [rows, ...rest] = x.shape;
    const noise = tf.randomUniform([o.rowsOf.of, ...rest], 0, 1, 'float32', seed); // [of, ...]
    const mine = tf.slice(noise, [o.rowsOf.first, ...rest.map(() => 0)], [rows, ...rest]); // [rows, ...]
    return tf.mul(x, tf.div(tf.floor(tf.add(mine, keep)), keep)) as T;
  };

  const forward = (
    ids: tf.Tensor2D,
    mask: tf.Tensor2D,
    o: SentimentForwardOptions = {},
  ): tf.Tensor2D =>
    tf.tidy(() => {
      const x = drop(embedIds(ids), o, 1); // [batch, time, emb]
      const { output, sequence } = runRnn(rnn, x, {
        mask,
        returnSequences: hp.pooling !== 'last', // mean and max read every step
        training: o.training ?? false,
      });
      const v = poolSequence(hp.pooling, sequence as tf.Tensor3D, mask, output); // [batch, units]
      return head.apply(drop(v, o, 2)); // [batch, outputs]
    });

  return {
    hyperParameters: hp,
    vocabulary,
    tokenizer,
    labels: Object.freeze([...labels]),
    outputs,
    frozenEmbeddings: frozen,
    rnn,
    variables,
    forward,
    prefixLogits(ids, mask) {
      return tf.tidy(() => {
        const [batch, time] = ids.shape;
        if (hp.bidirectional) {
          // Row (b, t) holds the first t + 1 tokens of row b: the backward pass must start there.
          const steps = tf.range(0, time, 1, 'int32'); // [time]
          const prefix = tf.cast(
            tf.lessEqual(tf.expandDims(steps, 0), tf.expandDims(steps, 1)),
            'float32',
          ); // [time(t), time(s)]: 1 where s <= t
          const rows = tf.reshape(tf.mul(tf.expandDims(mask, 1), tf.expandDims(prefix, 0)), [
            batch * time,
            time,
          ]) as tf.Tensor2D; // [batch*time, time]
          const tiled = tf.reshape(tf.tile(tf.expandDims(ids, 1), [1, time, 1]), [
            batch * time,
            time,
          ]) as tf.Tensor2D; // [batch*time, time]
          const logits = forward(tiled, rows); // [batch*time, outputs]
          return tf.reshape(logits, [batch, time, outputs]) as tf.Tensor3D;
        }
        const x = embedIds(ids); // [batch, time, emb]
        const { sequence } = runRnn(rnn, x, { mask, returnSequences: true });
        const pooled = prefixPool(hp.pooling, sequence as tf.Tensor3D, mask); // [batch, time, units]
        const flat = tf.reshape(pooled, [batch * time, rnn.outputSize]) as tf.Tensor2D; // [batch*time, units]
        return tf.reshape(head.apply(flat), [batch, time, outputs]) as tf.Tensor3D; // [batch, time, outputs]
      });
    },
    dispose() {
      for (const v of variables) v.variable.dispose();
    },
  };
}
