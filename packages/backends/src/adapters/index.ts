export { cpuAdapter } from './cpu.js';
export { explainNativeLoadError, nodeAdapter, nodeGpuAdapter } from './node-native.js';
export {
  describeDawnAdapter,
  type FoundDawnAdapter,
  findDawnAdapter,
  isSoftwareAdapter,
  nodeWebgpuAdapter,
} from './node-webgpu.js';
export { wasmAdapter } from './wasm.js';
export { webglAdapter } from './webgl.js';
export { webgpuAdapter } from './webgpu.js';
