/**
 * End-to-end tests of the demo in Debian's headless Chromium (software WebGPU and WebGL via
 * SwiftShader). One Vite dev server and one browser per flag set for the whole file;
 * screenshots of every page go to test-results/screenshots/.
 */
import { chromiumArgs } from '@recurrent/vitest-config/chromium';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Demo, longTasksSince, readyBackend, startDemo } from './harness.js';

let demo: Demo;

beforeAll(async () => {
  demo = await startDemo();
});

afterAll(async () => {
  await demo?.close();
});

async function hMapSteps(page: Page): Promise<number> {
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="h-map"] .heat-map') as HTMLElement | null;
    return Number(el?.dataset.steps ?? 0) > 0;
  });
  return Number(await page.locator('[data-testid="h-map"] .heat-map').getAttribute('data-steps'));
}

/**
 * Scrolls the char-LM page's hidden-state view into sight (it traces a new model then) and
 * waits until it shows the current model and nothing is loading or tracing.
 */
async function charLmTraced(page: Page): Promise<void> {
  await page.getByTestId('trace-button').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => {
    const main = document.querySelector('main');
    return (
      main?.dataset.loading === 'false' &&
      main?.dataset.tracing === 'false' &&
      main?.dataset.traced === 'true'
    );
  });
}

async function reportRow(page: Page, backend: string): Promise<{ status: string; why: string }> {
  const row = page.locator(`[data-testid="backend-report"] tr[data-backend="${backend}"]`);
  const cells = await row.locator('td').allTextContents();
  return { status: cells[1] ?? '', why: cells[2] ?? '' };
}

