import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { selectBackend } from '@recurrent/backends';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCharLm,
  evaluateCharLm,
  generateText,
  loadCharLm,
  prepareCharLmData,
  resolveHyperParameters,
  trainCharLm,
} from './index.js';

// A small text with structure a tiny model can learn in a few dozen steps.
const TEXT = 'the cat sat on the mat. the dog sat on the log. '.repeat(60);

let dir: string;
beforeAll(async () => {
  await selectBackend('wasm');
  dir = mkdtempSync(path.join(tmpdir(), 'char-lm-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('char-lm end to end (wasm)', () => {
  it('prepares data with a held-out tail', async () => {
    const data = await prepareCharLmData(TEXT, { validationFraction: 0.1 });
    expect(data.report).toMatchObject({
      characters: TEXT.length,
      train: 2592,
      validation: 288,
      unknown: 0,
    });
    expect(data.vocabulary.size).toBe(4 + new Set(TEXT).size);
  });

  it('trains (loss goes down), evaluates, checkpoints, reloads and generates without leaks', async () => {
    const data = await prepareCharLmData(TEXT, { validationFraction: 0.1 });
    const hp = resolveHyperParameters('tiny', { steps: 120, timeSteps: 16, batchSize: 8 });
    const model = createCharLm({ vocabulary: data.vocabulary, hyperParameters: hp });
    const before = await evaluateCharLm(model, data.validation);
    expect(before.valLoss).toBeCloseTo(Math.log(data.vocabulary.size), 0); // untrained: about uniform
    const events: string[] = [];
    const result = await trainCharLm(model, data, {
      checkpointDir: path.join(dir, 'run'),
      evalEvery: 40,
      checkpointEvery: 40,
      onProgress: (e) => events.push(e.kind),
    });
    expect(result.reason).toBe('completed');
    const head = result.losses.slice(0, 5).reduce((a, b) => a + b) / 5;
    const tail = result.losses.slice(-5).reduce((a, b) => a + b) / 5;
    expect(tail).toBeLessThan(head * 0.6);
    const after = await evaluateCharLm(model, data.validation);
    expect(after.valLoss).toBeLessThan(before.valLoss * 0.6);
    expect(after.bitsPerChar).toBeCloseTo(after.valLoss / Math.LN2, 10);
    expect(events).toContain('eval');
    expect(events).toContain('checkpoint');

    const loaded = await loadCharLm(path.join(dir, 'run', 'best'));
    const reloaded = await evaluateCharLm(loaded, data.validation);
    expect(reloaded.valLoss).toBeGreaterThan(0);
    const latest = await loadCharLm(path.join(dir, 'run', 'latest'));
    expect((await evaluateCharLm(latest, data.validation)).valLoss).toBeCloseTo(after.valLoss, 5);

    const a = await generateText(latest, 'the ', { length: 40, seed: 3 });
    const b = await generateText(latest, 'the ', { length: 40, seed: 3 });
    expect(a).toBe(b);
    expect(a).toHaveLength(40);
    expect(a).toMatch(/(the|sat|on) /);

    const tensors = tf.memory().numTensors;
    await generateText(latest, 'the cat', { length: 500, temperature: 1, seed: 1 });
    await evaluateCharLm(latest, data.validation);
    expect(tf.memory().numTensors).toBe(tensors);
    for (const m of [model, loaded, latest]) m.dispose();
  });

  it('generates 10,000 characters with numTensors flat', async () => {
    const data = await prepareCharLmData(TEXT, { validationFraction: 0.1 });
    const model = createCharLm({
      vocabulary: data.vocabulary,
      hyperParameters: resolveHyperParameters('tiny'),
    });
    await generateText(model, 'the', { length: 10 }); // warm-up: kernels compiled, wasm memory grown
    const tensors = tf.memory().numTensors;
    const start = performance.now();
    const text = await generateText(model, 'the cat', { length: 10_000, temperature: 1, seed: 5 });
    const seconds = (performance.now() - start) / 1000;
    expect(text).toHaveLength(10_000);
    expect(tf.memory().numTensors).toBe(tensors);
    console.log(
      `generated 10,000 characters in ${seconds.toFixed(1)} s (${Math.round(10_000 / seconds)} chars/s, tiny preset, wasm)`,
    );
    model.dispose();
  });

  it('training steps leave numTensors flat', async () => {
    const data = await prepareCharLmData(TEXT, { validationFraction: 0.1 });
    const model = createCharLm({
      vocabulary: data.vocabulary,
      hyperParameters: resolveHyperParameters('tiny', {
        layers: 2,
        dropout: 0.1,
        timeSteps: 8,
        batchSize: 4,
      }),
    });
    await trainCharLm(model, data, { steps: 3 });
    const tensors = tf.memory().numTensors;
    await trainCharLm(model, data, { steps: 30, evalEvery: 10 });
    expect(tf.memory().numTensors).toBe(tensors);
    model.dispose();
  });

  it('rejects a corrupted checkpoint, unknown characters in the prime and bad hyper-parameters', async () => {
    const file = path.join(dir, 'run', 'latest', 'weights.safetensors');
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    writeFileSync(file, bytes);
    await expect(loadCharLm(path.join(dir, 'run', 'latest'))).rejects.toThrow(/sha256|checksum/i);
    const good = await loadCharLm(path.join(dir, 'run', 'best'));
    await expect(generateText(good, 'Zebra', { length: 5 })).rejects.toThrow(
      /never saw: "Z", "b", "r"/,
    );
    good.dispose();
    expect(() => resolveHyperParameters('huge')).toThrow(
      'char-lm: unknown preset "huge". Available: default, large, tiny.',
    );
    expect(() => resolveHyperParameters('default', { cell: 'transformer' as never })).toThrow(
      'char-lm: unknown cell "transformer". Available: lstm, gru, rnn.',
    );
    expect(() => resolveHyperParameters('default', { units: 0 })).toThrow(
      'char-lm: expected units to be an integer in [1, 8192], got the number 0.',
    );
    await expect(prepareCharLmData('')).rejects.toThrow(/empty/i);
  });
});
