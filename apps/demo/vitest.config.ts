/**
 * The demo's tests, one file at a time (so one browser runs at once on the 2-core machine):
 * - `src/**\/*.test.ts`: unit tests of the worker's plain parts (the model slot, a task
 *   session on a toy task), in Node;
 * - `e2e/**\/*.test.ts`: end-to-end tests, Node driving Debian's Chromium (playwright-core)
 *   against a Vite dev server started by the tests themselves.
 * Workspace packages resolve to their TypeScript sources, as in the page.
 */
import { defineConfig } from 'vitest/config';

const conditions = ['@recurrent/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest-e2e.json' },
  },
});
