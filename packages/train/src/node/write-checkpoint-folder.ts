/**
 * Crash-safe checkpoint folders on the filesystem (Node only).
 *
 * Writing `runs/x/latest`:
 *   1. every file goes into a hidden sibling `runs/x/.latest.tmp-<pid>-<tag>/`, each fsynced,
 *      then the folder itself is fsynced;
 *   2. an older `latest.prev` is renamed away to `.latest.trash-<pid>-<tag>` (deleted at the end);
 *   3. `latest` is renamed to `latest.prev`, the temporary folder to `latest`, the parent fsynced.
 * A kill at any moment leaves `latest` or `latest.prev` complete, and every folder whose name
 * does not start with a dot is a complete checkpoint; readers fall back to `latest.prev` when
 * `latest` is missing.
 *
 * Only checkpoints this project wrote are ever renamed or deleted: when `latest` or
 * `latest.prev` is anything else (a user's folder, a file, a checkpoint with extra files in
 * it), the write stops with a CheckpointError that says what is there, before touching anything.
 */
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { CheckpointFiles } from '../checkpoint/checkpoint-types.js';
import { ownCheckpointAt } from './own-checkpoint-at.js';
import { previousOf } from './previous-of.js';

async function writeFileSynced(file: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncFolder(folder: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot fsync a folder; the renames are still atomic there.
  } finally {
    await handle?.close();
  }
}

/**
 * Writes `files` as the folder `dir`, atomically, keeping the one it replaces as `dir.prev`.
 * Resolves to `dir`.
 */
export async function writeCheckpointFolder(dir: string, files: CheckpointFiles): Promise<string> {
  const parent = path.dirname(dir);
  const base = path.basename(dir);
  const prev = previousOf(dir);
  const replacing = await ownCheckpointAt(dir, 'replace');
  const dropping = replacing && (await ownCheckpointAt(prev, 'delete'));
  await mkdir(parent, { recursive: true });
  const tag = `${process.pid}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const tmp = path.join(parent, `.${base}.tmp-${tag}`);
  await mkdir(tmp);
  try {
    for (const [name, bytes] of files) await writeFileSynced(path.join(tmp, name), bytes);
    await syncFolder(tmp);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  let trash: string | null = null;
  if (replacing) {
    if (dropping) {
      trash = path.join(parent, `.${base}.trash-${tag}`);
      await rename(prev, trash);
    }
    await rename(dir, prev);
  }
  await rename(tmp, dir);
  await syncFolder(parent);
  if (trash) await rm(trash, { recursive: true, force: true });
  return dir;
}
