import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { toRows } from './batch.js';
import { lmWindows } from './lm-windows.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const stream = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe('lmWindows', () => {
  it('sequential: the char-rnn layout, x = data[0 .. B*K*T) viewed as [B, K*T]', () => {
    // N = 23, B = 2, T = 3: K = floor(22 / 6) = 3 chunks, lanes of 9 ids starting at 0 and 9
    const lm = lmWindows(stream(23), { batchSize: 2, timeSteps: 3 });
    expect(lm.stepsPerEpoch).toBe(3);
    expect(lm.report).toEqual({
      tokens: 23,
      laneLength: 9,
      stepsPerEpoch: 3,
      usedTokens: 18,
      unusedTokens: 5,
    });
    const chunks = [0, 1, 2].map((k) => lm.windowAt(k));
    expect(chunks.map((c) => toRows(c.ids, 3))).toEqual([
      [
        [0, 1, 2],
        [9, 10, 11],
      ],
      [
        [3, 4, 5],
        [12, 13, 14],
      ],
      [
        [6, 7, 8],
        [15, 16, 17],
      ],
    ]);
    expect(toRows(chunks[2]!.targets, 3)).toEqual([
      [7, 8, 9],
      [16, 17, 18],
    ]);
    expect(chunks.map((c) => c.resetState)).toEqual([true, false, false]);
    const next = lm.windowAt(3); // epoch 1 starts over, with a state reset
    expect(next.epoch).toBe(1);
    expect(next.resetState).toBe(true);
    expect(next.ids).toEqual(chunks[0]!.ids);
  });

  it('sequential: row b of chunk k+1 continues row b of chunk k (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 400 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 8 }),
        (n, batchSize, timeSteps) => {
          fc.pre(n - 1 >= batchSize * timeSteps);
          const lm = lmWindows(stream(n), { batchSize, timeSteps });
          for (let k = 0; k + 1 < lm.stepsPerEpoch; k++) {
            const a = lm.windowAt(k);
            const b = lm.windowAt(k + 1);
            expect(b.resetState).toBe(false);
            for (let r = 0; r < batchSize; r++) {
              const lastTarget = a.targets[r * timeSteps + timeSteps - 1]!;
              // stream[i] = i, so continuity means the next row starts where targets ended
              expect(b.ids[r * timeSteps]).toBe(lastTarget);
              for (let t = 0; t < timeSteps; t++) {
                expect(a.targets[r * timeSteps + t]).toBe(a.ids[r * timeSteps + t]! + 1);
              }
            }
          }
          expect(lm.offsetOf(lm.stepsPerEpoch - 1, batchSize - 1) + timeSteps).toBeLessThan(n);
        },
      ),
    );
  });

  it('random: seeded, pure per step, in range, resumable', () => {
    const lm = lmWindows(stream(1000), { batchSize: 4, timeSteps: 16, mode: 'random', seed: 5 });
    const again = lmWindows(stream(1000), { batchSize: 4, timeSteps: 16, mode: 'random', seed: 5 });
    const run = [...lm.windows({ steps: 20 })];
    expect([...again.windows({ startStep: 12, steps: 8 })]).toEqual(run.slice(12));
    expect(
      lmWindows(stream(1000), { batchSize: 4, timeSteps: 16, mode: 'random', seed: 6 }).windowAt(0)
        .ids,
    ).not.toEqual(run[0]!.ids);
    for (const w of run) {
      expect(w.resetState).toBe(true);
      for (let r = 0; r < 4; r++) {
        const start = w.ids[r * 16]!;
        expect(start).toBeGreaterThanOrEqual(0);
        expect(start + 16).toBeLessThanOrEqual(999);
        expect(w.targets[r * 16 + 15]).toBe(start + 16);
      }
    }
  });

  it('startStep option sets where iteration begins', () => {
    const lm = lmWindows(stream(200), { batchSize: 2, timeSteps: 4, startStep: 7 });
    const [first] = lm.windows({ steps: 1 });
    expect(first!.step).toBe(7);
    expect(first).toEqual(lm.windowAt(7));
  });

  it('rejects short, empty and out-of-vocabulary streams', () => {
    expect(() => lmWindows([], { batchSize: 1, timeSteps: 4 })).toThrow(
      /lmWindows: the token stream has 0 ids; a window needs timeSteps \+ 1 = 5. The corpus is empty/,
    );
    expect(() => lmWindows(stream(10), { batchSize: 4, timeSteps: 4 })).toThrow(
      /10 ids cannot fill 4 lanes of timeSteps 4 \(needs batchSize \* timeSteps \+ 1 = 17\)/,
    );
    expect(() => lmWindows([4, 5, 70, 6], { batchSize: 1, timeSteps: 2, vocabSize: 65 })).toThrow(
      /the token stream has the number 70 at position 2; expected an integer id in \[0, 65\)/,
    );
    expect(() => lmWindows(Int32Array.of(4, -2, 5, 6), { batchSize: 1, timeSteps: 2 })).toThrow(
      /the token stream has the number -2 at position 1; expected a non-negative integer id/,
    );
    expect(() => lmWindows(stream(10), { batchSize: 1, timeSteps: 0 })).toThrow(
      /expected timeSteps to be an integer >= 1, got the number 0/,
    );
  });

  it('1,000 tensor batches leave tf.memory().numTensors where it started', () => {
    const lm = lmWindows(stream(5000), { batchSize: 4, timeSteps: 8, mode: 'random', seed: 1 });
    const before = tf.memory().numTensors;
    let count = 0;
    for (const batch of lm.batches({ steps: 1000 })) {
      expect(batch.ids.shape).toEqual([4, 8]);
      expect(batch.targets.shape).toEqual([4, 8]);
      batch.dispose();
      count++;
    }
    expect(count).toBe(1000);
    expect(tf.memory().numTensors).toBe(before);
  });
});
