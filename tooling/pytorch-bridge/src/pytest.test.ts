/** python/'s own pytest suite, so `pnpm test` runs it and counts it. */
import { describe, expect, it } from 'vitest';
import { noPytest, PYTHON, pythonDir, runPython } from './python.js';

// Skipped only where Debian's python3-torch or python3-pytest is missing; .ci/run installs both.
describe.skipIf(noPytest !== null)(
  `pytest python/tests${noPytest ? ` (skipped: ${noPytest})` : ''}`,
  () => {
    it('passes', async () => {
      const r = await runPython(
        PYTHON,
        ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests'],
        pythonDir,
      );
      expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(/\d+ passed/);
      expect(r.stdout).not.toMatch(/failed|error/);
    });
  },
);
