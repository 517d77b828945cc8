/**
 * The captioning page in Chromium: the pretrained model (public/models/captioning, exported
 * by apps/demo/scripts/captioning-model.sh) loads on open and captions a generated scene; the
 * beam's candidates are listed best first with their log-probabilities; the decoder steps
 * word by word (Next word, All words, a click on another candidate forces it); new generated,
 * held-out and built scenes are captioned. On wasm a photo dropped in through the file picker
 * (the package's fixture PNG) gets exactly the beams `recurrent predict <model> scene.png
 * --json --backend wasm` prints (the real CLI); on webgpu (SwiftShader) the first scene's
 * beams match wasm's within `webgpuBound`. The worker's tensor count stays flat over many
 * captions and steps on both.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoot, type Demo, readyBackend, startDemo } from './harness.js';
import { ensureTrainerBuilt, repoRoot, trainerBin } from './trainer-cli.js';

const modelDir = path.join(appRoot, 'public', 'models', 'captioning');
const scenePng = path.join(repoRoot, 'packages', 'tasks', 'captioning', 'fixtures', 'scene.png');
/** Max |log p_page - log p_CLI| of a beam on wasm: the same kernels on the same pixels. */
const wasmBound = 1e-5;
/** Max |log p_webgpu - log p_wasm| of a beam (SwiftShader's float32; measured 4.0e-6 with the 2026-12-02 model): see README. */
const webgpuBound = 1e-4;

let demo: Demo;
/** The first scene's beams on wasm, for the webgpu case. */
let wasmBeams: Beam[] = [];

interface Beam {
  readonly caption: string;
  readonly logProb: number;
}

beforeAll(async () => {
  ensureTrainerBuilt();
  demo = await startDemo();
}, 360_000);

afterAll(async () => {
  await demo?.close();
});

type Client = { call(r: object): Promise<Record<string, unknown>> };
const call = (page: Page, request: object) =>
  page.evaluate(async (r) => {
    const demo = (globalThis as unknown as { recurrentDemo: { client: Client } }).recurrentDemo;
    return demo.client.call(r);
  }, request);

const tensors = async (page: Page) =>
  ((await call(page, { type: 'stats' })) as { stats: { numTensors: number } }).stats.numTensors;

const beams = (page: Page) =>
  page.locator('[data-testid="beam"]').evaluateAll((rows) =>
    rows.map((r) => ({
      caption: (r as HTMLElement).dataset.caption!,
      logProb: Number((r as HTMLElement).dataset.logProb),
    })),
  );

const captioned = (page: Page, n: number, timeout = 120_000) =>
  page.waitForSelector(`main[data-model="pretrained"][data-captioned="${n}"][data-busy="false"]`, {
    timeout,
  });

/** Captions of the model's input pixels and decoder walks, straight through the protocol. */
async function hammer(page: Page, rounds: number): Promise<void> {
  const scene = (await call(page, {
    type: 'task/probe',
    task: 'captioning',
    probe: 'scene',
    input: { seed: 7, split: 'held-out' },
  })) as { result: { pixels: number[] } };
  const { pixels } = scene.result;
  for (let i = 0; i < rounds; i++) {
    await call(page, {
      type: 'task/probe',
      task: 'captioning',
      probe: 'caption',
      input: { pixels, beamWidth: 1 + (i % 5) },
    });
    await call(page, {
      type: 'task/probe',
      task: 'captioning',
      probe: 'steps',
      input: { pixels, words: i % 2 ? ['there', 'is'] : ['a'] },
    });
  }
}

