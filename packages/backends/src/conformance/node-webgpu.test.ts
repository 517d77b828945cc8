/**
 * The standard cases on `node-webgpu` (tfjs-backend-webgpu over Dawn in Node). Without a GPU
 * Dawn's adapter is Mesa's llvmpipe through OpenGL ES (`libegl-mesa0`, which .ci/run
 * installs), so CI always runs them; off CI they are skipped only where Dawn finds no adapter.
 */
import { describe, it } from 'vitest';
import { findDawnAdapter } from '../adapters/node-webgpu.js';
import { defaultImporter } from '../default-importer.js';
import { selectBackend } from '../select-backend.js';
import { describeBackend } from './describe-backend.js';

const found = await findDawnAdapter({ runtime: 'node', importModule: defaultImporter });

if (typeof found === 'string' && process.env.CI !== 'true') {
  describe('conformance: node-webgpu vs cpu', () => {
    // Off CI only: this machine has neither a GPU nor Mesa's EGL. On CI the suite runs (and fails).
    it.skip(`standard cases (skipped: ${found})`, () => {});
  });
} else {
  describeBackend('node-webgpu', {
    activate: () => selectBackend('node-webgpu'),
    tfjsName: 'webgpu',
  });
}
