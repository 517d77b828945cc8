/**
 * The init and optimiser hyper-parameters of issue #19's defaults study: each reaches the
 * model it builds (embedding table, kernels, forget bias, the second bias) or its training
 * (Adam's epsilon), Keras' and PyTorch's choices both stay available, bad values are refused
 * with what was expected, training with PyTorch's choices leaves numTensors flat, and a
 * checkpoint or PyTorch export saved before these options existed loads as the model it saved.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { selectBackend } from '@recurrent/backends';
import { collectWeights } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createSentimentModel,
  loadUciSentences,
  prepareSentimentData,
  resolveSentimentHyperParameters,
  type SentimentHyperParameters,
  type SentimentModel,
  sentimentTokenizer,
  trainSentiment,
} from './index.js';
import { sentimentConfig, sentimentFromCheckpoint } from './sentiment-config.js';
import { sentimentPytorch } from './sentiment-pytorch.js';

/** Keras' choices: the defaults before the study. */
const kerasChoices: Partial<SentimentHyperParameters> = {
  embeddingInit: 'uniform',
  kernelInit: 'keras',
  forgetBias: 1,
  secondBias: false,
  adamEpsilon: 1e-7,
};
/** PyTorch's choices (nn.Embedding, nn.LSTM, torch.optim.Adam). */
const pytorchChoices: Partial<SentimentHyperParameters> = {
  embeddingInit: 'normal',
  kernelInit: 'pytorch',
  forgetBias: 0,
  secondBias: true,
  adamEpsilon: 1e-8,
};

beforeAll(() => selectBackend('wasm'));

const tiny = (over: Partial<SentimentHyperParameters> = {}) =>
  resolveSentimentHyperParameters('tiny', { units: 8, embeddingDim: 8, ...over });
const uciData = async (hp: SentimentHyperParameters) =>
  prepareSentimentData(await loadUciSentences(), { hyperParameters: hp });
const build = (data: Awaited<ReturnType<typeof uciData>>, hp: SentimentHyperParameters) =>
  createSentimentModel({
    vocabulary: data.vocabulary,
    tokenizer: sentimentTokenizer('word'),
    labels: data.labels,
    hyperParameters: hp,
  });
const weight = (model: SentimentModel, name: string) => {
  const found = model.variables.find((v) => v.name === name);
  if (!found) throw new Error(`no weight ${name} in ${model.variables.map((v) => v.name)}`);
  return found.variable;
};
const maxAbs = (t: tf.Tensor) => Math.max(...Array.from(t.dataSync(), Math.abs));
const checkpointOf = async (model: SentimentModel, hyperParameters: Record<string, unknown>) => ({
  location: 'old-run/best',
  formatVersion: 2,
  config: { ...sentimentConfig(model), hyperParameters },
  weights: await collectWeights(model.variables),
  optimizer: null,
  state: null,
  modelState: null,
  verified: true,
  unverifiedReason: null,
});

