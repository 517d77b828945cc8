/**
 * The clinical page in Chromium: the pretrained GRU (public/models/clinical, exported by
 * `recurrent export`) loads when the page opens and reads the generated stays; on wasm the
 * hourly risk of each stay equals what `recurrent predict <model> <stay.txt> --json
 * --backend wasm` prints (the real CLI, on the same stay files written to a temporary
 * folder) within `wasmBound`; on webgpu the unrounded risks stay within `webgpuBound` of
 * wasm's, and the saliency within `webgpuSaliencyBound` (the differences are printed); the
 * saliency heat map, the top-3 list and the vitals render and follow the selected hour;
 * training in the worker runs the protocol on generated stays with a falling loss; repeated
 * predict / explain / train calls leave the worker's tensor count flat.
 */

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageStay } from '../src/worker/clinical-page-stays.js';
import { appRoot, type Demo, readyBackend, startDemo } from './harness.js';
import { ensureTrainerBuilt, repoRoot, trainerBin } from './trainer-cli.js';

const modelDir = path.join(appRoot, 'public', 'models', 'clinical');
/** Max |page - CLI| per hour on wasm: both print the verb's 4-decimal risks from the same binary. */
const wasmBound = 1e-5;
/** The page's unrounded risks against the CLI's 4-decimal ones: half a unit of the 4th decimal. */
const roundingBound = 5e-5 + 1e-6;
/** Max |risk_webgpu - risk_wasm| per hour, unrounded (SwiftShader's float32): measured, see README. */
const webgpuBound = 1e-5;
/** Max |saliency_webgpu - saliency_wasm| (log-odds) per variable and hour: measured, see README. */
const webgpuSaliencyBound = 1e-5;
/** Stays compared with the CLI: the first survivor and the first death, and one more of each. */
const compared = 4;

let demo: Demo;
let dir: string;

interface CliStay {
  readonly recordId: number;
  readonly hourly: number[];
  readonly finalRisk: number;
}

beforeAll(async () => {
  ensureTrainerBuilt();
  dir = mkdtempSync(path.join(tmpdir(), 'clinical-e2e-'));
  demo = await startDemo();
}, 360_000);

afterAll(async () => {
  await demo?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Client = { call(r: object): Promise<Record<string, unknown>> };
const call = (page: Page, request: object) =>
  page.evaluate(async (r) => {
    const demo = (globalThis as unknown as { recurrentDemo: { client: Client } }).recurrentDemo;
    return demo.client.call(r);
  }, request);

const tensors = async (page: Page) =>
  ((await call(page, { type: 'stats' })) as { stats: { numTensors: number } }).stats.numTensors;

/** `recurrent predict <model> <files> --json --backend wasm`: one JSON line per stay. */
async function recurrentPredictStays(files: readonly string[]): Promise<CliStay[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [trainerBin, 'predict', modelDir, ...files, '--json', '--backend', 'wasm'],
    { cwd: repoRoot, timeout: 60_000, encoding: 'utf8' },
  );
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as CliStay);
}

interface Shown {
  readonly recordId: number;
  readonly risk: number[];
  readonly exact: number[];
}

/** Picks stay `i` in the picker and waits until its risk, saliency and vitals are drawn. */
async function show(page: Page, i: number, recordId: number): Promise<Shown> {
  await page.getByTestId('stay-picker').selectOption(String(i));
  await page.waitForFunction(
    (id) => {
      const main = document.querySelector('main') as HTMLElement | null;
      return main?.dataset.shown === String(id) && main.dataset.explaining === 'false';
    },
    recordId,
    { timeout: 120_000 },
  );
  return page.evaluate(() => {
    const el = document.querySelector('[data-testid="risk-chart"]') as HTMLElement;
    return {
      recordId: Number(el.dataset.record),
      risk: el.dataset.risk!.split(',').map(Number),
      exact: el.dataset.exact!.split(',').map(Number),
    };
  });
}

const maxDiff = (a: readonly number[], b: readonly number[]) => {
  expect(a.length).toBe(b.length);
  return Math.max(...a.map((x, t) => Math.abs(x - b[t]!)));
};

/** The stays the page offers (from its worker) and the picker indices compared with the CLI. */
async function pageStays(page: Page): Promise<{ stays: PageStay[]; picks: number[] }> {
  const reply = (await call(page, {
    type: 'task/probe',
    task: 'clinical',
    probe: 'stays',
    input: {},
  })) as { result: PageStay[] };
  const stays = reply.result;
  const deaths = stays.flatMap((s, i) => (s.died ? [i] : []));
  const survivors = stays.flatMap((s, i) => (s.died ? [] : [i]));
  const picks = [survivors[0]!, deaths[0]!, survivors[1]!, deaths[1]!].slice(0, compared);
  return { stays, picks };
}

