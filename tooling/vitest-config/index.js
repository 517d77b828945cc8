// Shared Vitest configs. `nodeConfig()` runs `src/**/*.test.ts` in Node; `browserConfig()`
// runs `src/**/*.browser.test.ts` in headless Chromium through playwright-core.
// Workspace packages resolve to their TypeScript sources (the `@recurrent/source` export
// condition), so tests never wait for a build of their dependencies.
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumArgs, chromiumPath } from './chromium.js';

const sourceCondition = '@recurrent/source';

const resolve = {
  conditions: [sourceCondition, 'module', 'browser', 'development|production'],
};

/** Node tests: every `*.test.ts` beside the code, except browser ones. */
export function nodeConfig(overrides = {}) {
  return defineConfig({
    resolve,
    ssr: { resolve: { conditions: [sourceCondition, 'module', 'node', 'development|production'] } },
    test: {
      include: ['src/**/*.test.ts'],
      exclude: ['src/**/*.browser.test.ts', '**/node_modules/**'],
      // Generous: under turbo every package's tests share the machine's 2 cores (load ~20 on
      // a slow host made 20 s cases take over 60 s). Tests check results, never time.
      testTimeout: 180_000,
      hookTimeout: 180_000,
      pool: 'forks',
      reporters: ['default', 'json'],
      outputFile: { json: 'test-results/vitest-node.json' },
      ...overrides,
    },
  });
}

/** Browser tests in Debian's headless Chromium (never a downloaded browser). */
export function browserConfig(overrides = {}) {
  return defineConfig({
    resolve,
    test: {
      include: ['src/**/*.browser.test.ts'],
      testTimeout: 120_000,
      hookTimeout: 120_000,
      reporters: ['default', 'json'],
      outputFile: { json: 'test-results/vitest-browser.json' },
      browser: {
        enabled: true,
        headless: true,
        screenshotFailures: false,
        provider: playwright({
          launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
        }),
        instances: [{ browser: 'chromium' }],
      },
      ...overrides,
    },
  });
}
