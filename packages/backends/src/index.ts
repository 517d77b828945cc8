export {
  cpuAdapter,
  describeDawnAdapter,
  explainNativeLoadError,
  type FoundDawnAdapter,
  findDawnAdapter,
  isSoftwareAdapter,
  nodeAdapter,
  nodeGpuAdapter,
  nodeWebgpuAdapter,
  wasmAdapter,
  webglAdapter,
  webgpuAdapter,
} from './adapters/index.js';
export type {
  AdapterContext,
  Availability,
  BackendAdapter,
  BackendName,
  ModuleImporter,
  Runtime,
} from './backend-adapter.js';
export { defaultImporter } from './default-importer.js';
export { detectRuntime } from './detect-runtime.js';
export { knownAdapters } from './known-adapters.js';
export {
  type BackendReportEntry,
  type BackendSelection,
  type SelectBackendOptions,
  selectBackend,
  tfjsVersion,
} from './select-backend.js';
