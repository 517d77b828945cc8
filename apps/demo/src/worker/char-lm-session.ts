/**
 * The char-LM page's model, living in the worker: train on a text with `@recurrent/train`'s
 * loop (random windows, Adam, gradient clipping), stop on request (an AbortSignal), sample
 * with `@recurrent/decode` (temperature / top-k / a prime, seeded), and trace the hidden state
 * and gates over a text for the hidden-state view. The loop yields to the event loop after
 * every step, so `stop`, `sample` and `trace` requests are served while it trains.
 */
import { sample } from '@recurrent/decode';
import { ConfigError } from '@recurrent/errors';
import { createRandom } from '@recurrent/random';
import { type IndexedData, sequenceCrossEntropy, type Trainable, train } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { lstmTrace } from './lstm-gates.js';
import type {
  CharLmProgress,
  CharLmSampleOptions,
  CharLmSummary,
  CharLmTrace,
  CharLmTrainConfig,
} from './protocol.js';
import {
  charStepper,
  createTinyCharLm,
  disposeTinyCharLm,
  sequenceLogits,
  type TinyCharLm,
} from './tiny-char-lm.js';

export const charLmLimits = Object.freeze({
  minText: 16, // a few windows' worth of characters
  maxSample: 1000, // characters per sample request
  maxTrace: 400, // characters in the hidden-state view (one heat-map column each)
});

interface Batch {
  readonly x: tf.Tensor2D; // [batch, time] int32: characters
  readonly y: tf.Tensor2D; // [batch, time] int32: the next characters
}

/** Random windows of the text; batch `step` depends only on (seed, step), so runs repeat. */
function windows(
  ids: Int32Array,
  seqLength: number,
  batchSize: number,
  seed: number,
): IndexedData<Batch> {
  return {
    batchAt(step) {
      const rng = createRandom(seed * 1_000_003 + step);
      const inputs = new Int32Array(batchSize * seqLength);
      const targets = new Int32Array(batchSize * seqLength);
      for (let b = 0; b < batchSize; b++) {
        const start = rng.int(ids.length - seqLength);
        inputs.set(ids.subarray(start, start + seqLength), b * seqLength);
        targets.set(ids.subarray(start + 1, start + 1 + seqLength), b * seqLength);
      }
      return {
        x: tf.tensor2d(inputs, [batchSize, seqLength], 'int32'),
        y: tf.tensor2d(targets, [batchSize, seqLength], 'int32'),
      };
    },
  };
}

export class CharLmSession {
  private model: TinyCharLm | undefined;
  private optimizer: tf.Optimizer | undefined;
  private abort: AbortController | undefined;
  private stepsDone = 0;

  /** Asks a running training to stop after its current step; false when none runs. */
  stop(): boolean {
    if (!this.abort) return false;
    this.abort.abort();
    return true;
  }

