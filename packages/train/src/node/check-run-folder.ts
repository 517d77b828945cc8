/**
 * Checks, before training starts, that a checkpoint save in `runDir` will never have to move
 * or delete something this project did not write: `latest`, `best` and their `.prev` copies
 * are each missing or a checkpoint of ours. Throws the CheckpointError a save would throw.
 */
import path from 'node:path';
import { ownCheckpointAt } from './own-checkpoint-at.js';
import { previousOf } from './previous-of.js';

/**
 * @example
 * await checkRunFolder('runs/char-lm'); // throws if runs/char-lm/best holds a user's notes
 */
export async function checkRunFolder(
  runDir: string,
  names: readonly string[] = ['latest', 'best'],
): Promise<void> {
  for (const name of names) {
    const dir = path.join(runDir, name);
    await ownCheckpointAt(dir, 'replace');
    await ownCheckpointAt(previousOf(dir), 'delete');
  }
}
