/**
 * One process per run folder: `lockRunFolder(dir)` creates `<dir>/run.lock` holding this
 * process's id, host and start time, or refuses with a CheckpointError naming the process that
 * holds it. A lock whose process no longer runs (on this host) is stale and is taken over.
 *
 * The lock file appears atomically complete: it is written under a temporary name and
 * hard-linked into place, which fails when a lock exists, so two processes can never both
 * hold it. Release it when the run ends (release() is synchronous, for exit handlers too).
 */

import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { CheckpointError } from '@recurrent/errors';
import { isProcessAlive } from './is-process-alive.js';

export const RUN_LOCK_FILE = 'run.lock';

/** What run.lock holds. */
export interface RunLockInfo {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  since: string;
  /** Tells this lock from a later one of the same process. */
  token: string;
}

export interface RunLock {
  /** `<dir>/run.lock`. */
  readonly path: string;
  /** The stale lock this call took over (its process was gone), or null. */
  readonly staleLock: RunLockInfo | null;
  /** Removes the lock if it is still this one; safe to call twice. */
  release(): void;
}

function parseLock(text: string): RunLockInfo | null {
  try {
    const v = JSON.parse(text) as Partial<RunLockInfo>;
    if (Number.isInteger(v.pid) && typeof v.host === 'string' && typeof v.since === 'string') {
      return { pid: v.pid as number, host: v.host, since: v.since, token: String(v.token) };
    }
  } catch {}
  return null;
}

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

function inUse(dir: string, file: string, held: RunLockInfo): CheckpointError {
  const where = held.host === hostname() ? '' : ` on host ${held.host}`;
  return new CheckpointError(
    `run ${dir} is in use by process ${held.pid}${where} since ${held.since} (${file}). ` +
      `Wait for it to finish or stop it, or use another run folder; if no such process runs, delete ${file}.`,
  );
}

/** Moves a stale lock aside atomically; false when someone else moved or replaced it first. */
async function takeOverStale(file: string, stale: RunLockInfo): Promise<boolean> {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(file, aside);
  } catch (error) {
    if (code(error) === 'ENOENT') return false;
    throw error;
  }
  const moved = parseLock(await readFile(aside, 'utf8').catch(() => ''));
  if (moved?.token === stale.token) {
    await unlink(aside);
    return true;
  }
  // A live process locked the folder between our read and our rename: put its lock back.
  await link(aside, file).catch(() => {});
  await unlink(aside);
  return false;
}

/**
 * @example
 * const lock = await lockRunFolder('runs/char-lm'); // throws if another live process holds it
 * try { await train({ ..., checkpointDir: 'runs/char-lm' }); } finally { lock.release(); }
 */
export async function lockRunFolder(dir: string): Promise<RunLock> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, RUN_LOCK_FILE);
  const mine: RunLockInfo = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  const draft = path.join(dir, `.${RUN_LOCK_FILE}.tmp-${process.pid}-${mine.token}`);
  await writeFile(draft, `${JSON.stringify(mine)}\n`);
  let staleLock: RunLockInfo | null = null;
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(draft, file); // atomic: fails with EEXIST when a lock is there
        break;
      } catch (error) {
        if (code(error) !== 'EEXIST') throw error;
      }
      const text = await readFile(file, 'utf8').catch((error: unknown) =>
        code(error) === 'ENOENT' ? null : Promise.reject(error),
      );
      if (text === null) continue; // released meanwhile: try again
      const held = parseLock(text);
      if (!held) {
        throw new CheckpointError(
          `run ${dir} has a ${RUN_LOCK_FILE} that is not a lock this project wrote (${JSON.stringify(text.slice(0, 80))}). If no training uses this folder, delete ${file}.`,
        );
      }
      const stale = held.host === mine.host && !isProcessAlive(held.pid);
      if (!stale || attempt >= 3) throw inUse(dir, file, held);
      if (await takeOverStale(file, held)) staleLock = held;
    }
  } finally {
    await unlink(draft).catch(() => {});
  }
  let released = false;
  return {
    path: file,
    staleLock,
    release() {
      if (released) return;
      released = true;
      try {
        if (parseLock(readFileSync(file, 'utf8'))?.token === mine.token) unlinkSync(file);
      } catch (error) {
        if (code(error) !== 'ENOENT') throw error;
      }
    },
  };
}
