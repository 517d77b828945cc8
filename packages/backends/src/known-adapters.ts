/** Every adapter this package ships, in no particular order (priority decides). */

import {
  cpuAdapter,
  nodeAdapter,
  nodeGpuAdapter,
  nodeWebgpuAdapter,
  wasmAdapter,
  webglAdapter,
  webgpuAdapter,
} from './adapters/index.js';
import type { BackendAdapter } from './backend-adapter.js';

export const knownAdapters: readonly BackendAdapter[] = Object.freeze([
  nodeGpuAdapter,
  nodeAdapter,
  nodeWebgpuAdapter,
  webgpuAdapter,
  webglAdapter,
  wasmAdapter,
  cpuAdapter,
]);
