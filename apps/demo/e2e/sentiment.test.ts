/**
 * The sentiment page in Chromium: the pretrained model (public/models/sentiment, exported by
 * `recurrent export`) loads when the page opens and reads the lecture's two sentences; on
 * wasm every per-word P(positive) equals what `recurrent predict --backend wasm` prints for
 * the same checkpoint within `wasmBound`, on webgpu within `webgpuBound` (the differences are
 * printed); flipping a word redraws the trajectory from that word on, with the old one
 * dashed; an empty sentence is explained under its field and never sent; many predictions
 * leave the worker's tensor count flat; training on the embedded data draws the loss curve
 * and validation accuracy, then reads the sentences with the new model.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lectureSentences as packageSentences } from '@recurrent/sentiment';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lectureSentences } from '../src/pages/sentiment-defaults.js';
import { appRoot, type Demo, readyBackend, startDemo } from './harness.js';
import { type CliPrediction, ensureTrainerBuilt, recurrentPredict } from './trainer-cli.js';

const modelDir = path.join(appRoot, 'public', 'models', 'sentiment');
const config = JSON.parse(readFileSync(path.join(modelDir, 'config.json'), 'utf8')) as {
  trainedSteps: number;
  metrics: { testAccuracy: number };
};
/** Max |P_page - P_cli| per word on wasm (the same binary's numbers: only summation order). */
const wasmBound = 1e-4;
/** Max |P_webgpu - P_cli| per word on webgpu (SwiftShader's float32): measured 1.2e-7, see README. */
const webgpuBound = 1e-5;

let demo: Demo;
let reference: CliPrediction[];

beforeAll(async () => {
  ensureTrainerBuilt();
  [reference, demo] = await Promise.all([
    recurrentPredict(
      modelDir,
      lectureSentences.map((s) => s.text),
      'wasm',
    ),
    startDemo(),
  ]);
}, 360_000);

afterAll(async () => {
  await demo?.close();
});

interface Reading {
  label: string;
  positive: number;
  words: string[];
  steps: number[];
}

/** Waits until sentence `i` shows a reading (other than `not`), and returns it. */
async function reading(page: Page, i: number, not?: string): Promise<Reading> {
  const selector = `[data-testid="sentence-reading-${i}"]`;
  await page.waitForFunction(
    ([sel, old]) => {
      const el = document.querySelector(sel) as HTMLElement | null;
      return el?.dataset.trajectory !== undefined && el.dataset.trajectory !== old;
    },
    [selector, not ?? ''] as const,
    { timeout: 60_000 },
  );
  return page.evaluate((sel) => {
    const el = document.querySelector(sel) as HTMLElement;
    return {
      label: el.dataset.label!,
      positive: Number(el.dataset.positive),
      words: [...el.querySelectorAll('.sentence-word')].map((w) => w.textContent ?? ''),
      steps: el.dataset.trajectory!.split(',').map(Number),
    };
  }, selector);
}

function maxDiff(page: Reading, cli: CliPrediction): number {
  const at = cli.labels.indexOf('positive');
  expect(page.words).toEqual(cli.trajectory.map((t) => t.token));
  return Math.max(...cli.trajectory.map((t, k) => Math.abs(t.probabilities[at]! - page.steps[k]!)));
}

const tensors = (page: Page) =>
  page.evaluate(async () => {
    type Client = { call(r: { type: 'stats' }): Promise<{ stats: { numTensors: number } }> };
    const demo = (globalThis as unknown as { recurrentDemo: { client: Client } }).recurrentDemo;
    return (await demo.client.call({ type: 'stats' })).stats.numTensors;
  });

