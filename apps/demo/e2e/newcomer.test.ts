/**
 * What a newcomer meets on the char-LM page and the cell lab (issue 18): the default training
 * run (chapters of Moby Dick) shows a falling validation loss and a sample every 50 steps;
 * every empty or out-of-range input gets a message next to its field, never the error panel;
 * a backend switch or a reload during training keeps the trained model (IndexedDB) and clears
 * what no longer belongs on screen. All on wasm.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Demo, readyBackend, startDemo } from './harness.js';

let demo: Demo;
beforeAll(async () => {
  demo = await startDemo();
});
afterAll(async () => {
  await demo?.close();
});

async function openCharLm(query = '?backend=wasm'): Promise<{ page: Page; errors: string[] }> {
  const opened = await demo.open(query, '#/char-lm');
  await readyBackend(opened.page);
  await opened.page.waitForFunction(
    () => document.querySelector('main')?.dataset.model === 'pretrained',
    undefined,
    { timeout: 60_000 },
  );
  await expect
    .poll(() => opened.page.getByTestId('training-text').inputValue(), { timeout: 30_000 })
    .toMatch(/^CHAPTER 1\. Loomings/);
  return opened;
}

const panelShown = (page: Page) => page.getByTestId('error-panel').isVisible();

describe('the char-LM page as a newcomer meets it', () => {
  it('the default run: validation falls for 200 steps, a sample every 50 steps', async () => {
    const { page, errors } = await openCharLm();
    await page.getByTestId('steps').fill('200');
    const started = Date.now();
    await page.getByTestId('train-button').click();
    await page.waitForFunction(
      () => document.querySelector('main')?.dataset.trainedSteps === '200',
      undefined,
      { timeout: 120_000 },
    );
    const notes = page.locator('[data-testid="train-notes"] .train-note');
    const steps = (
      await notes.evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.step)))
    ).sort((a, b) => a - b);
    expect(steps).toEqual([50, 100, 150, 200]);
    const samples = await notes.locator('pre').allTextContents();
    for (const s of samples) expect(s.length).toBeGreaterThan(50);
    const validation = await page.evaluate(
      () => [...document.querySelectorAll('[data-testid="train-notes"] .train-note')].length,
    );
    expect(validation).toBe(4);
    const vals = await page
      .getByTestId('loss-chart')
      .evaluate((el) => (el as HTMLElement).dataset.validation ?? '');
    const points = vals.split(',').map(Number);
    console.log(
      `default run: 200 steps in ${Date.now() - started} ms; validation ${points.map((v) => v.toFixed(3)).join(' -> ')}; last sample: ${JSON.stringify(samples[0]?.slice(0, 120))}`,
    );
    expect(points.length).toBe(4);
    for (let k = 1; k < points.length; k++) expect(points[k]).toBeLessThan(points[k - 1]!);
    expect(await page.getByTestId('overfit-notice').isVisible()).toBe(false);
    expect(errors).toEqual([]);
  }, 300_000);

  it('shows a message next to every empty or out-of-range field, never the error panel', async () => {
    const { page, errors } = await openCharLm();
    const cases: [string, string, RegExp][] = [
      ['units', '', /units: enter a whole number/],
      ['units', '100000', /units: at most 512/],
      ['time-steps', '0', /window \(chars\): at least 1/],
      ['learning-rate', '', /learning rate: enter a number/],
      ['steps', '2.5', /steps: enter a whole number/],
    ];
    for (const [testid, value, message] of cases) {
      await page.getByTestId(testid).fill(value);
      await page.getByTestId('train-button').click();
      await expect.poll(() => page.getByTestId(`${testid}-message`).textContent()).toMatch(message);
      expect(await page.locator('main').getAttribute('data-training')).toBe('false');
      await page
        .getByTestId(testid)
        .fill(
          testid === 'learning-rate'
            ? '0.01'
            : testid === 'steps'
              ? '3'
              : testid === 'time-steps'
                ? '32'
                : '64',
        );
    }
    await page.getByTestId('training-text').fill('');
    await page.getByTestId('train-button').click();
    await expect
      .poll(() => page.getByTestId('training-text-message').textContent())
      .toMatch(/expected a text to train on, got none/);
    await page.getByTestId('training-text').fill('too short a text');
    await page.getByTestId('train-button').click();
    await expect
      .poll(() => page.getByTestId('training-text-message').textContent())
      .toMatch(/at least 1,280 characters/);
    for (const [testid, value, message] of [
      [
        'length',
        '100000',
        /length: at most 1,000 \(got 100,000\): one request draws at most 1,000/,
      ],
      ['length', '', /length: enter a whole number/],
      ['top-p', '3', /top-p: at most 1/],
      ['top-k', '-1', /top-k: at least 0/],
      ['seed', '', /seed: enter a whole number/],
    ] as const) {
      await page.getByTestId(testid).fill(value);
      await page.getByTestId('sample-button').click();
      await expect.poll(() => page.getByTestId(`${testid}-message`).textContent()).toMatch(message);
      expect(await page.getByTestId('sample-output').getAttribute('data-state')).toBe('empty');
    }
    await page.getByTestId('trace-text').fill('');
    await page.getByTestId('trace-button').click();
    await expect
      .poll(() => page.getByTestId('trace-text-message').textContent())
      .toMatch(/type a few words/);
    await page.getByTestId('trace-text').fill('x'.repeat(450));
    await page.getByTestId('trace-button').click();
    await expect
      .poll(() => page.getByTestId('trace-text-message').textContent())
      .toMatch(/first 400 of 450 characters/);
    // The cell lab: an empty word and a long one.
    await page.goto(`${demo.baseUrl}?backend=wasm#/cell-lab`);
    await readyBackend(page);
    await page.locator('[data-testid="h-map"] .heat-map[data-steps]').waitFor();
    await page.getByTestId('word-input').fill('');
    await expect
      .poll(() => page.getByTestId('word-message').textContent())
      .toMatch(/type at least one letter/);
    await page.getByTestId('word-input').fill('abcdefghijklmnopqrstu');
    await expect
      .poll(() => page.getByTestId('word-message').textContent())
      .toMatch(/first 16 letters \("abcdefghijklmnop"\)/);
    await expect
      .poll(() => page.locator('[data-testid="h-map"] .heat-map').getAttribute('data-steps'))
      .toBe('16');
    expect(await panelShown(page)).toBe(false);
    expect(errors).toEqual([]);
  }, 300_000);

  it('a backend switch or a reload during training keeps the trained model; nothing stale stays', async () => {
    const { page, errors } = await openCharLm('?backend=wasm');
    await page.getByTestId('units').fill('32');
    await page.getByTestId('steps').fill('100000');
    await page.getByTestId('train-button').click();
    await expect
      .poll(() => page.getByTestId('train-status').textContent(), { timeout: 60_000 })
      .toMatch(/^step (6\d|[7-9]\d|\d{3,}) /);
    // Switch backend mid-training: the run stops (and saves), the worker restarts on cpu, the
    // trained model comes back; the old status, chart and samples are gone.
    await page
      .locator('[data-testid="backend-picker"], .backend-picker select')
      .first()
      .selectOption('cpu');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="backend-badge"]')?.getAttribute('data-backend') ===
        'cpu',
      undefined,
      { timeout: 60_000 },
    );
    await page.waitForFunction(
      () => document.querySelector('main')?.dataset.model === 'trained',
      undefined,
      { timeout: 60_000 },
    );
    const restoredAt = Number(await page.locator('main').getAttribute('data-model-steps'));
    expect(restoredAt).toBeGreaterThanOrEqual(60);
    expect(await page.getByTestId('train-status').textContent()).toMatch(
      /^Restored the model you trained: step \d+/,
    );
    expect(await page.getByTestId('loss-chart').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="train-notes"] .train-note').count()).toBe(0);
    expect(await page.getByTestId('sample-output').getAttribute('data-state')).toBe('empty');
    expect(await page.getByTestId('units').inputValue()).toBe('32');
    // Reload during training (back on wasm): the page offers the saved model, restores it, and Train continues it.
    await page.goto(`${demo.baseUrl}?backend=wasm#/char-lm`);
    await readyBackend(page);
    await page.getByTestId('saved-model').waitFor({ timeout: 30_000 });
    const offered = Number(await page.getByTestId('saved-model').getAttribute('data-step'));
    expect(offered).toBe(restoredAt);
    await page.waitForFunction(
      () => document.querySelector('main')?.dataset.model === 'pretrained',
      undefined,
      { timeout: 60_000 },
    );
    await page.getByTestId('restore-button').click();
    await page.waitForFunction(
      () => document.querySelector('main')?.dataset.model === 'trained',
      undefined,
      { timeout: 60_000 },
    );
    await page.getByTestId('steps').fill('3');
    await page.getByTestId('train-button').click();
    await page.waitForFunction(
      (n) => document.querySelector('main')?.dataset.modelSteps === String(n),
      offered + 3,
      { timeout: 60_000 },
    );
    expect(await panelShown(page)).toBe(false);
    expect(errors).toEqual([]);
  }, 300_000);
});
