/**
 * One measurement of the `generate` suite, in its own child process: a char-LM of the
 * default preset's shape (untrained: speed does not depend on the weights) streams
 * `length` characters at batch 1 after a prime, sampling at temperature 0.8.
 *
 * - ours: `@recurrent/char-lm`'s `streamText` on `createCharLm` (the prime in one fused pass, then one
 *   stateful step per character through `@recurrent/decode`);
 * - tfjs-layers: a stateful `embedding -> lstm -> dense` model with batch input shape [1, 1],
 *   the way a tfjs-layers user streams: `predict` one character, read the probabilities,
 *   sample in JavaScript, feed it back (the prime character by character).
 */
import '@tensorflow/tfjs-layers';
import { selectBackend } from '@recurrent/backends';
import { createCharLm, resolveHyperParameters, streamText } from '@recurrent/char-lm';
import { Vocabulary } from '@recurrent/data';
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { registerChainedOps } from '../../register-chained-ops.js';
import {
  type GenerateResult,
  type GenerateSpec,
  generateWorkload as w,
} from './generate-config.js';

/** `recurrent train char-lm`'s default shape: embedding 64 -> LSTM 256 -> dense. */
const preset = resolveHyperParameters('default', {});

async function ours(
  spec: GenerateSpec,
  vocabulary: Vocabulary,
): Promise<{ first: number; total: number }> {
  const model = createCharLm({ vocabulary, hyperParameters: preset });
  try {
    const start = performance.now();
    let first = 0;
    let count = 0;
    for await (const _ of streamText(model, w.prime, {
      length: spec.length,
      temperature: w.temperature,
      seed: 1,
    })) {
      if (count === 0) first = performance.now() - start;
      count++;
    }
    return { first, total: performance.now() - start };
  } finally {
    model.dispose();
  }
}

/** Samples an index from probabilities sharpened by 1 / temperature (JavaScript, seeded). */
function sample(
  probs: Float32Array<ArrayBufferLike>,
  temperature: number,
  random: () => number,
): number {
  const weights = Array.from(probs, (p) => p ** (1 / temperature));
  let r = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r <= 0) return i;
  }
  return weights.length - 1;
}

async function layers(
  spec: GenerateSpec,
  vocabulary: Vocabulary,
): Promise<{ first: number; total: number }> {
  const model = tfl.sequential();
  model.add(
    tfl.layers.embedding({
      inputDim: vocabulary.size,
      outputDim: preset.embeddingDim,
      batchInputShape: [1, 1],
    }),
  );
  model.add(tfl.layers.lstm({ units: preset.units, stateful: true, returnSequences: false }));
  model.add(tfl.layers.dense({ units: vocabulary.size, activation: 'softmax' }));
  const rng = createRandom(1);
  const random = () => rng.next();
  const next = async (id: number): Promise<Float32Array<ArrayBufferLike>> => {
    const probs = tf.tidy(() => model.predict(tf.tensor2d([[id]], [1, 1], 'int32')) as tf.Tensor);
    const values = (await probs.data()) as Float32Array;
    probs.dispose();
    return values;
  };
  try {
    const start = performance.now();
    const primeIds = Array.from(w.prime, (c) => vocabulary.idOf(c));
    let probs: Float32Array<ArrayBufferLike> = new Float32Array();
    for (const id of primeIds) probs = await next(id);
    let first = 0;
    for (let i = 0; i < spec.length; i++) {
      const id = sample(probs, w.temperature, random);
      if (i === 0) first = performance.now() - start;
      if (i < spec.length - 1) probs = await next(id);
    }
    return { first, total: performance.now() - start };
  } finally {
    model.dispose();
  }
}

export async function runGenerateCase(spec: GenerateSpec): Promise<GenerateResult> {
  registerChainedOps(); // tfjs-layers needs them
  const selection = await selectBackend(spec.backend);
  const vocabulary = Vocabulary.fromTokens(w.alphabet);
  const run = spec.impl === 'ours' ? ours : layers;
  await run({ ...spec, length: 5 }, vocabulary); // warm-up: kernels compiled, weights built
  const before = tf.memory().numTensors;
  const { first, total } = await run(spec, vocabulary);
  return {
    charsPerSecond: (spec.length / total) * 1000,
    firstCharMs: first,
    backendDetail: selection.detail ?? selection.name,
    tensorDrift: tf.memory().numTensors - before,
  };
}
