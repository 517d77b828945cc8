/**
 * Reads and verifies a checkpoint folder from the filesystem (Node only).
 */

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CheckpointError } from '@recurrent/errors';
import type { Checkpoint } from '../checkpoint/checkpoint-types.js';
import { decodeCheckpoint } from '../checkpoint/decode-checkpoint.js';

/**
 * Loads the checkpoint in folder `location` (a path or a `file:` URL), exactly that folder;
 * `fileCheckpointStore(runDir).load('latest')` also falls back to `latest.prev`.
 */
export async function readCheckpointFolder(location: string | URL): Promise<Checkpoint> {
  const dir = String(location).startsWith('file:') ? fileURLToPath(location) : String(location);
  return decodeCheckpoint(async (file) => {
    const where = path.join(dir, file);
    try {
      return new Uint8Array(await readFile(where));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null; // ENOTDIR: `dir` is a file
      throw new CheckpointError(`${where}: could not read it (${(error as Error).message}).`, {
        cause: error,
      });
    }
  }, dir);
}
