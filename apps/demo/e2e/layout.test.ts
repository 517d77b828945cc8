/**
 * Every page at a phone (390 x 844) and a desktop (1280 x 800) viewport: no horizontal
 * overflow (the document is exactly as wide as the viewport), every control reachable (inside
 * the viewport's width once scrolled to), a screenshot of each into test-results/screenshots/.
 * The home lists every route; a route still to come says "coming", an unknown one "no such
 * page" (never the cell lab).
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

const viewports = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

const pages = [
  { hash: '#/', name: 'home', ready: '[data-testid="home-list"]' },
  { hash: '#/cell-lab', name: 'cell-lab', ready: '[data-testid="h-map"] .heat-map[data-steps]' },
  { hash: '#/char-lm', name: 'char-lm', ready: 'main[data-model="pretrained"]' },
  {
    hash: '#/sentiment',
    name: 'sentiment',
    ready: 'main[data-model="pretrained"] [data-testid="sentence-reading-1"][data-trajectory]',
  },
  {
    hash: '#/clinical',
    name: 'clinical',
    ready: 'main[data-model="pretrained"] [data-testid="saliency"][data-rows]',
  },
  {
    // k = 100 draws the widest heat map (110 steps); 10 steps keep it to a few seconds.
    hash: '#/vanishing-gradients?k=100&steps=10&every=5',
    name: 'vanishing-gradients',
    ready: 'main[data-running="none"] [data-testid="train-one"]:not([disabled])',
  },
  {
    hash: '#/captioning',
    name: 'captioning',
    ready: 'main[data-model="pretrained"][data-captioned="1"] [data-testid="beam"]',
  },
  { hash: '#/no-such-page', name: 'not-found', ready: '[data-testid="not-found"]' },
] as const;

/** Controls whose box, once scrolled to, reaches past the viewport's right or left edge. */
async function unreachable(page: Page): Promise<string[]> {
  const controls = page.locator(
    'main button, main input, main select, main textarea, main a, header button, header select, header a',
  );
  const out: string[] = [];
  const width = page.viewportSize()!.width;
  for (const control of await controls.all()) {
    if (!(await control.isVisible())) continue;
    await control.scrollIntoViewIfNeeded();
    const box = await control.boundingBox();
    if (!box) continue;
    // Inside a sideways-scrolling strip (the nav on a phone) the strip itself scrolls to it.
    if (box.x < -1 || box.x + box.width > width + 1) {
      out.push(
        `${await control.evaluate((el) => el.outerHTML.slice(0, 80))} at x ${Math.round(box.x)}..${Math.round(box.x + box.width)}`,
      );
    }
  }
  return out;
}

describe('every page at phone and desktop sizes', () => {
  for (const vp of viewports) {
    it(`${vp.name} ${vp.width}x${vp.height}: no horizontal overflow, every control reachable, screenshots`, async () => {
      const { page, errors } = await demo.open('?backend=wasm', '#/', { viewport: vp });
      await readyBackend(page);
      for (const p of pages) {
        await page.goto(`${demo.baseUrl}?backend=wasm${p.hash}`);
        await page.locator(p.ready).first().waitFor({ timeout: 60_000 });
        if (p.name === 'cell-lab') {
          await page.getByTestId('kind-lstm').click(); // the LSTM's equations are the widest
          await page.locator('[data-testid="gates"] canvas').first().waitFor();
        }
        if (p.name === 'vanishing-gradients') {
          await page.getByTestId('train-one').click(); // a filled map, curve and table
          await page.locator('main[data-finished="1"][data-running="none"]').waitFor();
        }
        const widths = await page.evaluate(() => ({
          doc: document.documentElement.scrollWidth,
          view: window.innerWidth,
        }));
        expect(widths.doc, `${p.name}: document width`).toBe(widths.view);
        expect(await unreachable(page), `${p.name}: unreachable controls`).toEqual([]);
        await demo.screenshot(page, `${p.name}-${vp.width}x${vp.height}`);
      }
      // The home lists every route with a sentence and a picture; "coming" only for pages not built.
      await page.goto(`${demo.baseUrl}?backend=wasm#/`);
      const cards = page.locator('[data-testid="home-list"] li');
      await cards.first().waitFor(); // a hash change: the home renders after its chunk loads
      expect(await cards.count()).toBe(6);
      expect(await cards.locator('svg').count()).toBe(6);
      expect(await page.locator('[data-route="cell-lab"] a').count()).toBe(1);
      expect(await page.locator('[data-route="char-lm"] a').count()).toBe(1);
      expect(await page.locator('[data-route="sentiment"] a').count()).toBe(1);
      expect(await page.locator('[data-route="clinical"] a').count()).toBe(1);
      expect(await page.locator('[data-route="vanishing-gradients"] a').count()).toBe(1);
      expect(await page.locator('[data-route="captioning"] a').count()).toBe(1);
      await page.goto(`${demo.baseUrl}?backend=wasm#/no-such-page`);
      await page.getByTestId('not-found').waitFor();
      expect(await page.locator('[data-testid="h-map"]').count()).toBe(0);
      expect(errors).toEqual([]);
    }, 300_000);
  }
});