let wasmExact: Map<number, number[]> = new Map();
let wasmSaliency: { recordId: number; values: number[][] } | null = null;

/** The `explain` probe's saliency of one stay file. */
const saliencyOf = async (page: Page, text: string) =>
  (
    (await call(page, {
      type: 'task/probe',
      task: 'clinical',
      probe: 'explain',
      input: { text },
    })) as { result: { values: number[][] } }
  ).result.values;

describe('the clinical page', () => {
  it('on wasm: every hourly risk equals `recurrent predict`; saliency and vitals render', async () => {
    const { page, errors } = await demo.open('?backend=wasm', '#/clinical');
    expect(await readyBackend(page)).toBe('wasm');
    await page.waitForSelector('main[data-model="pretrained"][data-shown]', { timeout: 120_000 });
    const { stays, picks } = await pageStays(page);
    expect(stays.length).toBe(8);
    expect(await page.getByTestId('stay-picker').locator('option').count()).toBe(8);
    const files = picks.map((i) => {
      const file = path.join(dir, `${stays[i]!.recordId}.txt`);
      writeFileSync(file, stays[i]!.text);
      return file;
    });
    const cli = await recurrentPredictStays(files);
    wasmExact = new Map();
    for (const [k, i] of picks.entries()) {
      const stay = stays[i]!;
      const shown = await show(page, i, stay.recordId);
      const ref = cli[k]!;
      expect(ref.recordId).toBe(stay.recordId);
      const diff = maxDiff(shown.risk, ref.hourly);
      const exactDiff = maxDiff(shown.exact, ref.hourly);
      console.log(
        `wasm: stay ${stay.recordId} (${stay.died ? 'died' : 'survived'}) ${shown.risk.length} h, final risk ${ref.finalRisk}: max |page - CLI| ${diff.toExponential(2)}, unrounded ${exactDiff.toExponential(2)}`,
      );
      expect(diff).toBeLessThan(wasmBound);
      expect(exactDiff).toBeLessThan(roundingBound);
      wasmExact.set(stay.recordId, shown.exact);
    }
    const first = stays[picks[0]!]!;
    wasmSaliency = { recordId: first.recordId, values: await saliencyOf(page, first.text) };

    // Saliency: the 12-row heat map over every hour, the top 3 of the selected hour.
    const sal = page.getByTestId('saliency');
    const hours = Number(await page.getByTestId('risk-chart').getAttribute('data-hours'));
    expect(Number(await sal.getAttribute('data-hours'))).toBe(hours);
    expect((await sal.getAttribute('data-rows'))!.split(',').length).toBe(12);
    const canvas = await sal.locator('canvas').boundingBox();
    expect(canvas!.width).toBeGreaterThan(100);
    const hour = Math.min(11, hours - 1);
    await page.locator(`[data-testid="risk-chart"] rect[data-hour="${hour}"]`).click();
    expect(await sal.getAttribute('data-selected')).toBe(String(hour));
    const items = page.getByTestId('saliency-top').locator('li');
    expect(await items.count()).toBe(3);
    const values = (await items.evaluateAll((li) =>
      li.map((e) => Number((e as HTMLElement).dataset.value)),
    )) as number[];
    expect(values.every((v) => Number.isFinite(v) && v !== 0)).toBe(true);
    for (let k = 1; k < values.length; k++) {
      expect(Math.abs(values[k - 1]!)).toBeGreaterThanOrEqual(Math.abs(values[k]!));
    }
    expect(await page.getByTestId('saliency-hour').textContent()).toBe(
      `After hour ${hour + 1}, the risk was moved most by`,
    );
    // Vitals: six charts, heart rate charted about hourly.
    const vitals = page.getByTestId('vitals-chart').locator('.vital');
    expect(await vitals.count()).toBe(6);
    expect(
      Number(await vitals.first().getAttribute('data-points')),
      'HR measurements',
    ).toBeGreaterThan(20);
    console.log(
      `saliency at hour ${hour + 1}: ${await page.getByTestId('saliency-top').textContent()}; rows ${await sal.getAttribute('data-rows')}`,
    );
    await demo.screenshot(page, 'clinical');
    expect(errors).toEqual([]);
  }, 300_000);

  it('keeps the worker tensor count flat over repeated predict, saliency and train calls', async () => {
    const { page, errors } = await demo.open('?backend=wasm', '#/clinical');
    await readyBackend(page);
    await page.waitForSelector('main[data-model="pretrained"][data-shown]', { timeout: 120_000 });
    const { stays } = await pageStays(page);
    const first = await tensors(page);
    for (let k = 0; k < 8; k++) {
      const text = stays[k % stays.length]!.text;
      await call(page, { type: 'task/predict', task: 'clinical', inputs: [text], options: {} });
      await call(page, { type: 'task/probe', task: 'clinical', probe: 'explain', input: { text } });
    }
    await show(page, 3, stays[3]!.recordId);
    expect(await tensors(page)).toBe(first);

    const trainOnce = async (resume: boolean) => {
      const started = Date.now();
      await call(page, {
        type: 'task/train',
        task: 'clinical',
        config: {
          data: { stays: 200, folds: 2 },
          preset: 'default',
          hyperParameters: { units: 16 },
          steps: 10,
          evalEvery: 5,
          resume,
        },
      });
      return Date.now() - started;
    };
    const ms = await trainOnce(false);
    const afterTrain = await tensors(page);
    await trainOnce(true); // continues the same model: same variables, same optimizer slots
    await trainOnce(true);
    for (let k = 0; k < 4; k++) {
      await call(page, {
        type: 'task/probe',
        task: 'clinical',
        probe: 'explain',
        input: { text: stays[k]!.text },
      });
    }
    const end = await tensors(page);
    console.log(
      `tensors: ${first} with the pretrained model after 16 predict/explain calls; ${afterTrain} after a first training (${ms} ms for 2 folds x 10 steps on 200 stays), ${end} after two more and 4 explains`,
    );
    expect(end).toBe(afterTrain);
    expect(errors).toEqual([]);
  }, 300_000);

  it('trains in the worker on generated stays: the loss falls, AUROC and the notes appear', async () => {
    const { page, errors } = await demo.open('?backend=wasm', '#/clinical');
    await readyBackend(page);
    await page.waitForSelector('main[data-model="pretrained"][data-shown]', { timeout: 120_000 });
    await page.getByTestId('steps').fill('60');
    const started = Date.now();
    await page.getByTestId('train-button').click();
    await page.waitForFunction(
      () => document.querySelector('main')?.dataset.trainedSteps === '60',
      undefined,
      { timeout: 300_000 },
    );
    const ms = Date.now() - started;
    const main = page.locator('main');
    const early = Number(await main.getAttribute('data-early-loss'));
    const late = Number(await main.getAttribute('data-late-loss'));
    const validation = (await page.getByTestId('loss-chart').getAttribute('data-validation')) ?? '';
    const notes = await page.getByTestId('train-notes').locator('figcaption').allTextContents();
    console.log(
      `clinical training on wasm: 2 folds x 60 steps on 800 stays (+ baseline) in ${ms} ms; loss (mean of 10 steps) ${early.toFixed(3)} -> ${late.toFixed(3)}; validation AUROC ${validation}; status: ${await page.getByTestId('train-status').textContent()}`,
    );
    expect(late).toBeLessThan(early);
    expect(validation.split(',').length).toBeGreaterThanOrEqual(1);
    expect(notes.join('\n')).toMatch(/cross-validation/);
    expect(await main.getAttribute('data-model')).toBe('trained');
    // The stay is read again with the trained model.
    await page.waitForFunction(
      () => (document.querySelector('main') as HTMLElement).dataset.explaining === 'false',
    );
    expect(await page.getByTestId('risk-chart').getAttribute('data-risk')).toBeTruthy();
    expect(errors).toEqual([]);
  }, 360_000);

  it('on webgpu: the same hourly risks and saliency within the measured tolerance', async () => {
    expect(wasmExact.size, 'the wasm test ran first').toBe(compared);
    const { page, errors } = await demo.open('?backend=webgpu', '#/clinical');
    expect(await readyBackend(page)).toBe('webgpu');
    await page.waitForSelector('main[data-model="pretrained"][data-shown]', { timeout: 180_000 });
    const { stays, picks } = await pageStays(page);
    let worst = 0;
    for (const i of picks.slice(0, 2)) {
      const stay = stays[i]!;
      const shown = await show(page, i, stay.recordId);
      const diff = maxDiff(shown.exact, wasmExact.get(stay.recordId)!);
      worst = Math.max(worst, diff);
      console.log(
        `webgpu: stay ${stay.recordId}: max |risk_webgpu - risk_wasm| ${diff.toExponential(2)} over ${shown.exact.length} h`,
      );
    }
    expect(worst).toBeLessThan(webgpuBound);
    const stay = stays.find((st) => st.recordId === wasmSaliency!.recordId)!;
    const gpu = await saliencyOf(page, stay.text);
    const salDiff = Math.max(...gpu.map((row, v) => maxDiff(row, wasmSaliency!.values[v]!)));
    const largest = Math.max(...wasmSaliency!.values.flat().map(Math.abs));
    console.log(
      `webgpu: stay ${stay.recordId}: max |saliency_webgpu - saliency_wasm| ${salDiff.toExponential(2)} (largest |saliency| ${largest.toFixed(3)})`,
    );
    expect(salDiff).toBeLessThan(webgpuSaliencyBound);
    expect(Number(await page.getByTestId('saliency').getAttribute('data-hours'))).toBeGreaterThan(
      0,
    );
    expect(errors).toEqual([]);
  }, 300_000);
});
