/**
 * Checkpoints in a run folder on disk (Node only): `<runDir>/latest/`, `<runDir>/best/`,
 * each with its previous complete version beside it as `latest.prev/`, `best.prev/`.
 */
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { CheckpointStore } from '../checkpoint/checkpoint-store.js';
import type { CheckpointContents } from '../checkpoint/checkpoint-types.js';
import { encodeCheckpoint } from '../checkpoint/encode-checkpoint.js';
import { previousOf } from './previous-of.js';
import { readCheckpointFolder } from './read-checkpoint-folder.js';
import { writeCheckpointFolder } from './write-checkpoint-folder.js';

async function exists(p: string): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * `load(name)` reads `<runDir>/<name>`; when only `<name>.prev` is there (a kill between the
 * two renames of a save), it loads that one and says so in `fallbackFrom`. Anything wrong
 * with what it reads is a CheckpointError naming the file.
 *
 * @example
 * const store = fileCheckpointStore('runs/char-lm');
 * await train({ ..., checkpointStore: store }); // or simply checkpointDir: 'runs/char-lm'
 * const ck = await store.load('latest'); // ck.fallbackFrom: 'runs/char-lm/latest' if it used latest.prev
 */
export function fileCheckpointStore(runDir: string): CheckpointStore {
  const locate = (name: string) => path.join(runDir, name);
  return {
    locate,
    save: (name, files) => writeCheckpointFolder(locate(name), files),
    async load(name) {
      const dir = locate(name);
      if (await exists(dir)) return readCheckpointFolder(dir);
      const prev = previousOf(dir);
      if (await exists(prev)) return { ...(await readCheckpointFolder(prev)), fallbackFrom: dir };
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
