/**
 * End-to-end tests: Node drives Debian's Chromium (playwright-core) against a Vite dev server
 * started by the tests themselves. One file at a time, so one browser runs at once on the
 * 2-core machine.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest-e2e.json' },
  },
});
