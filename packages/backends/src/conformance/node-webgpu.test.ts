/**
 * The standard cases on `node-webgpu` (tfjs-backend-webgpu over Dawn in Node). Without a GPU
 * Dawn's adapter is Mesa's llvmpipe through OpenGL ES (`libegl-mesa0`, which .ci/run
 * installs), so CI always runs them; off CI they are skipped only where Dawn finds no adapter.
 */
import { describe } from 'vitest';
import { findDawnAdapter } from '../adapters/node-webgpu.js';
import { defaultImporter } from '../default-importer.js';
import { selectBackend } from '../select-backend.js';
import { describeBackend } from './describe-backend.js';

const found = await findDawnAdapter({ runtime: 'node', importModule: defaultImporter });

const missing = typeof found === 'string' && process.env.CI !== 'true' ? found : null;

// Skipped only off CI, where Dawn finds no adapter (no GPU, and no Mesa EGL: apt-get install
// libegl-mesa0, which .ci/run does); the reason is in the name. On CI it always runs.
describe.skipIf(missing !== null)(
  `node-webgpu${missing === null ? '' : ` (skipped: ${missing})`}`,
  () => {
    describeBackend('node-webgpu', {
      activate: () => selectBackend('node-webgpu'),
      tfjsName: 'webgpu',
    });
  },
);
