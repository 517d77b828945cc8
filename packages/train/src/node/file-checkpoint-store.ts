/**
 * Checkpoints in a run folder on disk (Node only): `<runDir>/latest/`, `<runDir>/best/`,
 * each with its previous complete version beside it as `latest.prev/`, `best.prev/`.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { CheckpointStore } from '../checkpoint/checkpoint-store.js';
import type { CheckpointContents } from '../checkpoint/checkpoint-types.js';
import { encodeCheckpoint } from '../checkpoint/encode-checkpoint.js';
import { readCheckpointFolder } from './read-checkpoint-folder.js';
import { previousOf, writeCheckpointFolder } from './write-checkpoint-folder.js';

async function hasConfig(dir: string): Promise<boolean> {
  try {
    await stat(path.join(dir, 'config.json'));
    return true;
  } catch {
    return false;
  }
}

/**
 * @example
 * const store = fileCheckpointStore('runs/char-lm');
 * await train({ ..., checkpointStore: store }); // or simply checkpointDir: 'runs/char-lm'
 */
export function fileCheckpointStore(runDir: string): CheckpointStore {
  const locate = (name: string) => path.join(runDir, name);
  return {
    locate,
    save: (name, files) => writeCheckpointFolder(locate(name), files),
    async load(name) {
      const dir = locate(name);
      if (await hasConfig(dir)) return readCheckpointFolder(dir);
      // A kill between the two renames of a save leaves only `<name>.prev`: complete, one older.
      if (await hasConfig(previousOf(dir))) return readCheckpointFolder(previousOf(dir));
      return null;
    },
  };
}

/**
 * Writes one checkpoint folder `dir` atomically (temporary sibling, fsync, rename), keeping
 * the one it replaces as `dir.prev`.
 *
 * @example
 * await saveCheckpoint('runs/char-lm/latest', { config: { task: 'char-lm' }, weights: model.variables });
 */
export async function saveCheckpoint(dir: string, contents: CheckpointContents): Promise<string> {
  return writeCheckpointFolder(dir, await encodeCheckpoint(contents));
}
