import '@tensorflow/tfjs-backend-cpu';
import { ConfigError, DataFormatError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { markovStepper } from './markov-stepper.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('markovStepper', () => {
  it('returns the table row of each input token as logits', () => {
    const m = markovStepper([
      [0, 1],
      [2, 3],
    ]);
    const { logits, state } = m.step(Int32Array.from([1, 0, 1]), null);
    expect(logits.shape).toEqual([3, 2]);
    expect(logits.arraySync()).toEqual([
      [2, 3],
      [0, 1],
      [2, 3],
    ]);
    expect(state).toBeNull();
    logits.dispose();
  });

  it('rejects a non-square table and out-of-range tokens', () => {
    expect(() => markovStepper([[0, 1]])).toThrow(ConfigError);
    expect(() => markovStepper([[0, 1]])).toThrow(
      'markovStepper: expected a square [vocab, vocab] table',
    );
    expect(() => markovStepper([[0]]).step(Int32Array.from([1]), null)).toThrow(DataFormatError);
    expect(() => markovStepper([[0]]).step(Int32Array.from([1]), null)).toThrow(
      'markovStepper.step: expected tokens in [0, 1), got 1 at row 0.',
    );
  });
});
