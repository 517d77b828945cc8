/**
 * rankUnits on small untrained char-LMs (seconds): the states it reads are the model's own
 * (the sequence path gives the same h), r is Pearson's of those states, the ranking finds a
 * unit planted as a feature, and numTensors stays flat over many calls.
 */
import { selectBackend } from '@recurrent/backends';
import { runRnn } from '@recurrent/cells';
import { type CellType, createCharLm, resolveHyperParameters } from '@recurrent/char-lm';
import { Vocabulary } from '@recurrent/data';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { charLmStates } from './char-lm-states.js';
import { pearson } from './pearson.js';
import { rankUnits } from './rank-units.js';
import { textFeatures } from './text-features.js';

const text = 'He said: "Aye (aye) sir!"\nStubb (the mate) said "no".\n\n"Pull, boys!" (soft)';

function tinyModel(cell: CellType, layers = 1) {
  const vocabulary = Vocabulary.build([[...text]]);
  const hyperParameters = resolveHyperParameters('tiny', {
    cell,
    layers,
    units: 8,
    embeddingDim: 4,
  });
  return createCharLm({ vocabulary, hyperParameters });
}

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('charLmStates', () => {
  it('reads h and c of every layer; the top h equals the sequence path of the same model', async () => {
    const model = tinyModel('lstm', 2);
    try {
      const states = await charLmStates(model, text);
      expect(states.units.map((u) => u.name).slice(0, 3)).toEqual(['L0 h0', 'L0 h1', 'L0 h2']);
      expect(states.units).toHaveLength(4 * 8); // h, c of two layers
      expect(states.values).toHaveLength([...text].length * 32);
      const top = states.units.flatMap((u, k) => (u.layer === 1 && u.state === 'h' ? [k] : []));
      const sequence = tf.tidy(() => {
        const ids = tf.tensor2d([model.vocabulary.encode([...text])], undefined, 'int32'); // [1, time]
        const table = model.variables.find((v) => v.name.endsWith('/embeddings'))!.variable;
        const x = tf.gather(table, ids) as tf.Tensor3D; // [1, time, emb]
        return tf.squeeze(runRnn(model.rnn, x, { returnSequences: true }).sequence!, [0]); // [time, units]
      });
      const expected = (await sequence.array()) as number[][];
      sequence.dispose();
      const width = states.units.length;
      let worst = 0;
      expected.forEach((row, t) => {
        row.forEach((v, j) => {
          worst = Math.max(worst, Math.abs(v - states.values[t * width + top[j]!]!));
        });
      });
      expect(worst).toBeLessThan(1e-5);
    } finally {
      model.dispose();
    }
  });

  it('names the units of one layer h0.. and c0.., and a GRU only h', async () => {
    const lstm = tinyModel('lstm');
    const gru = tinyModel('gru');
    try {
      expect((await charLmStates(lstm, 'ab')).units.map((u) => u.name)).toEqual([
        ...Array.from({ length: 8 }, (_, k) => `h${k}`),
        ...Array.from({ length: 8 }, (_, k) => `c${k}`),
      ]);
      expect((await charLmStates(gru, 'ab')).units.every((u) => u.state === 'h')).toBe(true);
      await expect(charLmStates(gru, '')).rejects.toThrow(
        /expected a text to read, got an empty one/,
      );
    } finally {
      lstm.dispose();
      gru.dispose();
    }
  });
});

describe('rankUnits', () => {
  it("gives every unit Pearson's r with every feature, top units by |r| with the sign kept", async () => {
    const model = tinyModel('lstm');
    try {
      const ranking = await rankUnits(model, { text, top: 4 });
      const states = await charLmStates(model, text);
      const width = states.units.length;
      expect(ranking.units).toHaveLength(16);
      expect(ranking.features.map((f) => f.name)).toEqual(textFeatures.map((f) => f.name));
      for (const f of ranking.features) {
        const u = 11; // c3, correlated through tanh
        const col = Array.from({ length: ranking.chars.length }, (_, t) =>
          Math.fround(Math.tanh(states.values[t * width + u]!)),
        ); // float32, as stored
        expect(f.r[u]).toBeCloseTo(pearson(col, f.values), 10);
        const h2 = Array.from(
          { length: ranking.chars.length },
          (_, t) => states.values[t * width + 2]!,
        );
        expect(f.r[2]).toBeCloseTo(pearson(h2, f.values), 10); // h as it is
        expect(f.top).toHaveLength(4);
        const strengths = f.top.map((t) => Math.abs(t.r));
        expect([...strengths].sort((a, b) => b - a)).toEqual(strengths);
        const best = Math.max(...Array.from(f.r, Math.abs).filter(Number.isFinite));
        expect(strengths[0]).toBe(best);
        expect(f.top[0]!.r).toBe(f.r[f.top[0]!.unit]);
        expect(f.top[0]!.name).toBe(ranking.units[f.top[0]!.unit]!.name);
      }
    } finally {
      model.dispose();
    }
  });

  it('finds a planted unit: a feature that is tanh(c5) itself (negated) ranks c5 first with r = -1', async () => {
    const model = tinyModel('lstm');
    try {
      const states = await charLmStates(model, text);
      const width = states.units.length;
      const planted = {
        name: 'planted',
        label: 'minus c5',
        of: (chars: readonly string[]) =>
          Float64Array.from(chars, (_, t) => -2 * Math.tanh(states.values[t * width + 13]!) + 1),
      };
      const ranking = await rankUnits(model, { text, features: [planted], states: 'c' });
      expect(ranking.units.every((u) => u.state === 'c')).toBe(true);
      expect(ranking.features[0]!.top[0]!.name).toBe('c5');
      expect(ranking.features[0]!.top[0]!.r).toBeCloseTo(-1, 6);
    } finally {
      model.dispose();
    }
  });

  it('leaves a feature the text never varies unranked', async () => {
    const model = tinyModel('rnn');
    try {
      const ranking = await rankUnits(model, { text: 'Stubb said no', states: 'h' });
      const parens = ranking.features.find((f) => f.name === 'insideParentheses')!;
      expect(parens.top).toEqual([]);
      expect(Array.from(parens.r).every(Number.isNaN)).toBe(true);
    } finally {
      model.dispose();
    }
  });

  it('refuses c for a model without cell states, and a bad top', async () => {
    const model = tinyModel('gru');
    try {
      await expect(rankUnits(model, { text, states: 'c' })).rejects.toThrow(
        'rankUnits: states "c" asks for cell states, and this gru model has none (only an LSTM has c). Use "h" or "both".',
      );
      await expect(rankUnits(model, { text, top: 0 })).rejects.toThrow(
        'rankUnits: expected top to be an integer >= 1, got 0.',
      );
    } finally {
      model.dispose();
    }
  });

  it('keeps numTensors flat over many rankings', async () => {
    const model = tinyModel('lstm', 2);
    try {
      await rankUnits(model, { text }); // warm-up: kernels and caches
      const before = tf.memory().numTensors;
      for (let k = 0; k < 5; k++) await rankUnits(model, { text });
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      model.dispose();
    }
  });
});