describe('captioning page (Chromium)', () => {
  it('on wasm: captions, beams, the decoder word by word, every image source, the CLI’s beams for a photo', async () => {
    const { page, errors } = await demo.open('?backend=wasm', '#/captioning');
    expect(await readyBackend(page)).toBe('wasm');
    await captioned(page, 1);
    const facts = page.getByTestId('model-facts');
    expect(await facts.getAttribute('data-origin')).toBe('pretrained');
    expect(await facts.locator('[data-fact="steps"]').textContent()).toMatch(/^\d[\d,]*$/);

    // greedy caption and beams (3 by default, best score first)
    const greedy = (await page.getByTestId('greedy-caption').getAttribute('data-caption'))!;
    expect(greedy.split(' ').length).toBeGreaterThanOrEqual(4);
    wasmBeams = await beams(page);
    expect(wasmBeams).toHaveLength(3);
    for (const b of wasmBeams) expect(b.logProb).toBeLessThan(0);
    expect(await page.getByTestId('references').textContent()).toMatch(
      /^The grammar describes it as/,
    );

    // the decoder: one step open, Next word twice, a forced word, then all words
    const steps = page.getByTestId('decoder-steps');
    expect(await steps.getAttribute('data-shown')).toBe('1');
    const total = Number(await steps.getAttribute('data-total'));
    expect(total).toBe(greedy.split(' ').length + 1); // the words and <eos>
    await page.getByTestId('next-word').click();
    await page.getByTestId('next-word').click();
    expect(await steps.getAttribute('data-shown')).toBe('3');
    const step = page.locator('[data-testid="decoder-step"][data-step="2"]');
    const candidates = step.locator('[data-testid="step-candidate"]');
    expect(await candidates.count()).toBe(5);
    const probs = await candidates.evaluateAll((b) =>
      b.map((x) => Number((x as HTMLElement).dataset.prob)),
    );
    expect([...probs].sort((a, b) => b - a)).toEqual(probs);
    expect(await step.getAttribute('data-word')).toBe(greedy.split(' ')[2]);
    const other = (await candidates.nth(1).getAttribute('data-word'))!;
    await candidates.nth(1).click();
    await page.waitForSelector(`[data-testid="decoder-step"][data-step="2"][data-word="${other}"]`);
    expect(
      await page.locator('[data-testid="step-sentence"] .caption-token.forced').textContent(),
    ).toBe(other);
    expect(await steps.getAttribute('data-shown')).toBe('4'); // the forced word and the next one
    await page.getByTestId('all-words').click();
    expect(await steps.getAttribute('data-shown')).toBe(await steps.getAttribute('data-total'));
    await page.getByTestId('restart-steps').click(); // back to the greedy walk, <bos> only
    await page.waitForSelector('[data-testid="decoder-steps"][data-shown="0"]', {
      state: 'attached',
    });
    expect(await steps.getAttribute('data-total')).toBe(String(total));

    // every image source: a new scene, a held-out one, a built one (and a colour changed)
    await page.getByTestId('new-scene').click();
    await captioned(page, 2);
    await page.getByTestId('new-held-out-scene').click();
    await captioned(page, 3);
    expect(await page.getByTestId('image-note').textContent()).toMatch(/held-out combination/);
    await page.getByTestId('mode-built').click();
    await captioned(page, 4);
    await page.getByTestId('colour-1').selectOption('green');
    await captioned(page, 5);
    expect(await page.getByTestId('references').textContent()).toContain('a small green circle');
    await page.getByTestId('caption-image').click({ position: { x: 100, y: 20 } }); // move shape 1
    await captioned(page, 6);

    // a photo: the fixture PNG through the file picker gets the CLI's beams
    await page.getByTestId('mode-photo').click();
    await page.getByTestId('photo-input').setInputFiles(scenePng);
    await captioned(page, 7);
    const shown = await beams(page);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [trainerBin, 'predict', modelDir, scenePng, '--json', '--backend', 'wasm'],
      { cwd: repoRoot, timeout: 60_000, encoding: 'utf8' },
    );
    const cli = (JSON.parse(stdout.trim()) as { captions: { words: string[]; logProb: number }[] })
      .captions;
    expect(shown.map((b) => b.caption)).toEqual(cli.map((c) => c.words.join(' ')));
    const diff = Math.max(...cli.map((c, i) => Math.abs(c.logProb - shown[i]!.logProb)));
    console.log(
      `wasm: photo beams vs recurrent predict: max |log p diff| ${diff.toExponential(2)}`,
    );
    expect(diff).toBeLessThan(wasmBound);
    await demo.screenshot(page, 'captioning');

    // flat tensors over many captions and decoder walks
    await hammer(page, 2);
    const before = await tensors(page);
    await hammer(page, 40);
    console.log(
      `wasm: numTensors ${before} before, ${await tensors(page)} after 40 captions + 40 walks`,
    );
    expect(await tensors(page)).toBe(before);
    expect(errors).toEqual([]);
  }, 300_000);

  it('on webgpu: loads, captions the first scene with wasm’s beams, steps the decoder, tensors flat', async () => {
    const { page, errors } = await demo.open('?backend=webgpu', '#/captioning');
    expect(await readyBackend(page)).toBe('webgpu');
    await captioned(page, 1, 240_000);
    const shown = await beams(page);
    expect(shown.map((b) => b.caption)).toEqual(wasmBeams.map((b) => b.caption));
    const diff = Math.max(...shown.map((b, i) => Math.abs(b.logProb - wasmBeams[i]!.logProb)));
    console.log(`webgpu: first scene's beams vs wasm: max |log p diff| ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(webgpuBound);
    await page.getByTestId('next-word').click();
    expect(await page.getByTestId('decoder-steps').getAttribute('data-shown')).toBe('2');
    await hammer(page, 1);
    const before = await tensors(page);
    await hammer(page, 5);
    expect(await tensors(page)).toBe(before);
    expect(errors).toEqual([]);
  }, 300_000);
});
