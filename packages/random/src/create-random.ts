/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32) whose whole
 * state is four 32-bit integers, so it can be saved in a checkpoint and restored exactly.
 * Same seed, same numbers, in Node and in every browser.
 *
 * @example
 * const rng = createRandom(42);
 * rng.next();          // 0.7107... in [0, 1)
 * rng.int(10);         // an integer in [0, 10)
 * const saved = rng.getState();
 * rng.setState(saved); // replay from here
 */
import { ConfigError } from '@recurrent/errors';

export type RandomState = readonly [number, number, number, number];

export interface Random {
  /** A float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** A standard normal sample (Box-Muller). */
  normal(): number;
  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
  /** A new generator seeded from this one (for independent streams). */
  fork(): Random;
  /** The four 32-bit words of the state; `setState` restores them exactly. */
  getState(): RandomState;
  setState(state: RandomState): void;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRandom(seed: number): Random {
  if (!Number.isFinite(seed)) {
    throw new ConfigError(
      `createRandom: expected a finite number as seed, got ${seed}. Pass e.g. createRandom(42).`,
    );
  }
  const init = splitmix32(Math.floor(seed) >>> 0);
  let a = init();
  let b = init();
  let c = init();
  let d = init();

  const nextU32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = (b ^ (b >>> 9)) >>> 0;
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };

  const next = (): number => nextU32() / 4294967296;

  const random: Random = {
    next,
    int(n) {
      if (!Number.isInteger(n) || n < 1) {
        throw new ConfigError(`random.int: expected an integer n >= 1, got ${n}.`);
      }
      return Math.floor(next() * n);
    },
    normal() {
      const u = 1 - next(); // (0, 1]: log is finite
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = items[i] as (typeof items)[number];
        items[i] = items[j] as (typeof items)[number];
        items[j] = tmp;
      }
      return items;
    },
    fork() {
      return createRandom(nextU32());
    },
    getState() {
      return [a, b, c, d];
    },
    setState(state) {
      if (
        !Array.isArray(state) ||
        state.length !== 4 ||
        !state.every((w) => Number.isInteger(w) && w >= 0 && w < 2 ** 32)
      ) {
        throw new ConfigError(
          `random.setState: expected four unsigned 32-bit integers (from getState()), got ${JSON.stringify(state)}.`,
        );
      }
      [a, b, c, d] = state;
    },
  };
  return random;
}
