/**
 * The init and optimiser hyper-parameters of issue #19's defaults study on the clinical
 * model: the kernel init reaches the GRU and LSTM (GRU-D keeps Keras' only, and says so), the
 * LSTM's forget bias and second bias reach it, Adam's epsilon reaches training, bad values
 * are refused with what was expected, training with PyTorch's choices leaves numTensors
 * flat, and a checkpoint or PyTorch export saved before these options existed loads as the
 * model it saved.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { selectBackend } from '@recurrent/backends';
import { collectWeights } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { clinicalConfig, clinicalFromCheckpoint } from './clinical-config.js';
import type { ClinicalHyperParameters } from './clinical-defaults.js';
import { clinicalPytorch } from './clinical-pytorch.js';
import { type ClinicalModel, createClinicalModel } from './create-clinical-model.js';
import { physionetTimeSeries } from './physionet-variables.js';
import { prepareClinicalData } from './prepare-clinical-data.js';
import { resolveClinicalHyperParameters } from './resolve-clinical-hyper-parameters.js';
import { createFoldModel, trainFold } from './train-fold.js';

/** Keras' choices: the defaults before the study. */
const kerasChoices: Partial<ClinicalHyperParameters> = {
  kernelInit: 'keras',
  forgetBias: 1,
  secondBias: false,
  adamEpsilon: 1e-7,
};
/** PyTorch's choices (nn.LSTM / nn.GRU, torch.optim.Adam). */
const pytorchChoices: Partial<ClinicalHyperParameters> = {
  kernelInit: 'pytorch',
  forgetBias: 0,
  secondBias: true,
  adamEpsilon: 1e-8,
};

beforeAll(() => selectBackend('wasm'));

const V = physionetTimeSeries.length;
const normalizer = {
  log: new Array(V).fill(0),
  mean: new Array(V).fill(0),
  std: new Array(V).fill(1),
  staticMean: [0, 0, 0],
  staticStd: [1, 1, 1],
  clip: 5,
  fittedOn: 1,
};
const tiny = (over: Partial<ClinicalHyperParameters>) =>
  resolveClinicalHyperParameters('tiny', { units: 8, ...over });
const build = (hp: ClinicalHyperParameters) =>
  createClinicalModel({ hyperParameters: hp, normalizer, positiveWeight: 1 });
const weight = (model: ClinicalModel, name: string) => {
  const found = model.variables.find((v) => v.name === name);
  if (!found) throw new Error(`no weight ${name} in ${model.variables.map((v) => v.name)}`);
  return found.variable;
};
const maxAbs = (t: tf.Tensor) => Math.max(...Array.from(t.dataSync(), Math.abs));
const withoutNewKeys = (config: Record<string, unknown>) => {
  const saved: Record<string, unknown> = { ...(config.hyperParameters as object) };
  for (const key of Object.keys(kerasChoices)) delete saved[key]; // an older config.json
  return { ...config, hyperParameters: saved };
};

