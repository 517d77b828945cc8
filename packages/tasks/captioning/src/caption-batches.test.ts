/**
 * Training batches: a pure function of the step, and word dropout replaces only the words the
 * decoder reads (never `<bos>`, never a target, never padding) by `<unk>`, at about the asked
 * rate, while p = 0 gives the batches of before the option existed.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { captionBatchAt } from './caption-batches.js';
import { prepareCaptioningData } from './prepare-captioning-data.js';
import { resolveCaptioningHyperParameters } from './resolve-captioning-hyper-parameters.js';

beforeAll(() => tf.setBackend('cpu'));

const hp = resolveCaptioningHyperParameters('tiny');
const data = prepareCaptioningData({ scenes: 64, validationScenes: 8, heldOutScenes: 8 }, hp);
const read = (step: number, p?: number) => {
  const b = captionBatchAt(data, step, 16, 7, p);
  const out = {
    inputs: Array.from(b.inputs.dataSync()),
    targets: Array.from(b.targets.dataSync()),
    mask: Array.from(b.mask.dataSync()),
    images: Array.from(b.images.dataSync()),
    time: b.inputs.shape[1],
  };
  b.dispose();
  return out;
};

describe('captionBatchAt', () => {
  it('is a pure function of the step; word dropout 0 is the batch without the option', () => {
    expect(read(3)).toEqual(read(3));
    expect(read(3, 0)).toEqual(read(3));
    expect(read(3).inputs).not.toEqual(read(4).inputs);
  });

  it('word dropout turns only read words into <unk>, at about the asked rate, the same each time', () => {
    const { unkId, bosId } = data.vocabulary;
    let words = 0;
    let dropped = 0;
    for (let step = 0; step < 20; step++) {
      const plain = read(step);
      const noisy = read(step, 0.25);
      expect(noisy).toEqual(read(step, 0.25));
      expect(noisy.targets).toEqual(plain.targets);
      expect(noisy.mask).toEqual(plain.mask);
      expect(noisy.images).toEqual(plain.images);
      noisy.inputs.forEach((id, i) => {
        const t = i % noisy.time;
        if (t === 0) expect(id).toBe(bosId);
        if (id === plain.inputs[i]) return;
        expect(id).toBe(unkId); // a changed position became <unk>
        expect(plain.mask[i]).toBe(1); // ... and was a word the decoder reads, not padding
      });
      for (let i = 0; i < plain.inputs.length; i++) {
        if (i % plain.time === 0 || plain.mask[i] === 0) continue;
        words++;
        if (noisy.inputs[i] !== plain.inputs[i]) dropped++;
      }
    }
    expect(tf.memory().numTensors).toBe(0);
    expect(dropped / words).toBeGreaterThan(0.2);
    expect(dropped / words).toBeLessThan(0.3);
  });

  it('refuses a word dropout of 1 or more with the bounds', () => {
    expect(() => resolveCaptioningHyperParameters('default', { wordDropout: 1 })).toThrow(
      /wordDropout/,
    );
  });
});
