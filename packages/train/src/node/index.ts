export { startWorkerPool } from '../workers/worker-pool.js';
export { checkRunFolder } from './check-run-folder.js';
export {
  fileCheckpointStore,
  saveCheckpoint,
} from './file-checkpoint-store.js';
export {
  type CheckpointFolderInspection,
  inspectCheckpointFolder,
} from './inspect-checkpoint-folder.js';
export { isProcessAlive } from './is-process-alive.js';
export {
  lockRunFolder,
  RUN_LOCK_FILE,
  type RunLock,
  type RunLockInfo,
} from './lock-run-folder.js';
export { previousOf } from './previous-of.js';
export { readCheckpointFolder } from './read-checkpoint-folder.js';
export { removeStaleCheckpointTemps } from './remove-stale-checkpoint-temps.js';
export { registerTfjsCoreEsmHooks } from './tfjs-core-esm-hooks.js';
export { writeCheckpointFolder } from './write-checkpoint-folder.js';