  async train(
    config: CharLmTrainConfig,
    onProgress: (progress: CharLmProgress) => void,
  ): Promise<CharLmSummary> {
    if (this.abort) {
      throw new ConfigError('charLm.train: training is already running. Stop it first.');
    }
    const chars = Array.from(config.text);
    if (chars.length < charLmLimits.minText) {
      throw new ConfigError(
        `charLm.train: expected a text of at least ${charLmLimits.minText} characters, got ${chars.length}. Paste a longer text.`,
      );
    }
    const vocab = [...new Set(chars)].sort();
    const sameVocab = this.model && this.model.vocab.join('') === vocab.join('');
    if (!config.resume || !sameVocab || this.model?.cell.units !== config.units) {
      this.reset();
      this.model = createTinyCharLm(vocab, config.units, config.seed);
      this.optimizer = tf.train.adam(config.learningRate);
    }
    const model = this.model!;
    const index = new Map(vocab.map((c, i) => [c, i]));
    const ids = Int32Array.from(chars, (c) => index.get(c)!);
    const seqLength = Math.min(config.seqLength, ids.length - 1);
    const offset = this.stepsDone;
    const trainable: Trainable<Batch> = {
      variables: model.variables,
      loss: (batch) => sequenceCrossEntropy(sequenceLogits(model, batch.x), batch.y),
      countBatch: (batch) => ({ items: batch.x.shape[0], tokens: batch.x.size }),
    };
    const abort = new AbortController();
    this.abort = abort;
    try {
      const result = await train({
        model: trainable,
        data: windows(ids, seqLength, config.batchSize, config.seed + offset),
        optimizer: this.optimizer!, // ours, so Adam's moments carry over when training resumes
        steps: config.steps,
        seed: config.seed,
        signal: abort.signal,
        onProgress: (event) => {
          if (event.kind !== 'step') return;
          this.stepsDone = offset + event.step;
          onProgress({
            step: this.stepsDone,
            loss: event.loss,
            tokensPerSecond: event.tokensPerSecond ?? 0,
          });
        },
      });
      return {
        steps: result.losses.length,
        firstLoss: result.losses[0] ?? Number.NaN,
        lastLoss: result.losses[result.losses.length - 1] ?? Number.NaN,
        vocabulary: vocab,
        stopped: result.reason === 'aborted',
      };
    } finally {
      this.abort = undefined;
    }
  }

  private requireModel(who: string): TinyCharLm {
    if (!this.model) {
      throw new ConfigError(`${who}: no model yet. Train a few steps first.`);
    }
    return this.model;
  }

  /** The prime (characters the model never saw are dropped) followed by `length` sampled ones. */
  async sample(options: CharLmSampleOptions): Promise<string> {
    const model = this.requireModel('charLm.sample');
    const index = new Map(model.vocab.map((c, i) => [c, i]));
    const prime = Array.from(options.prime).filter((c) => index.has(c));
    if (prime.length === 0) prime.push(model.vocab[0]!);
    const stepper = charStepper(model);
    // Read all of the prime but its last character; that one is the decoder's start token.
    let state = model.cell.initialState(1);
    for (const c of prime.slice(0, -1)) {
      const next = stepper.step(Int32Array.of(index.get(c)!), state);
      next.logits.dispose();
      tf.dispose(state);
      state = next.state;
    }
    try {
      const { tokens } = await sample(stepper, {
        start: index.get(prime[prime.length - 1]!)!,
        initialState: state,
        maxLength: Math.max(1, Math.min(options.length, charLmLimits.maxSample)),
        temperature: options.temperature,
        topK: Math.min(options.topK, model.vocab.length),
        seed: options.seed,
      });
      return prime.join('') + tokens[0]!.map((id) => model.vocab[id]!).join('');
    } finally {
      tf.dispose(state);
    }
  }

  async trace(text: string): Promise<CharLmTrace> {
    const model = this.requireModel('charLm.trace');
    const chars = Array.from(text).slice(0, charLmLimits.maxTrace);
    if (chars.length === 0) throw new ConfigError('charLm.trace: expected some text, got none.');
    const index = new Map(model.vocab.map((c, i) => [c, i]));
    // Characters the model never saw get an all-zero input (they still move the state).
    const xs = chars.map((c) =>
      tf.tidy(() => {
        const id = index.get(c);
        return id === undefined
          ? (tf.zeros([1, model.vocab.length]) as tf.Tensor2D)
          : (tf.cast(
              tf.oneHot(tf.tensor1d([id], 'int32'), model.vocab.length),
              'float32',
            ) as tf.Tensor2D);
      }),
    ); // time x [1, vocab]
    try {
      const t = await lstmTrace(model.cell, xs);
      return { chars, h: t.h, c: t.c, gates: { i: t.i, f: t.f, o: t.o } };
    } finally {
      for (const x of xs) x.dispose();
    }
  }

  /** Frees the model and optimizer (a new training starts from fresh weights). */
  reset(): void {
    if (this.model) disposeTinyCharLm(this.model);
    this.optimizer?.dispose();
    this.model = undefined;
    this.optimizer = undefined;
    this.stepsDone = 0;
  }
}
