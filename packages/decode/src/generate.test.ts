import '@tensorflow/tfjs-backend-cpu';
import { ConfigError, ShapeError } from '@recurrent/errors';
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, greedy, sample } from './generate.js';
import { markovStepper } from './markov-stepper.js';
import { streamTokens } from './stream-tokens.js';
import { randomTable, secondOrderStepper } from './test-utils/second-order-stepper.js';

const L = Math.log;
const NO = Number.NEGATIVE_INFINITY;
// 0 = start, 1 = A, 2 = B, 3 = END. start -> A .6 / B .4; A -> A .45 / B .3 / END .25;
// B -> END .9 / A .05 / B .05; END -> END.
const chain = [
  [NO, L(0.6), L(0.4), NO],
  [NO, L(0.45), L(0.3), L(0.25)],
  [NO, L(0.05), L(0.05), L(0.9)],
  [NO, NO, NO, 0],
];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('greedy / generate', () => {
  it('greedy follows the argmax chain (hand-checked)', async () => {
    // start -> A (.6) -> A (.45) -> A ...: never END because A -> A beats A -> END.
    expect(
      await greedy(markovStepper(chain), {
        start: 0,
        initialState: null,
        maxLength: 4,
        endToken: 3,
      }),
    ).toEqual({
      tokens: [[1, 1, 1, 1]],
      finished: [false],
    });
    // From B the argmax is END: the row stops and the end token is included.
    expect(
      await greedy(markovStepper(chain), {
        start: 2,
        initialState: null,
        maxLength: 9,
        endToken: 3,
      }),
    ).toEqual({
      tokens: [[3]],
      finished: [true],
    });
  });

  it('a batch of rows gives the same as each row alone, and stops rows independently', async () => {
    const stepper = markovStepper(chain);
    const batch = await greedy(stepper, {
      start: [0, 2, 1],
      initialState: null,
      maxLength: 3,
      endToken: 3,
    });
    expect(batch.tokens).toEqual([[1, 1, 1], [3], [1, 1, 1]]);
    expect(batch.finished).toEqual([false, true, false]);
    const rng = createRandom(3);
    const table = randomTable(5, () => rng.next());
    const s = secondOrderStepper(table);
    const state = s.initialState([0, 1, 2]);
    const together = await greedy(s, { start: [4, 3, 2], initialState: state, maxLength: 6 });
    for (const [row, [prev, start]] of [
      [0, 4],
      [1, 3],
      [2, 2],
    ].entries()) {
      const alone = s.initialState([prev as number]);
      const one = await greedy(s, { start: start as number, initialState: alone, maxLength: 6 });
      expect(together.tokens[row]).toEqual(one.tokens[0]);
      alone.dispose();
    }
    state.dispose();
    s.dispose();
  });

  it('sampling is seeded: same seed same tokens, other seed other tokens', async () => {
    const uniform = markovStepper(Array.from({ length: 20 }, () => new Array(20).fill(0)));
    const opts = { start: 0, initialState: null, maxLength: 40, temperature: 1, topK: 10 };
    const a = await sample(uniform, { ...opts, seed: 7 });
    const b = await generate(uniform, { ...opts, seed: 7 });
    const c = await sample(uniform, { ...opts, seed: 8 });
    expect(a).toEqual(b);
    expect(a.tokens[0]).not.toEqual(c.tokens[0]);
    // A shared rng advances: two calls differ; replaying its state repeats them.
    const rng = createRandom(1);
    const saved = rng.getState();
    const first = await sample(uniform, { ...opts, rng });
    const second = await sample(uniform, { ...opts, rng });
    expect(first.tokens[0]).not.toEqual(second.tokens[0]);
    rng.setState(saved);
    expect(await sample(uniform, { ...opts, rng })).toEqual(first);
    // temperature 0 is greedy whatever the seed.
    expect(
      await generate(markovStepper(chain), {
        start: 0,
        initialState: null,
        maxLength: 3,
        temperature: 0,
        seed: 5,
      }),
    ).toEqual(await greedy(markovStepper(chain), { start: 0, initialState: null, maxLength: 3 }));
  });

  it('samples with the chain probabilities (first token: A .6, B .4)', async () => {
    const rng = createRandom(21);
    let a = 0;
    const n = 2000;
    for (let i = 0; i < n; i++) {
      const r = await sample(markovStepper(chain), {
        start: 0,
        initialState: null,
        maxLength: 1,
        rng,
      });
      if (r.tokens[0]?.[0] === 1) a++;
    }
    expect(Math.abs(a / n - 0.6)).toBeLessThan(4.5 * Math.sqrt((0.6 * 0.4) / n));
  });

  it('streams one token at a time, in order, and onToken sees the same', async () => {
    const seen: string[] = [];
    for await (const e of streamTokens(markovStepper(chain), {
      start: [0, 2],
      initialState: null,
      maxLength: 2,
      endToken: 3,
      temperature: 0,
    })) {
      seen.push(`${e.step}:${e.row}:${e.token}:${e.finished}`);
    }
    expect(seen).toEqual(['0:0:1:false', '0:1:3:true', '1:0:1:false']);
    const called: number[] = [];
    await greedy(markovStepper(chain), {
      start: 0,
      initialState: null,
      maxLength: 3,
      onToken: (e) => called.push(e.token),
    });
    expect(called).toEqual([1, 1, 1]);
  });

  it('never disposes the caller initial state, frees its own, and stops on abort', async () => {
    const s = secondOrderStepper(randomTable(4, createRandom(4).next));
    const state = s.initialState([1]);
    const before = tf.memory().numTensors;
    await greedy(s, { start: 0, initialState: state, maxLength: 20 });
    expect(state.isDisposed).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
    // Abort after 5 tokens: the loop throws the reason and leaks nothing.
    const controller = new AbortController();
    let count = 0;
    await expect(async () => {
      for await (const _ of streamTokens(s, {
        start: 0,
        initialState: state,
        maxLength: 50,
        signal: controller.signal,
      })) {
        if (++count === 5) controller.abort(new Error('user stopped'));
      }
    }).rejects.toThrow('user stopped');
    expect(count).toBe(5);
    expect(tf.memory().numTensors).toBe(before);
    // An early break frees the current state too.
    for await (const e of streamTokens(s, { start: 0, initialState: state, maxLength: 50 }))
      if (e.step === 3) break;
    expect(tf.memory().numTensors).toBe(before);
    state.dispose();
    s.dispose();
  });

  it('rejects bad options and bad logits with clear messages', async () => {
    const m = markovStepper(chain);
    await expect(greedy(m, { start: [], initialState: null })).rejects.toThrow(ConfigError);
    await expect(greedy(m, { start: 0.5, initialState: null })).rejects.toThrow(
      'streamTokens: expected start tokens to be integers >= 0, got 0.5 at row 0.',
    );
    await expect(greedy(m, { start: 0, initialState: null, maxLength: 0 })).rejects.toThrow(
      'expected maxLength to be an integer >= 1, got 0.',
    );
    await expect(generate(m, { start: 0, initialState: null, temperature: -1 })).rejects.toThrow(
      'expected temperature',
    );
    const wrong = {
      step: (tokens: Int32Array, state: null) => ({
        logits: tf.zeros([tokens.length + 1, 4]) as tf.Tensor2D,
        state,
      }),
    };
    const before = tf.memory().numTensors;
    await expect(greedy(wrong, { start: 0, initialState: null })).rejects.toThrow(ShapeError);
    await expect(greedy(wrong, { start: 0, initialState: null })).rejects.toThrow(
      'streamTokens: expected stepper.step to return logits of shape [1, vocab] (one row per input token), got [2, 4].',
    );
    expect(tf.memory().numTensors).toBe(before); // the bad logits were disposed
  });
});
