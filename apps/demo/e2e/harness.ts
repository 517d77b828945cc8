/**
 * The e2e harness: a Vite dev server of the demo (started in-process from vite.config.ts on a
 * free port, with the COOP/COEP headers) and Debian's Chromium driven by playwright-core.
 * Every page gets a console/page-error log and a long-task recorder installed before any
 * script runs. `close()` kills the browser and the server whatever happened before.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, chromiumPath } from '@recurrent/vitest-config/chromium';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { build, createServer, preview } from 'vite';

export const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const screenshotDir = path.join(appRoot, 'test-results', 'screenshots');

export interface LoggedPage {
  readonly page: Page;
  /** Console messages of level error and uncaught page errors, in order. */
  readonly errors: string[];
  /** Every console message, `type: text`. */
  readonly console: string[];
}

export interface LongTask {
  readonly start: number;
  readonly duration: number;
}

/** Installed before the page's scripts: records every main-thread task longer than 50 ms. */
const longTaskRecorder = `
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { window.__longTasksUnsupported = String(e); }
`;

export interface Demo {
  readonly baseUrl: string;
  open(
    query?: string,
    hash?: string,
    options?: { args?: string[]; viewport?: { width: number; height: number } },
  ): Promise<LoggedPage>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

interface Served {
  readonly port: number;
  close(): Promise<void>;
}

/** A Vite dev server of the demo (sources, no build). */
async function serveDev(): Promise<Served> {
  const server = await createServer({
    configFile: path.join(appRoot, 'vite.config.ts'),
    root: appRoot,
    logLevel: 'warn',
    clearScreen: false,
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    // Only vite.config.ts's `optimizeDeps.include` is pre-bundled: a late discovery would
    // re-run the optimizer under a loading page (see that list's comment).
    optimizeDeps: { noDiscovery: true },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('vite: no port');
  return { port: address.port, close: () => server.close() };
}

/** `vite build` into test-results/site, then `vite preview` of it: the static site. */
async function serveBuilt(): Promise<Served> {
  const outDir = path.join(appRoot, 'test-results', 'site');
  const configFile = path.join(appRoot, 'vite.config.ts');
  await build({
    configFile,
    root: appRoot,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  const server = await preview({
    configFile,
    root: appRoot,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('vite preview: no port');
  return { port: address.port, close: () => server.close() };
}

export async function startDemo(mode: 'dev' | 'built' = 'dev'): Promise<Demo> {
  const server = mode === 'dev' ? await serveDev() : await serveBuilt();
  const baseUrl = `http://127.0.0.1:${server.port}/`;

  const browsers = new Map<string, Browser>();
  const contexts: BrowserContext[] = [];
  async function browserWith(args: string[]): Promise<Browser> {
    const key = args.join(' ');
    let browser = browsers.get(key);
    if (!browser) {
      browser = await chromium.launch({ executablePath: chromiumPath, args, headless: true });
      browsers.set(key, browser);
    }
    return browser;
  }

  mkdirSync(screenshotDir, { recursive: true });
  return {
    baseUrl,
    async open(query = '', hash = '#/cell-lab', options = {}) {
      const browser = await browserWith(options.args ?? chromiumArgs);
      const viewport = options.viewport ?? { width: 1280, height: 900 };
      const context = await browser.newContext({ viewport });
      contexts.push(context);
      const page = await context.newPage();
      const errors: string[] = [];
      const consoleLog: string[] = [];
      page.on('console', (m) => {
        consoleLog.push(`${m.type()}: ${m.text()}`);
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      await page.addInitScript(longTaskRecorder);
      await page.goto(`${baseUrl}${query}${hash}`);
      return { page, errors, console: consoleLog };
    },
    async screenshot(page, name) {
      // From the top, so the sticky header sits where a reader sees it.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
    },
    async close() {
      // Never let a hung browser stall the suite: each close gets a few seconds.
      const bounded = (p: Promise<unknown>) =>
        Promise.race([p.catch(() => {}), new Promise((r) => setTimeout(r, 10_000))]);
      for (const c of contexts) await bounded(c.close());
      for (const b of browsers.values()) await bounded(b.close());
      browsers.clear();
      await bounded(server.close());
    },
  };
}

/** Long tasks recorded on `page` that started at or after `since` (performance.now() ms). */
export async function longTasksSince(page: Page, since: number): Promise<LongTask[]> {
  return page.evaluate(
    (t) =>
      ((window as unknown as { __longTasks: LongTask[] }).__longTasks ?? []).filter(
        (e) => e.start >= t,
      ),
    since,
  );
}

/** Waits until the backend badge says the worker is ready; returns the backend it shows. */
export async function readyBackend(page: Page, timeout = 60_000): Promise<string> {
  const badge = page.getByTestId('backend-badge');
  await page.waitForFunction(
    () => {
      const el = document.querySelector('[data-testid="backend-badge"]') as HTMLElement | null;
      return el?.dataset.state === 'ready' || el?.dataset.state === 'failed';
    },
    undefined,
    { timeout },
  );
  if ((await badge.getAttribute('data-state')) === 'failed') {
    const panel = await page.getByTestId('error-panel').textContent();
    throw new Error(`worker failed: ${await badge.textContent()}: ${panel}`);
  }
  return (await badge.getAttribute('data-backend')) ?? '';
}
