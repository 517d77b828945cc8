import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { selectBackend } from '@recurrent/backends';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSentimentModel,
  evaluateSentiment,
  loadSentimentModel,
  loadUciSentences,
  type Pooling,
  prepareSentimentData,
  resolveSentimentHyperParameters,
  type SentimentHyperParameters,
  sentimentTokenizer,
  trainClassifier,
  trainSentiment,
} from './index.js';
import { predictSentiment } from './predict-sentiment.js';

let dir: string;
beforeAll(async () => {
  await selectBackend('wasm');
  dir = mkdtempSync(path.join(tmpdir(), 'sentiment-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tiny = (over: Partial<SentimentHyperParameters> = {}) =>
  resolveSentimentHyperParameters('tiny', { units: 8, embeddingDim: 8, ...over });

async function uciData(hp: SentimentHyperParameters) {
  return prepareSentimentData(await loadUciSentences(), { hyperParameters: hp });
}

describe('embedded data', () => {
  it('loads the UCI sentences from the sentiment package with a fixed split and the probe', async () => {
    const uci = await loadUciSentences();
    expect(uci.sentences).toHaveLength(2982);
    expect(uci.notes).toEqual([
      'skipped 3 empty trailing records',
      'kept 18 duplicate sentences once',
    ]);
    expect(uci.sentences.filter((s) => s.label === 1)).toHaveLength(1490);
    const data = await uciData(resolveSentimentHyperParameters());
    expect(data.report).toMatchObject({ train: 2386, validation: 298, test: 298, maxLength: 64 });
    expect(data.report.truncation).toMatchObject({ truncated: 4, longest: 80 });
    const again = await uciData(resolveSentimentHyperParameters('default', { seed: 7 }));
    expect(again.test.texts).toEqual(data.test.texts); // the split does not move with the seed
    const train = new Set(data.train.texts);
    expect(data.test.texts.some((t) => train.has(t))).toBe(false);
  });
});

describe('model (wasm)', () => {
  it.each([
    ['lstm', false, 'last'],
    ['gru', false, 'mean'],
    ['rnn', false, 'max'],
    ['lstm', true, 'max'],
    ['gru', true, 'mean'],
  ] as const)(
    '%s bidirectional=%s pooling=%s: prefix logits equal the logits of each prefix',
    async (cell, bidirectional, pooling) => {
      const hp = tiny({ cell, bidirectional, pooling: pooling as Pooling, layers: 2 });
      const data = await uciData(hp);
      const model = createSentimentModel({
        vocabulary: data.vocabulary,
        tokenizer: sentimentTokenizer('word'),
        labels: data.labels,
        hyperParameters: hp,
      });
      const ids = tf.tensor2d(
        [
          [5, 9, 7, 12, 3],
          [8, 4, 0, 0, 0],
        ],
        [2, 5],
        'int32',
      );
      const mask = tf.tensor2d([
        [1, 1, 1, 1, 1],
        [1, 1, 0, 0, 0],
      ]);
      const prefix = model.prefixLogits(ids, mask); // [2, 5, 1]
      const got = (await prefix.array()) as number[][][];
      for (let t = 0; t < 5; t++) {
        const m = tf.tensor2d([
          [...[1, 1, 1, 1, 1].map((_, s) => +(s <= t))],
          [...[1, 1, 0, 0, 0].map((v, s) => v * +(s <= t))],
        ]);
        const one = model.forward(ids, m);
        const want = (await one.array()) as number[][];
        expect(got[0]![t]![0]).toBeCloseTo(want[0]![0]!, 5);
        if (t < 2) expect(got[1]![t]![0]).toBeCloseTo(want[1]![0]!, 5);
        tf.dispose([m, one]);
      }
      // Padding never changes a sentence's logit.
      const short = model.forward(tf.tensor2d([[8, 4]], [1, 2], 'int32'), tf.tensor2d([[1, 1]]));
      const padded = model.forward(ids, mask);
      expect((await short.data())[0]).toBeCloseTo((await padded.data())[1]!, 5);
      tf.dispose([prefix, short, padded, ids, mask]);
      model.dispose();
    },
  );

  it('trains (loss down), checkpoints, reloads with the same predictions, predicts trajectories', async () => {
    const hp = tiny({ units: 16, embeddingDim: 16, steps: 80 });
    const data = await uciData(hp);
    const model = createSentimentModel({
      vocabulary: data.vocabulary,
      tokenizer: sentimentTokenizer('word'),
      labels: data.labels,
      hyperParameters: hp,
    });
    const kinds: string[] = [];
    const result = await trainSentiment(model, data, {
      checkpointDir: path.join(dir, 'run'),
      evalEvery: 40,
      checkpointEvery: 40,
      onProgress: (e) => kinds.push(e.kind),
    });
    expect(result.reason).toBe('completed');
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(result.losses.slice(-10))).toBeLessThan(mean(result.losses.slice(0, 10)));
    expect(kinds).toContain('eval');
    expect(kinds).toContain('checkpoint');
    const scored = await evaluateSentiment(model, data);
    expect(scored.test.accuracy).toBeGreaterThan(0.55); // 80 tiny steps: better than chance
    expect(scored.probe?.count).toBe(data.report.probeHeldOut);

    const loaded = await loadSentimentModel(path.join(dir, 'run', 'latest'));
    const texts = ['The talk was not so bad after all.', 'Terrible food, rude staff.'];
    const [a, b] = [await predictSentiment(model, texts), await predictSentiment(loaded, texts)];
    expect(b.map((p) => p.probabilities[1])).toEqual(a.map((p) => p.probabilities[1]));
    expect(a[0]!.trajectory.map((s) => s.token)).toEqual([
      'the',
      'talk',
      'was',
      'not',
      'so',
      'bad',
      'after',
      'all',
      '.',
    ]);
    expect(a[0]!.trajectory.at(-1)!.probabilities).toEqual(a[0]!.probabilities);
    expect(a[1]!.probabilities[0]! + a[1]!.probabilities[1]!).toBeCloseTo(1, 6);
    loaded.dispose();
    model.dispose();
  });

  it('500 training steps and 10,000 predictions leave numTensors flat', async () => {
    const hp = tiny({ batchSize: 4, buckets: 1 });
    const data = await uciData(hp);
    const model = createSentimentModel({
      vocabulary: data.vocabulary,
      tokenizer: sentimentTokenizer('word'),
      labels: data.labels,
      hyperParameters: hp,
    });
    const options = {
      train: data.train,
      maxLength: 12,
      batchSize: 4,
      buckets: 1,
      learningRate: 1e-2,
      warmupSteps: 0,
      clipNorm: 5,
      seed: 1,
    };
    await trainClassifier(model, { ...options, steps: 2 }); // warm-up: kernels compiled
    const before = tf.memory().numTensors;
    await trainClassifier(model, { ...options, steps: 500 });
    expect(tf.memory().numTensors).toBe(before);
    const texts = Array.from(
      { length: 10_000 },
      (_, i) => `${['great', 'awful', 'not bad'][i % 3]} food ${i % 7}`,
    );
    await predictSentiment(model, texts.slice(0, 10));
    const start = tf.memory().numTensors;
    const predictions = await predictSentiment(model, texts, { batchSize: 500 });
    expect(predictions).toHaveLength(10_000);
    expect(tf.memory().numTensors).toBe(start);
    model.dispose();
    // ~25 s alone; a clean-clone CI run with other packages' tests beside it took over 60 s.
  }, 300_000);
});
