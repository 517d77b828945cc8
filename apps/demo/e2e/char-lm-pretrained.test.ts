/**
 * The pretrained char-LM (public/models/char-lm, exported by `recurrent export`) in Chromium:
 * it loads when the page opens and shows the facts of its config.json; on wasm the page
 * samples exactly the text `recurrent sample --backend wasm` prints for the same checkpoint,
 * prime, temperature and seed; on webgl and webgpu the per-character log-probabilities of that
 * text stay within `logProbBound` of wasm's (sampling itself is not repeated there: on the
 * software adapters each character costs a GPU read-back); the hidden-state view renders; and
 * loading keeps the main thread free of long tasks and leaves no tensors behind.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoot, type Demo, longTasksSince, readyBackend, startDemo } from './harness.js';
import { ensureTrainerBuilt, recurrentSample } from './trainer-cli.js';

const modelDir = path.join(appRoot, 'public', 'models', 'char-lm');
const config = JSON.parse(readFileSync(path.join(modelDir, 'config.json'), 'utf8')) as {
  hyperParameters: { cell: string; layers: number; units: number };
  trainedSteps?: number;
};
const parity = Object.freeze({
  prime: 'Call me',
  temperature: 0.8,
  length: 200,
  seed: 7,
});
/** Max |log p_backend - log p_wasm| per character allowed on the GPU backends (nats). */
const logProbBound = 1e-3;

let demo: Demo;
let reference: string;

beforeAll(async () => {
  ensureTrainerBuilt();
  [reference, demo] = await Promise.all([
    recurrentSample(modelDir, { ...parity, backend: 'wasm' }),
    startDemo(),
  ]);
}, 360_000);

afterAll(async () => {
  await demo?.close();
});

type DemoGlobal = {
  recurrentDemo: {
    client: {
      call(r: unknown): Promise<Record<string, unknown>>;
      onMessage(l: (m: { type: string; text?: string }) => void): () => void;
    };
  };
};

/**
 * Waits until the page holds a model that is not loading and not being traced; with `traced`,
 * also until the hidden-state view shows that model (it traces when it is on screen).
 */
async function modelReady(page: Page, options: { traced?: boolean } = {}): Promise<void> {
  await page.waitForFunction(
    (traced) => {
      const main = document.querySelector('main');
      const facts = document.querySelector('[data-testid="model-facts"]') as HTMLElement | null;
      return (
        facts?.dataset.state === 'ready' &&
        main?.dataset.loading === 'false' &&
        main?.dataset.tracing === 'false' &&
        (!traced || main?.dataset.traced === 'true')
      );
    },
    options.traced ?? false,
    { timeout: 120_000 },
  );
}

async function score(page: Page, text: string): Promise<number[]> {
  return page.evaluate(async (t) => {
    const { client } = (globalThis as unknown as DemoGlobal).recurrentDemo;
    const reply = await client.call({
      type: 'task/probe',
      task: 'char-lm',
      probe: 'score',
      input: { text: t },
    });
    return (reply.result as { logProbs: number[] }).logProbs;
  }, text);
}

async function tensors(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const { client } = (globalThis as unknown as DemoGlobal).recurrentDemo;
    return ((await client.call({ type: 'stats' })).stats as { numTensors: number }).numTensors;
  });
}

