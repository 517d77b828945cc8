/**
 * The vanishing-gradients page in Chromium, with small budgets from the URL
 * (`#/vanishing-gradients?steps=..&every=..&sweep=..`) so the file stays near a minute:
 * - on wasm, the page's ||dL/dh_t|| at initialisation (the heat map's first row) equals what
 *   @recurrent/lab computes in this Node process on wasm for the same seed and model, within
 *   `wasmBound` (relative, per step; the difference is printed); training one (cell, k) fills
 *   the heat map row by row and adds its point to the accuracy curve, with no long task on
 *   the main thread;
 * - the sweep button fills the curve for three cells, and the worker's numTensors is the same
 *   after a second full sweep as after the first; Stop ends a run after its current step;
 * - on webgpu (SwiftShader via the harness flags) the same, within `webgpuBound`.
 */
import { selectBackend } from '@recurrent/backends';
import { labModels, runVanishingSweep } from '@recurrent/lab';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Demo, longTasksSince, readyBackend, startDemo } from './harness.js';

/** Max relative |norm_page - norm_node| / norm_node per step on wasm: the same kernels. */
const wasmBound = 1e-4;
/** The same on webgpu (SwiftShader float32, other kernels): measured 6.4e-7, see the README. */
const webgpuBound = 1e-5;

let demo: Demo;
/** ||dL/dh_t|| at initialisation from the library in Node, by `model@k`. */
const reference = new Map<string, number[]>();

async function referenceFlow(model: string, k: number): Promise<number[]> {
  const sweep = await runVanishingSweep({
    ks: [k],
    models: labModels.filter((m) => m.name === model),
    steps: 1, // the flow at initialisation is measured before the first step
    seed: 0,
  });
  return sweep.rows[0]!.flowInit.h;
}

beforeAll(async () => {
  await selectBackend('wasm');
  for (const [model, k] of [
    ['lstm-chrono', 20],
    ['gru', 5],
  ] as const) {
    reference.set(`${model}@${k}`, await referenceFlow(model, k));
  }
  demo = await startDemo();
}, 300_000);

afterAll(async () => {
  await demo?.close();
});

const tensors = (page: Page) =>
  page.evaluate(async () => {
    type Client = { call(r: { type: 'stats' }): Promise<{ stats: { numTensors: number } }> };
    const demo = (globalThis as unknown as { recurrentDemo: { client: Client } }).recurrentDemo;
    return (await demo.client.call({ type: 'stats' })).stats.numTensors;
  });

/** Waits until `finished` (cell, k) runs have ended on the page and it is idle again. */
async function finished(page: Page, count: number, timeout = 120_000): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const main = document.querySelector('main');
      return Number(main?.dataset.finished ?? 0) >= n && main?.dataset.running === 'none';
    },
    count,
    { timeout },
  );
}

async function mapState(page: Page) {
  return page.getByTestId('gradient-map').evaluate((el: HTMLElement) => ({
    rows: Number(el.dataset.rows),
    length: Number(el.dataset.length),
    lastStep: Number(el.dataset.lastStep),
    init: (el.dataset.flowInit ?? '').split(',').map(Number),
  }));
}

const points = async (page: Page) =>
  (await page.getByTestId('accuracy-curve').getAttribute('data-points'))!
    .split(';')
    .filter(Boolean);

function maxRelative(page: number[], node: number[]): number {
  expect(page).toHaveLength(node.length);
  return Math.max(...node.map((v, t) => Math.abs(page[t]! - v) / v));
}

