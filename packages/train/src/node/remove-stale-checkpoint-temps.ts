/**
 * Deletes the temporary and trash folders that a killed checkpoint writer left in a run
 * folder (`.latest.tmp-<pid>-<tag>`, `.best.trash-<pid>-<tag>`), when that process is gone
 * and the folder holds checkpoint files only (so nothing a user put there is ever deleted).
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { holdsOnlyCheckpointFiles } from './inspect-checkpoint-folder.js';
import { isProcessAlive } from './is-process-alive.js';

/** Resolves to the names it removed. */
export async function removeStaleCheckpointTemps(runDir: string): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(runDir, { withFileTypes: true });
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const match = /^\..+\.(?:tmp|trash)-(\d+)-[a-z0-9]+$/.exec(entry.name);
    if (!match || !entry.isDirectory() || isProcessAlive(Number(match[1]))) continue;
    const dir = path.join(runDir, entry.name);
    if (!(await holdsOnlyCheckpointFiles(dir))) continue;
    await rm(dir, { recursive: true, force: true });
    removed.push(entry.name);
  }
  return removed;
}