describe('sentiment init options', () => {
  it("build Keras' or PyTorch's bidirectional LSTM as asked", async () => {
    // the defaults stay Keras' (measured 2026-12-02: 0.855 vs PyTorch's 0.815, README)
    expect(resolveSentimentHyperParameters()).toMatchObject(kerasChoices);
    const data = await uciData(tiny());
    const keras = build(data, tiny(kerasChoices));
    expect(maxAbs(weight(keras, 'embedding_0/embeddings'))).toBeLessThanOrEqual(0.05);
    expect(keras.variables.map((v) => v.name).filter((n) => n.includes('recurrent_bias'))).toEqual(
      [],
    );
    for (const dir of ['fwd', 'bwd']) {
      const bias = Array.from(weight(keras, `lstm_0_${dir}/bias`).dataSync());
      expect(bias.slice(8, 16)).toEqual(Array(8).fill(1)); // the f block: forget bias 1
      expect(bias.filter((b) => b !== 0)).toHaveLength(8);
    }
    const hp = tiny(pytorchChoices);
    const torch = build(data, hp);
    expect(maxAbs(weight(torch, 'embedding_0/embeddings'))).toBeGreaterThan(1.5); // N(0, 1)
    const limit = 1 / Math.sqrt(hp.units);
    for (const dir of ['fwd', 'bwd']) {
      for (const name of ['kernel', 'recurrent_kernel', 'bias', 'recurrent_bias']) {
        const v = weight(torch, `lstm_0_${dir}/${name}`);
        expect(maxAbs(v), name).toBeLessThanOrEqual(limit); // forget bias 0: the f block too
        expect(maxAbs(v), name).toBeGreaterThan(0.8 * limit);
      }
    }
    keras.dispose();
    torch.dispose();
  });

  it('give a GRU PyTorch kernels without a second bias', async () => {
    const data = await uciData(tiny());
    const hp = tiny({ ...pytorchChoices, cell: 'gru', secondBias: undefined as never });
    expect(hp.secondBias).toBe(false);
    const gru = build(data, hp);
    expect(maxAbs(weight(gru, 'gru_0_fwd/recurrent_kernel'))).toBeLessThanOrEqual(
      1 / Math.sqrt(hp.units),
    );
    expect(maxAbs(weight(gru, 'gru_0_fwd/bias'))).toBeGreaterThan(0); // uniform too (Keras': zeros)
    gru.dispose();
  });

  it('refuse values out of range, with the choices and the fix', () => {
    expect(() => tiny({ embeddingInit: 'gauss' as never })).toThrow(
      'sentiment: expected embeddingInit to be one of uniform, normal, got',
    );
    expect(() => tiny({ kernelInit: 'xavier' as never })).toThrow(
      'sentiment: expected kernelInit to be one of keras, pytorch, got',
    );
    expect(() => tiny({ forgetBias: 2 })).toThrow(
      'sentiment: expected forgetBias to be an integer in [0, 1], got the number 2.',
    );
    expect(() => tiny({ adamEpsilon: 0 })).toThrow(
      'sentiment: expected adamEpsilon to be a number in (0, 1], got the number 0.',
    );
    expect(() => tiny({ cell: 'gru', secondBias: true })).toThrow(
      'sentiment: secondBias is an LSTM option, got cell "gru" with secondBias true. A GRU already trains an input and a recurrent bias; drop --second-bias.',
    );
    expect(() => tiny({ cell: 'rnn', secondBias: true })).toThrow(
      'Use --cell lstm, or drop --second-bias.',
    );
  });

  it("Adam's epsilon reaches the optimizer: 1 and 1e-8 train different weights", async () => {
    const data = await uciData(tiny());
    const final = async (adamEpsilon: number) => {
      const model = build(data, tiny({ adamEpsilon, warmupSteps: 0 }));
      await trainSentiment(model, data, { steps: 3, evalEvery: 1000 });
      const w = Array.from(weight(model, 'dense_0/kernel').dataSync());
      model.dispose();
      return w;
    };
    const [small, large] = [await final(1e-8), await final(1)];
    const moved = small.map((v, i) => Math.abs(v - large[i]!));
    expect(Math.max(...moved)).toBeGreaterThan(1e-3); // eps 1 damps Adam's first steps
  });

  it("train with PyTorch's choices: numTensors flat over 150 steps", async () => {
    const hp = tiny({ ...pytorchChoices, batchSize: 4, buckets: 1 });
    const data = await uciData(hp);
    const model = build(data, hp);
    await trainSentiment(model, data, { steps: 2, evalEvery: 1000 }); // kernels compiled
    const before = tf.memory().numTensors;
    const result = await trainSentiment(model, data, { steps: 150, evalEvery: 1000 });
    expect(tf.memory().numTensors).toBe(before);
    expect(result.losses.every(Number.isFinite)).toBe(true);
    model.dispose();
  }, 300_000);

  it('load a checkpoint written before these options existed as the model it saved', async () => {
    const data = await uciData(tiny());
    const old = build(data, tiny(kerasChoices));
    const saved: Record<string, unknown> = { ...old.hyperParameters };
    for (const key of Object.keys(kerasChoices)) delete saved[key]; // an older config.json
    const loaded = sentimentFromCheckpoint((await checkpointOf(old, saved)) as never);
    expect(loaded.hyperParameters).toMatchObject(kerasChoices);
    expect(loaded.variables.map((v) => v.name)).toEqual(old.variables.map((v) => v.name));
    old.dispose();
    loaded.dispose();
  });

  it('export and import the second bias under PyTorch names; an old export sums bias_hh in', async () => {
    const data = await uciData(tiny());
    const model = build(data, tiny({ ...pytorchChoices, layers: 2 }));
    const config = sentimentConfig(model);
    const original = await collectWeights(model.variables);
    const { stateDict } = sentimentPytorch.toPytorch(model);
    const sd = await collectWeights(stateDict);
    tf.dispose(Object.values(stateDict));
    model.dispose();
    const hh = sd.get('rnn.bias_hh_l1_reverse')!;
    expect(Array.from(hh.data)).toEqual(
      Array.from(original.get('lstm_1_bwd/recurrent_bias')!.data),
    );
    const back = await sentimentPytorch.fromPytorch(config, sd, 'export');
    for (const [name, r] of original)
      expect(Array.from(back.get(name)!.data), name).toEqual(Array.from(r.data));

    // An export whose config predates the options: one bias per layer, bias_ih + bias_hh.
    const saved: Record<string, unknown> = { ...(config.hyperParameters as object) };
    for (const key of Object.keys(kerasChoices)) delete saved[key];
    const legacy = await sentimentPytorch.fromPytorch(
      { ...config, hyperParameters: saved as never },
      sd,
      'old-export',
    );
    expect([...legacy.keys()].filter((k) => k.includes('recurrent_bias'))).toEqual([]);
    const bias = legacy.get('lstm_0_fwd/bias')!.data as Float32Array;
    const ih = original.get('lstm_0_fwd/bias')!.data as Float32Array;
    const second = original.get('lstm_0_fwd/recurrent_bias')!.data as Float32Array;
    for (let i = 0; i < bias.length; i++) expect(bias[i]).toBeCloseTo(ih[i]! + second[i]!, 6);
  });
});