describe('clinical init options', () => {
  it("build Keras' or PyTorch's LSTM and GRU as asked", () => {
    // the defaults stay Keras' (measured 2026-12-02: AUROC 0.884 ± 0.005 either way, README)
    expect(resolveClinicalHyperParameters()).toMatchObject(kerasChoices);
    const keras = build(tiny({ ...kerasChoices, cell: 'lstm' }));
    expect(keras.variables.map((v) => v.name)).not.toContain('lstm_0/recurrent_bias');
    const bias = Array.from(weight(keras, 'lstm_0/bias').dataSync());
    expect(bias.slice(8, 16)).toEqual(Array(8).fill(1)); // the f block: forget bias 1
    expect(bias.filter((b) => b !== 0)).toHaveLength(8);
    const limit = 1 / Math.sqrt(8);
    const lstm = build(tiny({ ...pytorchChoices, cell: 'lstm' }));
    for (const name of ['kernel', 'recurrent_kernel', 'bias', 'recurrent_bias']) {
      const v = weight(lstm, `lstm_0/${name}`);
      expect(maxAbs(v), name).toBeLessThanOrEqual(limit); // forget bias 0: the f block too
      expect(maxAbs(v), name).toBeGreaterThan(0.8 * limit);
    }
    const gru = build(tiny({ ...pytorchChoices, cell: 'gru', secondBias: false }));
    for (const name of ['kernel', 'recurrent_kernel', 'bias']) {
      expect(maxAbs(weight(gru, `gru_0/${name}`)), name).toBeLessThanOrEqual(limit);
      expect(maxAbs(weight(gru, `gru_0/${name}`)), name).toBeGreaterThan(0.8 * limit);
    }
    const kerasGru = build(tiny({ ...kerasChoices, cell: 'gru' }));
    expect(maxAbs(weight(kerasGru, 'gru_0/bias'))).toBe(0); // Keras: zero biases
    for (const m of [keras, lstm, gru, kerasGru]) m.dispose();
  });

  it('keep GRU-D on the init it has, drop the default second bias for GRUs', () => {
    expect(resolveClinicalHyperParameters('gru-d')).toMatchObject({
      kernelInit: 'keras',
      secondBias: false,
    });
    expect(resolveClinicalHyperParameters('default', { cell: 'gru' }).secondBias).toBe(false);
  });

  it('refuse values out of range and options the cell has not, with the fix', () => {
    expect(() => tiny({ kernelInit: 'xavier' as never })).toThrow(
      'clinical: expected kernelInit to be one of keras, pytorch, got',
    );
    expect(() => tiny({ forgetBias: 2 })).toThrow(
      'clinical: expected forgetBias to be an integer in [0, 1], got the number 2.',
    );
    expect(() => tiny({ adamEpsilon: 0 })).toThrow(
      'clinical: expected adamEpsilon to be a number in (0, 1], got the number 0.',
    );
    expect(() => tiny({ cell: 'gru', secondBias: true })).toThrow(
      'clinical: secondBias is an LSTM option, got cell "gru" with secondBias true. A GRU already trains an input and a recurrent bias; drop --second-bias or use --cell lstm.',
    );
    expect(() => tiny({ cell: 'gru-d', kernelInit: 'pytorch' })).toThrow(
      'clinical: kernelInit "pytorch" is not available for cell "gru-d" (its kernels start Glorot + orthogonal, Keras\' init), got kernelInit "pytorch". Use --kernel-init keras, or --cell gru / lstm for PyTorch\'s init.',
    );
  });

  it("Adam's epsilon reaches the optimizer: 1 and 1e-8 train different weights", async () => {
    const final = async (adamEpsilon: number) => {
      const hp = tiny({ adamEpsilon, stepHours: 6, units: 4, batchSize: 8, warmupSteps: 0 });
      const data = await prepareClinicalData({ folds: 2, stays: 60 }, hp);
      const model = createFoldModel(data, 0);
      await trainFold(model, data, 0, { steps: 4, evalEvery: 4 });
      const w = Array.from(weight(model, 'dense_0/kernel').dataSync());
      model.dispose();
      return w;
    };
    const [small, large] = [await final(1e-8), await final(1)];
    const moved = small.map((v, i) => Math.abs(v - large[i]!));
    expect(Math.max(...moved)).toBeGreaterThan(1e-4); // eps 1 damps Adam's steps
  }, 300_000);

  it("train an LSTM with PyTorch's choices: numTensors flat over 300 steps", async () => {
    const hp = tiny({ ...pytorchChoices, cell: 'lstm', stepHours: 6, units: 4, batchSize: 8 });
    const data = await prepareClinicalData({ folds: 2, stays: 120 }, hp);
    const model = createFoldModel(data, 0);
    const counts: number[] = [];
    await trainFold(model, data, 0, {
      steps: 300,
      evalEvery: 100,
      onProgress: (e) => {
        if (e.kind === 'step' && e.step % 50 === 0) counts.push(tf.memory().numTensors);
      },
    });
    expect(counts.length).toBe(6);
    // from step 150 on, the first evaluation (step 100) holds one copy of the best weights
    expect(counts[2]! - counts[0]!).toBe(model.variables.length);
    expect(new Set(counts.slice(2)).size).toBe(1);
    model.dispose();
  }, 300_000);

  it('load a checkpoint written before these options existed as the model it saved', async () => {
    for (const cell of ['lstm', 'gru'] as const) {
      const old = build(tiny({ ...kerasChoices, cell }));
      const loaded = clinicalFromCheckpoint({
        location: 'old-run/best',
        formatVersion: 2,
        config: withoutNewKeys(clinicalConfig(old)),
        weights: await collectWeights(old.variables),
        optimizer: null,
        state: null,
        modelState: null,
        verified: true,
        unverifiedReason: null,
      } as never);
      expect(loaded.hyperParameters).toMatchObject(kerasChoices);
      expect(loaded.variables.map((v) => v.name)).toEqual(old.variables.map((v) => v.name));
      old.dispose();
      loaded.dispose();
    }
  });

  it('export and import the LSTM second bias under PyTorch names; an old export sums bias_hh in', async () => {
    const model = build(tiny({ ...pytorchChoices, cell: 'lstm' }));
    const config = clinicalConfig(model);
    const original = await collectWeights(model.variables);
    const { stateDict } = clinicalPytorch.toPytorch(model);
    const sd = await collectWeights(stateDict);
    tf.dispose(Object.values(stateDict));
    model.dispose();
    expect(Array.from(sd.get('rnn.bias_hh_l0')!.data)).toEqual(
      Array.from(original.get('lstm_0/recurrent_bias')!.data),
    );
    const back = await clinicalPytorch.fromPytorch(config, sd, 'export');
    for (const [name, r] of original)
      expect(Array.from(back.get(name)!.data), name).toEqual(Array.from(r.data));

    const legacy = await clinicalPytorch.fromPytorch(withoutNewKeys(config) as never, sd, 'old');
    expect([...legacy.keys()]).not.toContain('lstm_0/recurrent_bias');
    const bias = legacy.get('lstm_0/bias')!.data as Float32Array;
    const ih = original.get('lstm_0/bias')!.data as Float32Array;
    const hh = original.get('lstm_0/recurrent_bias')!.data as Float32Array;
    for (let i = 0; i < bias.length; i++) expect(bias[i]).toBeCloseTo(ih[i]! + hh[i]!, 6);
  });
});
