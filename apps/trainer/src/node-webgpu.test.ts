/**
 * `--backend node-webgpu` from the real binary: doctor's line when Dawn finds an adapter and
 * when it does not, and a tiny char-LM trained on it whose checkpoint evaluates to the same
 * loss on wasm. Without a GPU, Dawn's adapter is Mesa's llvmpipe through OpenGL ES
 * (`libegl-mesa0`, installed by .ci/run); `EGL_PLATFORM=nonexistent` takes it away.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultImporter, findDawnAdapter } from '@recurrent/backends';
import { afterAll, describe, expect, it } from 'vitest';
import { runBin } from './test-bin.js';

const found = await findDawnAdapter({ runtime: 'node', importModule: defaultImporter });
const dir = mkdtempSync(path.join(tmpdir(), 'recurrent-node-webgpu-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const missing = typeof found === 'string' && process.env.CI !== 'true' ? found : null;

// Skipped only off CI, where Dawn finds no adapter (no GPU, and no Mesa EGL: apt-get install
// libegl-mesa0, which .ci/run does); the reason is in the name. On CI these always run.
describe.skipIf(missing !== null)(
  `--backend node-webgpu${missing === null ? '' : ` (skipped: ${missing})`}`,
  () => {
    it('doctor names the adapter it found, and says it is software', async () => {
      const { code, stdout } = await runBin(dir, ['doctor', '--backend', 'node-webgpu']);
      expect(code).toBe(0);
      expect(stdout).toMatch(
        /backend {5}node-webgpu \(requested node-webgpu: (software|hardware) adapter via (opengles|default): \S+/,
      );
      expect(stdout).toMatch(/\n {2}node-webgpu +yes +\* +(software|hardware) adapter via/);
    });

    it('doctor explains a missing adapter and falls back', async () => {
      const { code, stdout } = await runBin(dir, ['doctor', '--backend', 'node-webgpu'], {
        env: { EGL_PLATFORM: 'nonexistent' },
      });
      expect(code).toBe(0);
      if (typeof found !== 'string' && !found.software) return; // a real GPU answers anyway
      expect(stdout).toMatch(/backend {5}wasm \(requested node-webgpu/);
      expect(stdout).toMatch(
        /\n {2}node-webgpu +no +Dawn found no GPU adapter .* OpenGL ES found no EGL device \(without a GPU, install Mesa’s `libegl-mesa0`/,
      );
    });

    it('auto does not pick a software adapter, and says so', async () => {
      const { stdout } = await runBin(dir, ['doctor']);
      if (typeof found !== 'string' && !found.software) {
        expect(stdout).toMatch(/backend {5}node-webgpu \(chosen by auto/);
        return;
      }
      expect(stdout).toMatch(/backend {5}wasm \(chosen by auto/);
      expect(stdout).toMatch(/\n {2}node-webgpu +(no|yes) +.*(--backend node-webgpu)/);
    });

    it('trains the tiny char-LM; wasm evaluates its checkpoint to the same loss', async () => {
      const train = await runBin(dir, [
        'train',
        'char-lm',
        '--preset',
        'tiny',
        '--steps',
        '12',
        '--eval-every',
        '12',
        '--backend',
        'node-webgpu',
        '--runs-dir',
        dir,
        '--name',
        'gpu',
      ]);
      expect(train.code, train.stderr).toBe(0);
      const trained = /final: validation loss (\d+\.\d+) nats\/char .* at step 12 /.exec(
        train.stdout,
      );
      expect(trained, train.stdout).not.toBeNull();
      const evaluated = await runBin(dir, ['eval', 'gpu', '--runs-dir', dir, '--backend', 'wasm']);
      expect(evaluated.code, evaluated.stderr).toBe(0);
      const loss = /(\d+\.\d+) nats\/char/.exec(evaluated.stdout);
      expect(loss, evaluated.stdout).not.toBeNull();
      // The same weights on another backend: float32 shaders vs wasm, summed over 1 eval pass.
      expect(Math.abs(Number(loss![1]) - Number(trained![1]))).toBeLessThan(1e-3);
    });
  },
);