describe('the demo in Chromium', () => {
  it('auto picks wasm over the software WebGPU adapter and WebGL renderer, and says why', async () => {
    const { page, errors } = await demo.open('', '#/cell-lab');
    expect(await readyBackend(page)).toBe('wasm');
    expect(await hMapSteps(page)).toBe(5);
    await page.getByTestId('backend-badge').click();
    await page.getByTestId('backend-report').waitFor();
    const webgpu = await reportRow(page, 'webgpu');
    expect(webgpu.status).toBe('passed by');
    expect(webgpu.why).toMatch(/only a software adapter \(.*swiftshader.*\), slower than wasm/i);
    const webgl = await reportRow(page, 'webgl');
    expect(webgl.status).toBe('passed by');
    expect(webgl.why).toMatch(/only a software renderer \(.*SwiftShader.*\), slower than wasm/i);
    expect((await reportRow(page, 'wasm')).status).toBe('chosen');
    expect(await page.getByTestId('backend-lead').textContent()).toMatch(
      /^Chose wasm: webgpu runs here but was passed by: only a software adapter .*; webgl runs here but was passed by/,
    );
    await demo.screenshot(page, 'backend-report-auto');
    expect(errors).toEqual([]);
  });

  it('auto on the char-LM page: wasm, and the time from opening it to the first sample', async () => {
    const opened = Date.now();
    const { page, errors } = await demo.open('', '#/char-lm');
    expect(await readyBackend(page)).toBe('wasm');
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="model-facts"]') as HTMLElement | null)?.dataset
          .state === 'ready' && document.querySelector('main')?.dataset.loading === 'false',
      undefined,
      { timeout: 120_000 },
    );
    await page.getByTestId('sample-button').click();
    const output = page.getByTestId('sample-output');
    await expect.poll(async () => ((await output.textContent()) ?? '').length).toBeGreaterThan(0);
    const firstSample = Date.now() - opened;
    await expect.poll(() => output.getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
    // Measured, not asserted (tests check correctness, not speed); the README quotes it.
    console.log(`char-LM page on auto (wasm): first sampled text ${firstSample} ms after opening`);
    expect(errors).toEqual([]);
  });

  it('loads the cell lab with no console errors on webgpu when asked (software adapter)', async () => {
    const { page, errors } = await demo.open('?backend=webgpu', '#/cell-lab');
    expect(await readyBackend(page)).toBe('webgpu');
    expect(await page.getByTestId('backend-badge').textContent()).toMatch(/webgpu.*swiftshader/i);
    // h_t is drawn for every step of the default word "hello".
    expect(await hMapSteps(page)).toBe(5);
    await expect.poll(() => page.getByTestId('input-strip').locator('[data-step]').count()).toBe(5);
    await demo.screenshot(page, 'cell-lab-rnn');

    // The badge opens selectBackend's report.
    await page.getByTestId('backend-badge').click();
    await page.getByTestId('backend-report').waitFor();
    expect((await reportRow(page, 'webgpu')).status).toBe('chosen');
    expect((await reportRow(page, 'node')).why).toMatch(/only in Node/);
    await demo.screenshot(page, 'backend-report');
    expect(errors).toEqual([]);
  });

  it('recomputes h_t when a slider moves, and shows the LSTM gates over time', async () => {
    const { page, errors } = await demo.open('', '#/cell-lab');
    await readyBackend(page);
    await hMapSteps(page);
    const status = page.getByTestId('cell-lab-status');
    const before = await status.textContent();
    await page.getByTestId('w-scale').fill('2.5');
    await expect.poll(() => status.textContent()).not.toBe(before);
    const afterW = await status.textContent();
    await page.getByTestId('u-scale').fill('0.2');
    await expect.poll(() => status.textContent()).not.toBe(afterW);

    // A longer word: one h_t per character.
    await page.getByTestId('word-input').fill('recurrent');
    await expect.poll(() => hMapSteps(page)).toBe(9);

    await page.getByTestId('kind-lstm').click();
    await page.waitForSelector('main[data-kind="lstm"], main [data-testid="gates"] .heat-map');
    await expect.poll(() => page.getByTestId('gates').locator('.heat-map').count()).toBe(5);
    const captions = await page.getByTestId('gates').locator('figcaption').allTextContents();
    expect(captions.join(' ')).toMatch(/input gate.*forget gate.*output gate/);
    const lstmBefore = await status.textContent();
    await page.getByTestId('forget-bias').fill('-3');
    await expect.poll(() => status.textContent()).not.toBe(lstmBefore);
    await demo.screenshot(page, 'cell-lab-lstm');
    expect(errors).toEqual([]);
  });

  it('runs on wasm with ?backend=wasm (threaded: the page is cross-origin isolated)', async () => {
    const { page, errors } = await demo.open('?backend=wasm', '#/cell-lab');
    expect(await readyBackend(page)).toBe('wasm');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await page.getByTestId('backend-badge').textContent()).toMatch(/threads on/);
    expect(await hMapSteps(page)).toBe(5);
    expect(errors).toEqual([]);
  });

  it('runs on webgl with ?backend=webgl, and the picker switches backend', async () => {
    const { page, errors } = await demo.open('?backend=webgl', '#/cell-lab');
    expect(await readyBackend(page)).toBe('webgl');
    expect(await hMapSteps(page)).toBe(5);
    await page.getByTestId('backend-picker').selectOption('cpu');
    await expect.poll(() => readyBackend(page)).toBe('cpu');
    expect(page.url()).toContain('backend=cpu');
    await expect.poll(() => hMapSteps(page)).toBe(5);
    expect(errors).toEqual([]);
  });

  it('without --enable-unsafe-webgpu: webgpu refused, webgl passed by, wasm chosen, and why', async () => {
    const args = chromiumArgs.filter((a) => a !== '--enable-unsafe-webgpu');
    const { page, errors } = await demo.open('', '#/cell-lab', { args });
    expect(await readyBackend(page)).toBe('wasm');
    expect(await page.getByTestId('backend-badge').getAttribute('data-fallback')).toBe('true');
    expect(await page.getByTestId('backend-badge').textContent()).toMatch(/wasm \(fallback\)/);
    expect(await hMapSteps(page)).toBe(5);
    await page.getByTestId('backend-badge').click();
    const webgpu = await reportRow(page, 'webgpu');
    expect(webgpu.status).toBe('refused');
    expect(webgpu.why).toMatch(/navigator\.gpu|requestAdapter/);
    expect((await reportRow(page, 'webgl')).status).toBe('passed by');
    expect(await page.getByTestId('backend-lead').textContent()).toMatch(
      /^Chose wasm: webgpu was refused; webgl runs here but was passed by: only a software renderer/,
    );
    await demo.screenshot(page, 'fallback-wasm');
    expect(errors).toEqual([]);
  });

  it('shows the error panel when the worker throws at start-up', async () => {
    const { page } = await demo.open('?inject-worker-error=1', '#/cell-lab');
    const panel = page.getByTestId('error-panel');
    await panel.waitFor({ state: 'visible' });
    expect(await panel.textContent()).toMatch(
      /uncaught error in the compute worker.*Injected worker error/i,
    );
    await expect
      .poll(() => page.getByTestId('backend-badge').getAttribute('data-state'))
      .toBe('failed');
    await demo.screenshot(page, 'worker-error');

    const rejected = await demo.open('?inject-worker-error=reject', '#/cell-lab');
    await rejected.page.getByTestId('error-panel').waitFor({ state: 'visible' });
    expect(await rejected.page.getByTestId('error-panel').textContent()).toMatch(
      /unhandled promise rejection.*Injected unhandled rejection/i,
    );
  });

  it('trains the char-LM 20 steps on wasm: the loss falls, it samples, the hidden state renders, no long tasks', async () => {
    const { page, errors } = await demo.open('?backend=wasm', '#/char-lm');
    expect(await readyBackend(page)).toBe('wasm');
    expect(
      await page.evaluate(
        () => (window as { __longTasksUnsupported?: string }).__longTasksUnsupported,
      ),
    ).toBeUndefined();
    await page.getByTestId('steps').fill('20');
    // The measured window: from the click on Train until the worker reports the last step.
    // Page load, module compilation and drawing the hidden-state view afterwards are outside it.
    const since = await page.evaluate(() => performance.now());
    await page.getByTestId('train-button').click();
    await page.waitForFunction(
      () => document.querySelector('main')?.dataset.trainedSteps === '20',
      undefined,
      {
        timeout: 60_000,
      },
    );
    const until = await page.evaluate(() => performance.now());
    const tasks = (await longTasksSince(page, since)).filter((t) => t.start <= until);
    const main = page.locator('main');
    expect(await main.getAttribute('data-model')).toBe('trained');
    expect(await page.getByTestId('model-facts').getAttribute('data-origin')).toBe('trained');
    const firstLoss = Number(await main.getAttribute('data-first-loss'));
    const lastLoss = Number(await main.getAttribute('data-last-loss'));
    expect(firstLoss).toBeGreaterThan(lastLoss);
    expect(await page.getByTestId('loss-chart').locator('canvas').count()).toBeGreaterThan(0);
    console.log(
      `char-LM on wasm: loss ${firstLoss.toFixed(3)} -> ${lastLoss.toFixed(3)} in 20 steps, ${(until - since).toFixed(0)} ms; ` +
        `long tasks in the window: ${JSON.stringify(tasks)}`,
    );
    expect(tasks.filter((t) => t.duration > 100)).toEqual([]);

    // Sampling: the prime comes back followed by generated characters.
    await page.getByTestId('length').fill('80');
    await page.getByTestId('sample-button').click();
    await expect
      .poll(() => page.getByTestId('sample-output').textContent())
      .toMatch(/^Call me .{80}$/s);

    // The hidden-state view of the new model: one coloured span per character, the gates as heat maps.
    await charLmTraced(page);
    await page.waitForFunction(
      () =>
        Number(
          (document.querySelector('[data-testid="hidden-view"]') as HTMLElement | null)?.dataset
            .chars ?? 0,
        ) > 0,
    );
    const chars = Number(await page.getByTestId('hidden-view').getAttribute('data-chars'));
    expect(await page.getByTestId('activation-text').locator('.ch').count()).toBe(chars);
    expect(await page.getByTestId('gate-maps').locator('canvas').count()).toBe(3);
    expect(await page.getByTestId('unit-gates').locator('canvas').count()).toBe(1);
    const firstColour = () =>
      page
        .getByTestId('activation-text')
        .locator('.ch')
        .first()
        .evaluate((el) => (el as HTMLElement).style.background);
    const before = await firstColour();
    await page.getByRole('button', { name: 'next unit' }).click();
    await expect.poll(firstColour).not.toBe(before);
    expect(await page.getByTestId('hidden-view').getAttribute('data-unit')).toBe('1');
    await page.locator('details.all-units summary').click();
    await demo.screenshot(page, 'char-lm');
    expect(errors).toEqual([]);
  });

  it('stops a long training on request, and resumes it', async () => {
    const { page, errors } = await demo.open('?backend=wasm', '#/char-lm');
    await readyBackend(page);
    await page.getByTestId('steps').fill('100000');
    await page.getByTestId('train-button').click();
    await expect
      .poll(() => page.getByTestId('train-status').textContent())
      .toMatch(/^step [3-9]\d* /);
    await page.getByTestId('stop-button').click();
    await expect
      .poll(() => page.getByTestId('train-status').textContent())
      .toMatch(/^stopped after \d+ steps/);
    const stoppedAt = Number(await page.locator('main').getAttribute('data-trained-steps'));
    expect(stoppedAt).toBeGreaterThan(0);
    expect(stoppedAt).toBeLessThan(100000);
    // Train resumes the same model: the chart's step count continues.
    await page.getByTestId('steps').fill('3');
    await page.getByTestId('train-button').click();
    await expect
      .poll(() => page.getByTestId('train-status').textContent())
      .toMatch(/^done after 3 steps/);
    expect(errors).toEqual([]);
  });

  it('trains on webgpu too (software adapter: correctness, not speed)', async () => {
    const { page, errors } = await demo.open('?backend=webgpu', '#/char-lm');
    expect(await readyBackend(page)).toBe('webgpu');
    await page.getByTestId('units').fill('16');
    await page.getByTestId('steps').fill('3');
    await page.getByTestId('train-button').click();
    await page.waitForFunction(
      () => document.querySelector('main')?.dataset.trainedSteps === '3',
      undefined,
      { timeout: 140_000 }, // ~6 s alone; generous for a CI machine busy with other browsers
    );
    expect(Number.isFinite(Number(await page.locator('main').getAttribute('data-last-loss')))).toBe(
      true,
    );
    expect(errors).toEqual([]);
  }, 300_000);

  it('leaves no tensors behind in the worker: cell lab, training, sampling, tracing', async () => {
    const { page, errors } = await demo.open('?backend=wasm', '#/cell-lab');
    await readyBackend(page);
    await hMapSteps(page);
    const tensors = () =>
      page.evaluate(async () => {
        type Client = { call(r: { type: 'stats' }): Promise<{ stats: { numTensors: number } }> };
        const demo = (globalThis as unknown as { recurrentDemo: { client: Client } }).recurrentDemo;
        return (await demo.client.call({ type: 'stats' })).stats.numTensors;
      });
    const status = page.getByTestId('cell-lab-status');
    const moveSlider = async (value: string) => {
      const before = await status.textContent();
      await page.getByTestId('w-scale').fill(value);
      await expect.poll(() => status.textContent()).not.toBe(before);
    };
    await moveSlider('1.5');
    const afterOne = await tensors();
    for (const v of ['0.5', '2', '2.5', '1.2']) await moveSlider(v);
    expect(await tensors()).toBe(afterOne);

    await page.goto(`${demo.baseUrl}?backend=wasm#/char-lm`);
    await readyBackend(page);
    /** Trains `n` more steps (resuming the same model) and waits for the summary. */
    const trainSteps = async (n: number) => {
      await page.getByTestId('steps').fill(String(n));
      await page.getByTestId('train-button').click();
      await page.waitForFunction(
        (t) => document.querySelector('main')?.dataset.trainedSteps === String(t),
        n,
      );
    };
    await trainSteps(3);
    await charLmTraced(page); // the new model's hidden-state view is drawn
    const afterTraining = await tensors(); // the model's weights (the optimizer is freed)
    await trainSteps(4);
    expect(await tensors()).toBe(afterTraining);
    const output = page.getByTestId('sample-output');
    for (const seed of ['1', '2', '3']) {
      const before = await output.textContent();
      await page.getByLabel('seed').fill(seed);
      await page.getByTestId('sample-button').click();
      await expect.poll(() => output.getAttribute('data-state')).toBe('done');
      expect(await output.textContent()).not.toBe(before);
      expect(await tensors()).toBe(afterTraining);
    }
    for (let k = 0; k < 2; k++) {
      await page.getByTestId('trace-button').click();
      await expect.poll(() => page.getByTestId('trace-button').isEnabled()).toBe(true);
      expect(await tensors()).toBe(afterTraining);
    }
    expect(errors).toEqual([]);
  });
});
