/**
 * The fused paths' conformance cases on `node-webgpu` (tfjs-backend-webgpu over Dawn in Node),
 * against cpu. Without a GPU, Dawn's adapter is Mesa's llvmpipe through OpenGL ES (it needs
 * `libegl-mesa0`; .ci/run installs it), so CI runs these; elsewhere they are skipped only when
 * Dawn finds no adapter at all, and the skip says why.
 */
import { defaultImporter, findDawnAdapter, selectBackend } from '@recurrent/backends';
import { describeBackend } from '@recurrent/backends/conformance';
import { describe, it } from 'vitest';
import { fusedCases } from '../test-utils/fused-conformance-cases.js';

// The importer selectBackend uses, so both share one Dawn (webgpu is @recurrent/backends' peer).
const found = await findDawnAdapter({ runtime: 'node', importModule: defaultImporter });

if (typeof found === 'string' && process.env.CI !== 'true') {
  describe('conformance: node-webgpu vs cpu', () => {
    // Skipped only off CI, where this machine has neither a GPU nor Mesa's EGL; CI fails instead.
    it.skip(`fused cases (skipped: ${found})`, () => {});
  });
} else {
  describeBackend('node-webgpu', {
    activate: () => selectBackend('node-webgpu'),
    tfjsName: 'webgpu',
    cases: [],
    extraCases: fusedCases,
  });
}