/** Fills the sampling controls with the parity settings, samples, and returns the text. */
async function sampleOnPage(page: Page): Promise<{ text: string; chunks: string[] }> {
  await page.getByTestId('prime').fill(parity.prime);
  await page.getByTestId('temperature').fill(String(parity.temperature));
  await page.getByTestId('top-k').fill('0');
  await page.getByTestId('top-p').fill('1');
  await page.getByTestId('length').fill(String(parity.length));
  await page.getByTestId('seed').fill(String(parity.seed));
  await page.evaluate(() => {
    const { client } = (globalThis as unknown as DemoGlobal).recurrentDemo;
    const chunks: string[] = [];
    (window as unknown as { __chunks: string[] }).__chunks = chunks;
    client.onMessage((m) => {
      if (m.type === 'generate/chunk') chunks.push(m.text ?? '');
    });
  });
  await page.getByTestId('sample-button').click();
  const output = page.getByTestId('sample-output');
  await expect.poll(() => output.getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
  return {
    text: (await output.textContent()) ?? '',
    chunks: await page.evaluate(() => (window as unknown as { __chunks: string[] }).__chunks),
  };
}

describe('the pretrained char-LM', () => {
  let wasmLogProbs: number[] = [];

  it('loads on page open, shows its facts, and on wasm samples exactly what `recurrent sample` prints', async () => {
    const { page, errors } = await demo.open('?backend=wasm', '#/char-lm');
    expect(await readyBackend(page)).toBe('wasm');
    await modelReady(page);
    const facts = page.getByTestId('model-facts');
    expect(await facts.getAttribute('data-origin')).toBe('pretrained');
    expect(await facts.getAttribute('data-units')).toBe(String(config.hyperParameters.units));
    expect(await facts.getAttribute('data-layers')).toBe(String(config.hyperParameters.layers));
    expect(await facts.locator('[data-fact="cell"]').textContent()).toBe(
      config.hyperParameters.cell.toUpperCase(),
    );
    if (config.trainedSteps !== undefined) {
      expect(await facts.locator('[data-fact="steps"]').textContent()).toBe(
        config.trainedSteps.toLocaleString('en'),
      );
    }

    const { text, chunks } = await sampleOnPage(page);
    console.log(
      `parity (wasm): page ${JSON.stringify(text.slice(0, 60))}... (${Array.from(text).length} chars in ${chunks.length} streamed chunks); CLI ${JSON.stringify(reference.slice(0, 60))}...`,
    );
    expect(text).toBe(reference);
    expect(chunks.length).toBeGreaterThan(0);
    expect(parity.prime + chunks.join('')).toBe(reference);

    wasmLogProbs = await score(page, reference);
    expect(wasmLogProbs).toHaveLength(Array.from(reference).length - 1);
    expect(wasmLogProbs.every((v) => Number.isFinite(v) && v <= 0)).toBe(true);
    console.log(
      `wasm: mean log p of the parity text ${(wasmLogProbs.reduce((a, b) => a + b, 0) / wasmLogProbs.length).toFixed(4)} nats/char`,
    );
    await page.getByTestId('trace-button').scrollIntoViewIfNeeded();
    await modelReady(page, { traced: true });
    await demo.screenshot(page, 'char-lm-pretrained');
    expect(errors).toEqual([]);
  });

  it('renders the hidden-state view for the pretrained model; Load again keeps the main thread free and leaks nothing', async () => {
    const { page, errors } = await demo.open('?backend=wasm', '#/char-lm');
    await readyBackend(page);
    await modelReady(page);
    // The view traces the model when it scrolls into sight.
    expect(await page.locator('main').getAttribute('data-traced')).toBe('false');
    await page.getByTestId('trace-button').scrollIntoViewIfNeeded();
    await modelReady(page, { traced: true });
    const view = page.getByTestId('hidden-view');
    const chars = Number(await view.getAttribute('data-chars'));
    expect(chars).toBeGreaterThan(0);
    expect(await page.getByTestId('activation-text').locator('.ch').count()).toBe(chars);
    expect(await page.getByTestId('unit-picker').getAttribute('max')).toBe(
      String(config.hyperParameters.units - 1),
    );
    expect(await page.getByTestId('unit-gates').locator('canvas').count()).toBe(1);
    await page.locator('details.all-units summary').click();
    expect(await page.getByTestId('gate-maps').locator('canvas').count()).toBe(3);
    const before = await tensors(page);

    // From the click on Load until the new model's hidden state is drawn (all units' gates
    // unfolded): no long task. A script click keeps the view on screen.
    const since = await page.evaluate(() => performance.now());
    await page
      .getByTestId('load-pretrained')
      .evaluate((button) => (button as HTMLButtonElement).click());
    await modelReady(page, { traced: true });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    const tasks = await longTasksSince(page, since);
    console.log(
      `load + trace of the pretrained model on wasm: ${await page.getByTestId('load-status').textContent()}; long tasks: ${JSON.stringify(tasks)}`,
    );
    expect(tasks.filter((t) => t.duration > 100)).toEqual([]);
    expect(await tensors(page)).toBe(before);
    expect(errors).toEqual([]);
  });

  for (const backend of ['webgl', 'webgpu'] as const) {
    it(`on ${backend}, the log-probabilities of the parity text stay within ${logProbBound} of wasm's`, async () => {
      expect(wasmLogProbs.length).toBeGreaterThan(0); // the wasm test ran first
      const { page, errors } = await demo.open(`?backend=${backend}`, '#/char-lm');
      expect(await readyBackend(page)).toBe(backend);
      await modelReady(page);
      const started = Date.now();
      const logProbs = await score(page, reference);
      expect(logProbs).toHaveLength(wasmLogProbs.length);
      const diffs = logProbs.map((v, t) => Math.abs(v - wasmLogProbs[t]!));
      const max = Math.max(...diffs);
      const mean = diffs.reduce((a, b) => a + b, 0) / diffs.length;
      console.log(
        `${backend} vs wasm: per-character log p of the ${wasmLogProbs.length} predicted characters: max |diff| ${max.toExponential(2)} nats, mean ${mean.toExponential(2)} (scored in ${Date.now() - started} ms)`,
      );
      expect(max).toBeLessThan(logProbBound);
      expect(errors).toEqual([]);
    }, 300_000);
  }
});
