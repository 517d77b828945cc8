/**
 * The fused paths' conformance cases on `node-webgpu` (tfjs-backend-webgpu over Dawn in Node),
 * against cpu. Without a GPU, Dawn's adapter is Mesa's llvmpipe through OpenGL ES (it needs
 * `libegl-mesa0`; .ci/run installs it), so CI runs these; elsewhere they are skipped only when
 * Dawn finds no adapter at all, and the skip says why.
 */
import { defaultImporter, findDawnAdapter, selectBackend } from '@recurrent/backends';
import { describeBackend } from '@recurrent/backends/conformance';
import { describe } from 'vitest';
import { fusedCases } from '../test-utils/fused-conformance-cases.js';

// The importer selectBackend uses, so both share one Dawn (webgpu is @recurrent/backends' peer).
const found = await findDawnAdapter({ runtime: 'node', importModule: defaultImporter });

const missing = typeof found === 'string' && process.env.CI !== 'true' ? found : null;

// Skipped only off CI, where Dawn finds no adapter (no GPU, and no Mesa EGL: apt-get install
// libegl-mesa0, which .ci/run does); the reason is in the name. On CI it always runs.
describe.skipIf(missing !== null)(
  `node-webgpu fused cases${missing === null ? '' : ` (skipped: ${missing})`}`,
  () => {
    describeBackend('node-webgpu', {
      activate: () => selectBackend('node-webgpu'),
      tfjsName: 'webgpu',
      cases: [],
      extraCases: fusedCases,
    });
  },
);