describe('the sentiment page', () => {
  it('has the lecture sentences of @recurrent/sentiment, with their labels', () => {
    expect(lectureSentences.map((s) => s.text)).toEqual(packageSentences.map((s) => s.text));
    expect(lectureSentences.map((s) => (s.label === 'positive' ? 1 : 0))).toEqual(
      packageSentences.map((s) => s.label),
    );
  });

  it('on wasm: reads both lecture sentences word by word as `recurrent predict` does', async () => {
    const { page, errors } = await demo.open('?backend=wasm', '#/sentiment');
    expect(await readyBackend(page)).toBe('wasm');
    await page.waitForSelector('main[data-model="pretrained"]');
    const facts = page.getByTestId('model-facts');
    expect(await facts.locator('[data-fact="steps"]').textContent()).toBe(
      config.trainedSteps.toLocaleString('en'),
    );
    expect(await facts.locator('[data-fact="test-accuracy"]').textContent()).toContain(
      config.metrics.testAccuracy.toFixed(3),
    );
    for (const [i, lecture] of lectureSentences.entries()) {
      const r = await reading(page, i);
      const diff = maxDiff(r, reference[i]!);
      console.log(
        `wasm: "${lecture.text}" ${r.label} ${r.positive.toFixed(4)}, max |dP| ${diff.toExponential(2)}`,
      );
      expect(r.label).toBe(lecture.label);
      expect(reference[i]!.label).toBe(lecture.label);
      expect(diff).toBeLessThan(wasmBound);
    }
    expect(errors).toEqual([]);
  }, 300_000);

  it('redraws the trajectory when a word flips, explains an empty sentence, keeps tensors flat', async () => {
    const { page, errors } = await demo.open('?backend=wasm', '#/sentiment');
    await readyBackend(page);
    const before = await reading(page, 1);
    const input = page.getByTestId('sentence-input-1');
    await input.fill('The talk was not so good after all.');
    const after = await reading(page, 1, before.steps.join(','));
    // Everything before the flipped word reads the same; from "good" on the line moves.
    expect(after.words[5]).toBe('good');
    for (let t = 0; t < 5; t++) expect(after.steps[t]).toBeCloseTo(before.steps[t]!, 6);
    expect(Math.abs(after.steps[5]! - before.steps[5]!)).toBeGreaterThan(0.1);
    console.log(
      `flip bad -> good: P(positive) ${before.positive.toFixed(3)} -> ${after.positive.toFixed(3)}`,
    );
    expect(await page.getByTestId('trajectory-previous').count()).toBe(1);

    for (const empty of ['', '   ']) {
      await input.fill(empty);
      const message = page.getByTestId('sentence-message-1');
      await expect.poll(() => message.textContent()).toMatch(/^Type a sentence/);
      expect(await input.getAttribute('aria-invalid')).toBe('true');
      expect(
        await page.getByTestId('sentence-reading-1').getAttribute('data-trajectory'),
      ).toBeNull();
    }
    expect(await page.getByTestId('error-panel').isVisible()).toBe(false);

    const first = await tensors(page);
    const texts = [
      'good',
      'not good',
      'not bad at all',
      'the food was great but the service was rude',
    ];
    let last = '';
    for (let k = 0; k < 24; k++) {
      await input.fill(`${texts[k % texts.length]} ${k}`);
      const r = await reading(page, 1, last);
      last = r.steps.join(',');
    }
    const many = await page.evaluate(async () => {
      type Client = { call(r: object): Promise<unknown> };
      const demo = (globalThis as unknown as { recurrentDemo: { client: Client } }).recurrentDemo;
      const inputs = Array.from({ length: 100 }, (_, k) => `sentence number ${k} was not bad`);
      await demo.client.call({ type: 'task/predict', task: 'sentiment', inputs, options: {} });
      return inputs.length;
    });
    expect(many).toBe(100);
    expect(await tensors(page)).toBe(first);
    expect(errors).toEqual([]);
  }, 300_000);

  it('on webgpu: the same trajectories within the measured tolerance', async () => {
    const { page, errors } = await demo.open('?backend=webgpu', '#/sentiment');
    expect(await readyBackend(page)).toBe('webgpu');
    for (const [i, lecture] of lectureSentences.entries()) {
      const r = await reading(page, i);
      const diff = maxDiff(r, reference[i]!);
      console.log(
        `webgpu: "${lecture.text}" ${r.label} ${r.positive.toFixed(4)}, max |dP| vs wasm CLI ${diff.toExponential(2)}`,
      );
      expect(r.label).toBe(lecture.label);
      expect(diff).toBeLessThan(webgpuBound);
    }
    expect(errors).toEqual([]);
  }, 300_000);

  it('trains on the embedded data in the worker: loss curve, validation accuracy, notes', async () => {
    const { page, errors } = await demo.open('?backend=wasm', '#/sentiment');
    await readyBackend(page);
    await page.waitForSelector('main[data-model="pretrained"]');
    await page.getByTestId('steps').fill('150');
    const started = Date.now();
    await page.getByTestId('train-button').click();
    await page.waitForFunction(
      () => document.querySelector('main')?.dataset.trainedSteps === '150',
      undefined,
      {
        timeout: 240_000,
      },
    );
    const ms = Date.now() - started;
    const main = page.locator('main');
    const firstLoss = Number(await main.getAttribute('data-first-loss'));
    const lastLoss = Number(await main.getAttribute('data-last-loss'));
    const validation = (await page.getByTestId('loss-chart').getAttribute('data-validation')) ?? '';
    const notes = await page.getByTestId('train-notes').locator('figcaption').allTextContents();
    console.log(
      `sentiment training on wasm: 150 steps (+ evaluation and baseline) in ${ms} ms; loss ${firstLoss.toFixed(3)} -> ${lastLoss.toFixed(3)}; validation accuracy ${validation}; notes: ${notes.join(' | ')}`,
    );
    expect(lastLoss).toBeLessThan(firstLoss);
    expect(validation.split(',').length).toBe(3); // steps 50, 100 and 150
    expect(notes.join('\n')).toMatch(/bag-of-words/);
    expect(await main.getAttribute('data-model')).toBe('trained');
    const r = await reading(page, 0);
    expect(r.words.length).toBe(reference[0]!.trajectory.length);
    expect(await page.getByTestId('overfit-notice').isVisible()).toBe(false);
    expect(errors).toEqual([]);
  }, 300_000);
});
