// Issue 11 item 6: one live process per run folder; stale locks are taken over.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { CheckpointError } from '@recurrent/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockRunFolder } from './lock-run-folder.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'recurrent-lock-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const iso = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/.source;
const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const deadPid = () =>
  Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout);

describe('lockRunFolder', () => {
  it('locks, refuses a second live lock naming the process, and releases', async () => {
    const run = path.join(dir, 'a', 'run'); // created when missing
    const lock = await lockRunFolder(run);
    expect(lock.path).toBe(path.join(run, 'run.lock'));
    expect(lock.staleLock).toBeNull();
    expect(JSON.parse(await readFile(lock.path, 'utf8'))).toMatchObject({
      pid: process.pid,
      host: hostname(),
    });
    const err = await lockRunFolder(run).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CheckpointError);
    expect((err as Error).message).toMatch(
      new RegExp(
        `^run ${literal(run)} is in use by process ${process.pid} since ${iso} \\(${literal(lock.path)}\\)\\. ` +
          `Wait for it to finish or stop it, or use another run folder; if no such process runs, delete ${literal(lock.path)}\\.$`,
      ),
    );
    lock.release();
    lock.release(); // twice is fine
    expect(await readdir(run)).toEqual([]); // no lock, no draft left
    const again = await lockRunFolder(run);
    again.release();
  });

  it('refuses a lock held by another live process, and one from another host', async () => {
    const run = path.join(dir, 'b');
    await mkdir(run);
    const file = path.join(run, 'run.lock');
    const since = '2026-01-02T03:04:05.000Z';
    await writeFile(
      file,
      JSON.stringify({ pid: process.ppid, host: hostname(), since, token: 't' }),
    );
    await expect(lockRunFolder(run)).rejects.toThrow(
      `run ${run} is in use by process ${process.ppid} since ${since} (${file}).`,
    );
    await writeFile(file, JSON.stringify({ pid: deadPid(), host: 'gpu-box-7', since, token: 't' }));
    await expect(lockRunFolder(run)).rejects.toThrow(
      / on host gpu-box-7 since 2026-01-02T03:04:05\.000Z/,
    );
    expect(JSON.parse(await readFile(file, 'utf8')).host).toBe('gpu-box-7'); // left alone
  });

  it('takes over a stale lock (its process is gone) and reports it', async () => {
    const run = path.join(dir, 'c');
    await mkdir(run);
    const stale = {
      pid: deadPid(),
      host: hostname(),
      since: '2026-01-01T00:00:00.000Z',
      token: 'old',
    };
    await writeFile(path.join(run, 'run.lock'), JSON.stringify(stale));
    const lock = await lockRunFolder(run);
    expect(lock.staleLock).toEqual(stale);
    expect(JSON.parse(await readFile(lock.path, 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(await readdir(run)).toEqual([]);
  });

  it('refuses a run.lock it did not write, and release() never removes a lock that is not its own', async () => {
    const run = path.join(dir, 'd');
    await mkdir(run);
    const file = path.join(run, 'run.lock');
    await writeFile(file, 'hello');
    await expect(lockRunFolder(run)).rejects.toThrow(
      `run ${run} has a run.lock that is not a lock this project wrote ("hello"). If no training uses this folder, delete ${file}.`,
    );
    await unlink(file);
    const first = await lockRunFolder(run);
    await unlink(file); // someone deleted it by hand...
    const second = await lockRunFolder(run); // ...and another run took the folder
    first.release();
    expect(JSON.parse(await readFile(file, 'utf8')).token).toBeDefined();
    await expect(lockRunFolder(run)).rejects.toThrow(`is in use by process ${process.pid}`);
    second.release();
    expect(await readdir(run)).toEqual([]);
  });
});
