/**
 * Kills a real training process (plain Node, the built package) with SIGKILL at random moments
 * while it writes a checkpoint after every step, then checks that every checkpoint folder on
 * disk loads (no checksum error), that each restart resumes from the newest complete one, and
 * that the losses after every resume equal those of an uninterrupted run.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom } from '@recurrent/random';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCheckpointFolder } from './read-checkpoint-folder.js';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const child = path.join(packageDir, 'src/test-utils/sigkill-child.mjs');
const tsc = path.join(packageDir, 'node_modules/typescript/bin/tsc');
const steps = 40;

interface Event {
  kind: string;
  step: number;
  loss?: number;
  path?: string;
}

/** Runs the child; `killAfter(events)` returning true sends SIGKILL after `delayMs`. */
function runChild(
  runDir: string,
  kill?: { afterCheckpoints: number; delayMs: number },
): Promise<{ events: Event[]; signal: NodeJS.Signals | null; code: number | null }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, runDir, String(steps)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const events: Event[] = [];
    let buffer = '';
    let checkpoints = 0;
    proc.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue; // tfjs' own banner
        const event = JSON.parse(line) as Event;
        events.push(event);
        if (event.kind === 'checkpoint' && kill && ++checkpoints === kill.afterCheckpoints) {
          setTimeout(() => proc.kill('SIGKILL'), kill.delayMs);
        }
      }
    });
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (code !== 0 && signal === null) reject(new Error(`child failed (${code}): ${stderr}`));
      else resolve({ events, signal, code });
    });
  });
}

/** Every checkpoint folder (names without a leading dot) must load and verify. */
async function checkEveryFolder(runDir: string): Promise<Map<string, number>> {
  const steps = new Map<string, number>();
  for (const name of await readdir(runDir)) {
    if (name.startsWith('.')) continue;
    const ck = await readCheckpointFolder(path.join(runDir, name));
    steps.set(name, ck.state?.step ?? -1);
  }
  return steps;
}

/** The newest modification time of the files under `dir` (0 for an empty folder). */
function newestFile(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Builds a package with tsc only when its dist is missing or older than its sources. Under
 * turbo the test task runs after the build, so this builds nothing: rewriting a dist that
 * other packages' tests are importing at that moment (worker threads load @recurrent/train's
 * dist) made them read half-written files.
 */
function buildIfStale(dir: string): void {
  const entry = path.join(dir, 'dist/index.js');
  if (existsSync(entry) && statSync(entry).mtimeMs >= newestFile(path.join(dir, 'src'))) return;
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: dir });
}

let dir: string;
beforeAll(async () => {
  // The child runs the built package in plain Node: build it and the two packages it
  // imports when their sources are newer than their dist.
  for (const dep of ['errors', 'random']) buildIfStale(path.resolve(packageDir, '..', dep));
  buildIfStale(packageDir);
  dir = await mkdtemp(path.join(tmpdir(), 'recurrent-sigkill-'));
}, 300_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SIGKILL while writing checkpoints', () => {
  it('leaves only complete checkpoints, and resumed runs continue exactly', async () => {
    const reference = await runChild(path.join(dir, 'reference'));
    const refLosses = reference.events.filter((e) => e.kind === 'step').map((e) => e.loss);
    expect(refLosses).toHaveLength(steps);

    const runDir = path.join(dir, 'killed');
    const rng = createRandom(2024);
    let expectedResume: number | null = null;
    let killsDuringWrites = 0;
    for (let kill = 0; kill < 5; kill++) {
      const { events, signal } = await runChild(runDir, {
        afterCheckpoints: 2 + rng.int(4),
        delayMs: rng.int(12),
      });
      expect(signal).toBe('SIGKILL');
      if (expectedResume !== null) {
        expect(events.find((e) => e.kind !== 'warning')).toMatchObject({
          kind: 'resumed',
          step: expectedResume,
        });
      }
      for (const e of events.filter((x) => x.kind === 'step'))
        expect(e.loss).toBe(refLosses[e.step - 1]);
      const onDisk = await checkEveryFolder(runDir);
      expectedResume = onDisk.get('latest') ?? onDisk.get('latest.prev') ?? null;
      expect(expectedResume).not.toBeNull();
      if ((await readdir(runDir)).some((n) => n.startsWith('.'))) killsDuringWrites++;
    }
    const final = await runChild(runDir);
    expect(final.code).toBe(0);
    expect(final.events.find((e) => e.kind !== 'warning')).toMatchObject({
      kind: 'resumed',
      step: expectedResume,
    });
    expect(final.events.at(-1)).toMatchObject({ kind: 'done', step: steps, reason: 'completed' });
    for (const e of final.events.filter((x) => x.kind === 'step'))
      expect(e.loss).toBe(refLosses[e.step - 1]);
    // The restart removed what the killed writers left; every folder is a complete checkpoint.
    expect((await readdir(runDir)).filter((n) => n.startsWith('.'))).toEqual([]);
    expect((await checkEveryFolder(runDir)).get('latest')).toBe(steps);
    console.log(
      `SIGKILL test: 5 kills, ${killsDuringWrites} left a temporary folder (struck mid-write)`,
    );
  }, 300_000); // five killed child runs: slow when the whole suite shares 2 cores
});
