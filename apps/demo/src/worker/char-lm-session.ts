/**
 * The char-LM page's model, living in the worker: train on a text (random windows, Adam),
 * stop on request, sample with temperature / top-k / a prime, and trace the hidden state and
 * gates over a text for the hidden-state view. Training yields to the event loop after each
 * step, so `stop`, `sample` and `trace` requests are served while it runs.
 */
import { ConfigError } from '@recurrent/errors';
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';
import { lstmTrace } from './lstm-gates.js';
import type {
  CharLmProgress,
  CharLmSampleOptions,
  CharLmSummary,
  CharLmTrace,
  CharLmTrainConfig,
} from './protocol.js';
import { sampleLogits } from './sample-logits.js';
import {
  createTinyCharLm,
  crossEntropy,
  disposeTinyCharLm,
  sequenceLogits,
  stepLogits,
  type TinyCharLm,
} from './tiny-char-lm.js';

export const charLmLimits = Object.freeze({
  minText: 16, // a few windows' worth of characters
  maxSample: 1000, // characters per sample request
  maxTrace: 400, // characters in the hidden-state view (one heat-map column each)
});

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class CharLmSession {
  private model: TinyCharLm | undefined;
  private optimizer: tf.Optimizer | undefined;
  private training = false;
  private stopRequested = false;
  private stepsDone = 0;

  /** Asks a running training to stop after its current step; false when none runs. */
  stop(): boolean {
    if (this.training) this.stopRequested = true;
    return this.training;
  }

  async train(
    config: CharLmTrainConfig,
    onProgress: (progress: CharLmProgress) => void,
  ): Promise<CharLmSummary> {
    if (this.training) {
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
    const optimizer = this.optimizer!;
    const index = new Map(vocab.map((c, i) => [c, i]));
    const ids = Int32Array.from(chars, (c) => index.get(c)!);
    const seqLength = Math.min(config.seqLength, ids.length - 1);
    const rng = createRandom(config.seed + this.stepsDone);

    this.training = true;
    this.stopRequested = false;
    let firstLoss = Number.NaN;
    let lastLoss = Number.NaN;
    let steps = 0;
    try {
      while (steps < config.steps && !this.stopRequested) {
        const started = performance.now();
        const inputs = new Int32Array(config.batchSize * seqLength);
        const targets = new Int32Array(config.batchSize * seqLength);
        for (let b = 0; b < config.batchSize; b++) {
          const start = rng.int(ids.length - seqLength);
          inputs.set(ids.subarray(start, start + seqLength), b * seqLength);
          targets.set(ids.subarray(start + 1, start + 1 + seqLength), b * seqLength);
        }
        const x = tf.tensor2d(inputs, [config.batchSize, seqLength], 'int32'); // [batch, time]
        const y = tf.tensor2d(targets, [config.batchSize, seqLength], 'int32'); // [batch, time]
        const loss = optimizer.minimize(
          () => crossEntropy(sequenceLogits(model, x), y),
          true,
          model.variables,
        ) as tf.Scalar;
        x.dispose();
        y.dispose();
        const value = (await loss.data())[0]!;
        loss.dispose();
        steps += 1;
        this.stepsDone += 1;
        if (steps === 1) firstLoss = value;
        lastLoss = value;
        const seconds = (performance.now() - started) / 1000;
        onProgress({
          step: this.stepsDone,
          loss: value,
          tokensPerSecond: (config.batchSize * seqLength) / Math.max(seconds, 1e-6),
        });
        await nextTask(); // let stop / sample / trace requests in
      }
    } finally {
      this.training = false;
    }
    return { steps, firstLoss, lastLoss, vocabulary: vocab, stopped: this.stopRequested };
  }

  private requireModel(who: string): TinyCharLm {
    if (!this.model) {
      throw new ConfigError(`${who}: no model yet. Train a few steps first.`);
    }
    return this.model;
  }

  async sample(options: CharLmSampleOptions): Promise<string> {
    const model = this.requireModel('charLm.sample');
    const index = new Map(model.vocab.map((c, i) => [c, i]));
    const prime = Array.from(options.prime).filter((c) => index.has(c));
    if (prime.length === 0) prime.push(model.vocab[0]!);
    const length = Math.max(0, Math.min(options.length, charLmLimits.maxSample));
    const rng = createRandom(options.seed);
    let state = model.cell.initialState(1);
    let logits: tf.Tensor2D | undefined;
    const out: string[] = [...prime];
    const advance = (id: number) => {
      const next = stepLogits(model, id, state);
      for (const t of state) t.dispose();
      logits?.dispose();
      state = next.state;
      logits = next.logits;
    };
    try {
      for (const c of prime) advance(index.get(c)!);
      for (let k = 0; k < length; k++) {
        const values = await logits!.data(); // [vocab]
        const id = sampleLogits(values, options.temperature, options.topK, rng);
        out.push(model.vocab[id]!);
        advance(id);
      }
    } finally {
      for (const t of state) t.dispose();
      logits?.dispose();
    }
    return out.join('');
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
