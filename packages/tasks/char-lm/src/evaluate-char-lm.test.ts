import { selectBackend } from '@recurrent/backends';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCharLm } from './create-char-lm.js';
import { evaluateCharLm } from './evaluate-char-lm.js';
import { prepareCharLmData } from './prepare-char-lm-data.js';
import { resolveHyperParameters } from './resolve-hyper-parameters.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** Reference: one pass over the whole text, one lane, no chunks: sum of -log p(next). */
function referenceNats(model: ReturnType<typeof createCharLm>, ids: Int32Array): number {
  return tf.tidy(() => {
    const x = tf.tensor2d(ids.slice(0, -1), [1, ids.length - 1], 'int32'); // [1, n-1]
    const { logits } = model.forward(x); // [1, n-1, vocab]
    const logp = tf.logSoftmax(logits); // [1, n-1, vocab]
    const picked = tf.mul(
      logp,
      tf.oneHot(tf.tensor2d(ids.slice(1), [1, ids.length - 1], 'int32'), model.vocabSize),
    );
    return -tf.sum(picked).dataSync()[0]!;
  });
}

describe('evaluateCharLm', () => {
  it('scores every character after the first (249 characters: 248 predictions, not 128)', async () => {
    const data = await prepareCharLmData('abcdefghij klmno. '.repeat(30), {
      validationFraction: 0.2,
    });
    const model = createCharLm({
      vocabulary: data.vocabulary,
      hyperParameters: resolveHyperParameters('tiny', { units: 8, embeddingDim: 4 }),
    });
    const ids = Int32Array.from(data.train.slice(0, 249));
    const chunked = await evaluateCharLm(model, ids, { lanes: 1, timeSteps: 7 });
    expect(chunked.characters).toBe(248);
    const whole = referenceNats(model, ids) / 248;
    expect(Math.abs(chunked.valLoss - whole)).toBeLessThan(1e-5); // the state carries across chunks
    const wide = await evaluateCharLm(model, ids, { lanes: 4, timeSteps: 16 });
    expect(wide.characters).toBe(248); // the short last lane's padding is masked out
    expect(Number.isFinite(wide.valLoss)).toBe(true);
    const before = tf.memory().numTensors;
    await evaluateCharLm(model, ids, { lanes: 3, timeSteps: 5 });
    expect(tf.memory().numTensors).toBe(before);
    await expect(evaluateCharLm(model, ids.slice(0, 1))).rejects.toThrow(
      'evaluateCharLm: expected at least 2 ids (the first is only context), got 1.',
    );
    model.dispose();
  });
});
