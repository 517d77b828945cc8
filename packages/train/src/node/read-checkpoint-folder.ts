/**
 * Reads and verifies a checkpoint folder from the filesystem (Node only).
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Checkpoint } from '../checkpoint/checkpoint-types.js';
import { decodeCheckpoint } from '../checkpoint/decode-checkpoint.js';

/**
 * Loads the checkpoint in folder `location` (a path or a `file:` URL), exactly that folder;
 * `fileCheckpointStore(runDir).load('latest')` also falls back to `latest.prev`.
 */
export async function readCheckpointFolder(location: string | URL): Promise<Checkpoint> {
  const dir = String(location).startsWith('file:') ? fileURLToPath(location) : String(location);
  return decodeCheckpoint(async (file) => {
    try {
      return new Uint8Array(await readFile(path.join(dir, file)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }, dir);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Deletes temporary and trash folders that a killed writer left in `runDir`
 * (`.latest.tmp-<pid>-...`, `.best.trash-<pid>-...`) when that process is gone.
 * Resolves to the names it removed.
 */
export async function removeStaleCheckpointTemps(runDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(runDir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = /^\..+\.(?:tmp|trash)-(\d+)-[a-z0-9]+$/.exec(name);
    if (!match || isAlive(Number(match[1]))) continue;
    await rm(path.join(runDir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
