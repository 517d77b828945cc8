import '@tensorflow/tfjs-backend-cpu';
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from './generate.js';
import type { Stepper } from './stepper.js';
import { streamTokens } from './stream-tokens.js';
import { randomTable, secondOrderStepper } from './test-utils/second-order-stepper.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('decoding leaks no tensors', () => {
  it('streaming 10,000 tokens keeps numTensors flat', async () => {
    const s = secondOrderStepper(randomTable(12, createRandom(31).next));
    const state = s.initialState([0]);
    const before = tf.memory().numTensors;
    let count = 0;
    let maxDuring = 0;
    for await (const _ of streamTokens(s, {
      start: 1,
      initialState: state,
      maxLength: 10_000,
      topK: 5,
      seed: 2,
    })) {
      count++;
      if (count % 1000 === 0) maxDuring = Math.max(maxDuring, tf.memory().numTensors - before);
    }
    expect(count).toBe(10_000);
    expect(s.steps).toBe(10_000);
    expect(maxDuring).toBeLessThanOrEqual(1); // only the current state is alive between steps
    expect(tf.memory().numTensors).toBe(before);
    state.dispose();
    s.dispose();
  });

  it('state tensors carried through unchanged (e.g. image features) are not disposed early', async () => {
    // State { features, step }: features is the caller's tensor, passed through every step.
    const features = tf.tensor2d([[1, 2, 3]]); // [1, 3]
    const stepper: Stepper<{ features: tf.Tensor2D; step: tf.Tensor1D }> = {
      step(tokens, state) {
        const logits = tf.tidy(
          () => tf.add(state.features, tf.scalar(tokens[0] as number)) as tf.Tensor2D,
        ); // [1, 3]
        return {
          logits,
          state: { features: state.features, step: tf.add(state.step, 1) as tf.Tensor1D },
        };
      },
    };
    const initialState = { features, step: tf.tensor1d([0]) };
    const before = tf.memory().numTensors;
    const out = await generate(stepper, { start: 0, initialState, maxLength: 50, temperature: 0 });
    expect(out.tokens[0]).toHaveLength(50);
    expect(features.isDisposed).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([features, initialState.step]);
  });

  it('a stepper that throws midway leaks nothing', async () => {
    const s = secondOrderStepper(randomTable(5, createRandom(2).next));
    let calls = 0;
    const failing = {
      ...s,
      step: (t: Int32Array, st: tf.Tensor1D) =>
        ++calls === 7
          ? (() => {
              throw new Error('boom');
            })()
          : s.step(t, st),
    };
    const state = s.initialState([0]);
    const before = tf.memory().numTensors;
    await expect(
      generate(failing, { start: 1, initialState: state, maxLength: 20 }),
    ).rejects.toThrow('boom');
    expect(tf.memory().numTensors).toBe(before);
    state.dispose();
    s.dispose();
  });
});
