/**
 * The static site that `vite build` makes (not minified: a minified build broke threaded
 * wasm workers here), served by `vite preview` with the same COOP/COEP headers: the worker,
 * the wasm binaries, the lazily loaded pages, the pretrained models and the embedded data
 * (Moby Dick, the UCI sentences, the clinical page's generated stays) must all load from the
 * built site, and the vanishing-gradients lab must train in the built worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Demo, readyBackend, startDemo } from './harness.js';

let demo: Demo;

beforeAll(async () => {
  demo = await startDemo('built');
});

afterAll(async () => {
  await demo?.close();
});

describe('the built site', () => {
  it('runs threaded wasm in the worker, loads the pretrained char-LM and trains a new one', async () => {
    const { page, errors } = await demo.open('?backend=wasm', '#/char-lm');
    expect(await readyBackend(page)).toBe('wasm');
    expect(await page.getByTestId('backend-badge').textContent()).toMatch(/threads on/);
    // public/models/char-lm is part of the static site, next to index.html.
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="model-facts"]') as HTMLElement | null)?.dataset
          .origin === 'pretrained',
    );
    // The default text is read in the worker from @recurrent/data's Moby Dick (stdlib's
    // browser entry, which needed the `buffer` alias of vite.config.ts in the build).
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid="training-text-about"]')
        ?.textContent?.startsWith('Moby Dick by Herman Melville, CHAPTER 1.'),
    );
    await page.getByTestId('steps').fill('5');
    await page.getByTestId('train-button').click();
    await page.waitForFunction(() => document.querySelector('main')?.dataset.trainedSteps === '5');
    expect(Number(await page.locator('main').getAttribute('data-last-loss'))).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('reads the lecture sentences with the pretrained sentiment model', async () => {
    const { page, errors } = await demo.open('?backend=wasm', '#/sentiment');
    expect(await readyBackend(page)).toBe('wasm');
    // The UCI sentences (JSON imported `with { type: 'json' }`) are bundled for Train.
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="sentence-reading-1"]') as HTMLElement | null)
          ?.dataset.label === 'positive',
    );
    await page.getByTestId('steps').fill('5');
    await page.getByTestId('train-button').click();
    await page.waitForFunction(() => document.querySelector('main')?.dataset.trainedSteps === '5');
    expect(errors).toEqual([]);
  });

  it('reads a generated ICU stay with the pretrained clinical model', async () => {
    const { page, errors } = await demo.open('?backend=wasm', '#/clinical');
    expect(await readyBackend(page)).toBe('wasm');
    // public/models/clinical, the generated stays and their saliency, from the built worker.
    await page.waitForSelector('main[data-model="pretrained"] [data-testid="saliency"][data-rows]');
    expect(await page.getByTestId('risk-chart').getAttribute('data-hours')).toMatch(/^\d+$/);
    expect(errors).toEqual([]);
  });

  it('trains one (cell, k) of the vanishing-gradients lab (the lab package in the built worker)', async () => {
    const { page, errors } = await demo.open(
      '?backend=wasm',
      '#/vanishing-gradients?cell=gru&k=10&steps=20&every=10',
    );
    expect(await readyBackend(page)).toBe('wasm');
    await page.getByTestId('train-one').click();
    await page.waitForFunction(() => document.querySelector('main')?.dataset.finished === '1');
    expect(await page.getByTestId('gradient-map').getAttribute('data-rows')).toBe('3');
    expect(await page.getByTestId('accuracy-curve').getAttribute('data-points')).toMatch(
      /^gru@10=\d\.\d{3}$/,
    );
    expect(errors).toEqual([]);
  });

  it('opens the cell lab on webgpu', async () => {
    const { page, errors } = await demo.open('?backend=webgpu', '#/cell-lab');
    expect(await readyBackend(page)).toBe('webgpu');
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="h-map"] .heat-map') as HTMLElement | null)?.dataset
          .steps === '5',
    );
    expect(errors).toEqual([]);
  });
});
