import '@tensorflow/tfjs-backend-cpu';
import { ConfigError } from '@recurrent/errors';
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Beam, beamSearch } from './beam-search.js';
import { greedy } from './generate.js';
import { markovStepper } from './markov-stepper.js';
import type { BeamStepper } from './stepper.js';
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

const summary = (beams: Beam[]) => beams.map((b) => ({ tokens: b.tokens, finished: b.finished }));

describe('beamSearch', () => {
  it('finds a more probable sequence than greedy (hand-checked)', async () => {
    // Greedy: A (.6), A (.45), A (.45) ... never END: p(A A A) = .1215 after 3 tokens.
    const g = await greedy(markovStepper(chain), {
      start: 0,
      initialState: null,
      maxLength: 3,
      endToken: 3,
    });
    expect(g.tokens[0]).toEqual([1, 1, 1]);
    // Beam k = 2. Step 1: beams A .6, B .4. Step 2: B END .36 (finished), A A .27, A B .18,
    // A END .15 (rank 3 >= k: dropped). Step 3: A B END .162 (finished), A A A .1215, A A B .081.
    // Two finished, and no live beam (best .1215) can beat .162: stop.
    const [beams] = (await beamSearch(markovStepper(chain), {
      start: 0,
      initialState: null,
      beamWidth: 2,
      maxLength: 10,
      endToken: 3,
    })) as [Beam[]];
    expect(summary(beams)).toEqual([
      { tokens: [2, 3], finished: true },
      { tokens: [1, 2, 3], finished: true },
    ]);
    expect(beams[0]?.logProb).toBeCloseTo(L(0.36), 6); // float32 logits: 6 digits
    expect(beams[1]?.logProb).toBeCloseTo(L(0.162), 6);
    expect(beams[0]?.score).toBe(beams[0]?.logProb); // lengthPenalty 0: score = logProb
  });

  it('length normalisation re-ranks by mean log-probability (hand-checked)', async () => {
    // 0 = start, 1 = A, 2 = END. start -> END .5, A .45, start .05; A -> END 1.
    // [END]: p .5; [A, END]: p .45 but mean log-prob ln(.45)/2 = -0.399 > ln(.5) = -0.693.
    const c = [
      [L(0.05), L(0.45), L(0.5)],
      [NO, NO, 0],
      [NO, NO, 0],
    ];
    const opts = { start: 0, initialState: null, beamWidth: 2, maxLength: 3, endToken: 2 };
    const [plain] = (await beamSearch(markovStepper(c), opts)) as [Beam[]];
    expect(summary(plain).map((b) => b.tokens)).toEqual([[2], [1, 2]]);
    const [normed] = (await beamSearch(markovStepper(c), { ...opts, lengthPenalty: 1 })) as [
      Beam[],
    ];
    expect(normed.map((b) => b.tokens)).toEqual([[1, 2], [2]]);
    expect(normed[0]?.score).toBeCloseTo(L(0.45) / 2, 6);
    expect(normed[1]?.score).toBeCloseTo(L(0.5), 6);
  });

  it('with a beam wide enough to be exhaustive, equals brute-force enumeration', async () => {
    const rng = createRandom(17);
    const s = secondOrderStepper(randomTable(4, () => rng.next(), 1.5));
    const end = 3;
    const maxLength = 4;
    // Every sequence that ends at END, or reaches maxLength without it.
    const all: number[][] = [];
    const grow = (prefix: number[]): void => {
      for (let t = 0; t < 4; t++) {
        const seq = [...prefix, t];
        if (t === end || seq.length === maxLength) all.push(seq);
        else grow(seq);
      }
    };
    grow([]);
    expect(all).toHaveLength(1 + 3 + 9 + 27 + 81);
    for (const alpha of [0, 0.7]) {
      const expected = all
        .map((tokens) => {
          const logProb = s.logProbOf(2, 1, tokens);
          return { tokens, score: logProb / tokens.length ** alpha };
        })
        .sort((a, b) => b.score - a.score);
      const state = s.initialState([2]);
      const [beams] = (await beamSearch(s, {
        start: 1,
        initialState: state,
        beamWidth: 256,
        maxLength,
        endToken: end,
        lengthPenalty: alpha,
      })) as [Beam[]];
      state.dispose();
      // Same sequences, same ranking (scores agree to float32 precision; near-ties may swap).
      const key = (t: number[]) => t.join(',');
      expect(new Set(beams.map((b) => key(b.tokens)))).toEqual(
        new Set(expected.map((e) => key(e.tokens))),
      );
      expect(beams).toHaveLength(expected.length);
      beams.forEach((b, i) => {
        expect(b.score).toBeCloseTo(expected[i]?.score as number, 5);
        expect(b.score).toBeCloseTo(s.logProbOf(2, 1, b.tokens) / b.tokens.length ** alpha, 5);
        expect(b.finished).toBe(b.tokens.at(-1) === end);
      });
      expect(beams.slice(0, 10).map((b) => b.tokens)).toEqual(
        expected.slice(0, 10).map((e) => e.tokens),
      );
    }
    s.dispose();
  });

  it('width 1 without length penalty is greedy; rows in a batch equal rows alone', async () => {
    const rng = createRandom(23);
    for (let trial = 0; trial < 5; trial++) {
      const s = secondOrderStepper(randomTable(6, () => rng.next(), 3));
      const state = s.initialState([1, 4, 0]);
      const opts = { start: [2, 3, 5], initialState: state, maxLength: 8, endToken: 0 };
      const g = await greedy(s, opts);
      const b1 = await beamSearch(s, { ...opts, beamWidth: 1 });
      expect(b1.map((beams) => beams[0]?.tokens)).toEqual(g.tokens);
      const together = await beamSearch(s, { ...opts, beamWidth: 3 });
      for (const [row, [prev, start]] of [
        [1, 2],
        [4, 3],
        [0, 5],
      ].entries()) {
        const alone = s.initialState([prev as number]);
        const [one] = await beamSearch(s, {
          ...opts,
          start: start as number,
          initialState: alone,
          beamWidth: 3,
        });
        expect(summary(together[row] as Beam[])).toEqual(summary(one as Beam[]));
        alone.dispose();
      }
      state.dispose();
      s.dispose();
    }
  });

  it('leaks no tensor and keeps the caller initial state', async () => {
    const s = secondOrderStepper(randomTable(8, createRandom(5).next));
    const state = s.initialState([0, 1]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      await beamSearch(s, {
        start: [3, 4],
        initialState: state,
        beamWidth: 4,
        maxLength: 12,
        endToken: 7,
      });
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(state.isDisposed).toBe(false);
    state.dispose();
    s.dispose();
  });

  it('returns unfinished beams at maxLength when no end token is set', async () => {
    const [beams] = (await beamSearch(markovStepper(chain), {
      start: 0,
      initialState: null,
      beamWidth: 2,
      maxLength: 2,
    })) as [Beam[]];
    // Best two-token sequences: B END .36, A A .27.
    expect(summary(beams)).toEqual([
      { tokens: [2, 3], finished: false },
      { tokens: [1, 1], finished: false },
    ]);
  });

  it('rejects a stepper without selectRows and bad options', async () => {
    const noSelect = { step: markovStepper(chain).step } as unknown as BeamStepper<null>;
    await expect(beamSearch(noSelect, { start: 0, initialState: null })).rejects.toThrow(
      ConfigError,
    );
    await expect(beamSearch(noSelect, { start: 0, initialState: null })).rejects.toThrow(
      'beamSearch: expected a stepper with step(tokens, state) and selectRows(state, rows) methods.',
    );
    await expect(
      beamSearch(markovStepper(chain), { start: 0, initialState: null, beamWidth: 0 }),
    ).rejects.toThrow('beamSearch: expected beamWidth to be an integer >= 1, got 0.');
    await expect(
      beamSearch(markovStepper(chain), { start: 0, initialState: null, lengthPenalty: -1 }),
    ).rejects.toThrow('expected lengthPenalty (alpha) to be a finite number >= 0, got -1.');
  });
});