describe('the vanishing-gradients page', () => {
  it('on wasm: ||dL/dh_t|| at initialisation equals the library in Node; training fills the map and the curve', async () => {
    const { page, errors } = await demo.open(
      '?backend=wasm',
      '#/vanishing-gradients?cell=lstm&forget-bias=chrono&k=20&steps=60&every=10',
    );
    expect(await readyBackend(page)).toBe('wasm');
    expect(await page.getByTestId('vanishing-explainer').textContent()).toContain('k = 50');
    const since = await page.evaluate(() => performance.now());
    await page.getByTestId('train-one').click();
    // Live: the map has its first row before the run has finished.
    await page.waitForFunction(
      () =>
        Number(document.querySelector<HTMLElement>('[data-testid="gradient-map"]')?.dataset.rows) >=
        1,
    );
    await finished(page, 1);
    const until = await page.evaluate(() => performance.now());
    const map = await mapState(page);
    expect(map).toMatchObject({ rows: 7, length: 30, lastStep: 60 }); // steps 0, 10, ..., 60
    const diff = maxRelative(map.init, reference.get('lstm-chrono@20')!);
    const curve = await points(page);
    console.log(
      `wasm: lstm-chrono k=20 init ||dL/dh_t|| max relative diff page vs node ${diff.toExponential(2)}; ` +
        `${((until - since) / 1000).toFixed(1)} s for 60 steps; curve ${curve.join(' ')}`,
    );
    expect(diff).toBeLessThan(wasmBound);
    expect(curve).toHaveLength(1);
    expect(curve[0]).toMatch(/^lstm-chrono@20=(0|1)\.\d{3}$/);
    expect(await page.getByTestId('vanishing-results').locator('tbody tr').count()).toBe(1);
    const tasks = (await longTasksSince(page, since)).filter((t) => t.start <= until);
    expect(tasks.filter((t) => t.duration > 100)).toEqual([]);
    // The absolute colouring redraws the same rows; hovering a cell names both numbers.
    await page.getByTestId('map-mode-absolute').click();
    expect(await page.getByTestId('gradient-map').getAttribute('data-mode')).toBe('absolute');
    const canvas = page.getByTestId('gradient-map').locator('canvas');
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width - 20, box.y + box.height - 4);
    expect(await page.locator('.heat-map-tip').textContent()).toMatch(
      /^step 60 · t=\d+.* · \|\|dL\/dh_t\|\| \d\.\d{2}e[-+]\d+ · .* of t=30$/,
    );
    expect(errors).toEqual([]);
  });

  it('the sweep fills the curve for three cells; numTensors stays flat over a full sweep; Stop stops', async () => {
    const { page, errors } = await demo.open(
      '?backend=wasm',
      '#/vanishing-gradients?forget-bias=1&steps=20&every=10&sweep=5,10',
    );
    await readyBackend(page);
    const since = await page.evaluate(() => performance.now());
    await page.getByTestId('run-sweep').click();
    await finished(page, 6);
    const until = await page.evaluate(() => performance.now());
    const tasks = (await longTasksSince(page, since)).filter((t) => t.start <= until);
    expect(tasks.filter((t) => t.duration > 100)).toEqual([]);
    const first = await points(page);
    expect(first.map((p) => p.split('=')[0])).toEqual([
      'gru@10',
      'gru@5',
      'lstm-f1@10',
      'lstm-f1@5',
      'rnn@10',
      'rnn@5',
    ]);
    expect(await page.getByTestId('accuracy-curve').locator('circle').count()).toBe(6);
    const before = await tensors(page);
    await page.getByTestId('run-sweep').click();
    await finished(page, 12);
    const after = await tensors(page);
    console.log(
      `sweep: ${first.join(' ')}; worker numTensors ${before} -> ${after} over a second sweep`,
    );
    expect(after).toBe(before);
    expect(await points(page)).toEqual(first); // seeded: the same sweep gives the same points
    // A finished run's map comes back from the table.
    await page
      .getByTestId('vanishing-results')
      .locator('tr[data-model="rnn"][data-k="5"] button')
      .click();
    expect(await page.getByTestId('gradient-map-title').textContent()).toMatch(
      /^simple RNN, k = 5: 15 steps/,
    );
    expect(await page.getByTestId('gradient-map').getAttribute('data-rows')).toBe('3');

    // Stop: a long run ends after its current step, and the page says what finished.
    await page.goto(`${demo.baseUrl}?backend=wasm#/vanishing-gradients?cell=rnn&k=20&steps=2000`);
    await readyBackend(page);
    await page.getByTestId('train-one').click();
    await page.waitForFunction(() => document.querySelector('main')?.dataset.running === 'train');
    await expect
      .poll(() => page.getByTestId('vanishing-status').textContent())
      .toMatch(/step \d+\/2000/);
    await page.getByTestId('stop').click();
    await page.waitForFunction(
      () => document.querySelector('main')?.dataset.running === 'none',
      undefined,
      {
        timeout: 10_000,
      },
    );
    expect(await page.getByTestId('vanishing-status').textContent()).toMatch(
      /^Stopped: 0 of 1 finished/,
    );
    expect(await tensors(page)).toBe(before);
    expect(errors).toEqual([]);
  });

  it('on webgpu (software adapter): the same gradient norms at initialisation, and training fills the map', async () => {
    const { page, errors } = await demo.open(
      '?backend=webgpu',
      '#/vanishing-gradients?cell=gru&k=5&steps=10&every=5',
    );
    expect(await readyBackend(page)).toBe('webgpu');
    await page.getByTestId('train-one').click();
    await finished(page, 1, 150_000);
    const map = await mapState(page);
    expect(map).toMatchObject({ rows: 3, length: 15, lastStep: 10 });
    const diff = maxRelative(map.init, reference.get('gru@5')!);
    console.log(
      `webgpu: gru k=5 init ||dL/dh_t|| max relative diff page vs node (wasm) ${diff.toExponential(2)}`,
    );
    expect(diff).toBeLessThan(webgpuBound);
    expect(await points(page)).toHaveLength(1);
    expect(errors.filter((e) => !/synchronously reading data from GPU/.test(e))).toEqual([]);
  }, 300_000);
});
