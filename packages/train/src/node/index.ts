export {
  fileCheckpointStore,
  saveCheckpoint,
} from './file-checkpoint-store.js';
export { readCheckpointFolder, removeStaleCheckpointTemps } from './read-checkpoint-folder.js';
export { registerTfjsCoreEsmHooks } from './tfjs-core-esm-hooks.js';
export { previousOf, writeCheckpointFolder } from './write-checkpoint-folder.js';
