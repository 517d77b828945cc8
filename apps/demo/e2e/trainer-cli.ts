/**
 * The reference side of the parity test: the real `recurrent` CLI (apps/trainer's built
 * binary) run as a child process. `ensureTrainerBuilt()` builds it with turbo when its
 * dist is missing or older than the sources of any workspace package it depends on (turbo
 * also builds it before this app's tests: see apps/demo/turbo.json), so the CLI and the page
 * (which runs the packages' sources through Vite) always run the same code.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { appRoot } from './harness.js';

export const repoRoot = path.resolve(appRoot, '..', '..');
export const trainerBin = path.join(repoRoot, 'apps', 'trainer', 'dist', 'bin.js');

interface WorkspacePackage {
  readonly dir: string;
  readonly deps: string[];
}

/** Every workspace package (apps/*, packages/*, packages/tasks/*) by name. */
function workspacePackages(): Map<string, WorkspacePackage> {
  const found = new Map<string, WorkspacePackage>();
  for (const parent of ['apps', 'packages', path.join('packages', 'tasks')]) {
    const base = path.join(repoRoot, parent);
    for (const entry of readdirSync(base, { withFileTypes: true })) {
      const file = path.join(base, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(file)) continue;
      const json = JSON.parse(readFileSync(file, 'utf8')) as {
        name: string;
        dependencies?: Record<string, string>;
      };
      const deps = Object.entries(json.dependencies ?? {})
        .filter(([, version]) => version.startsWith('workspace:'))
        .map(([name]) => name);
      found.set(json.name, { dir: path.join(base, entry.name), deps });
    }
  }
  return found;
}

/** Newest modification time of the non-test sources under `dir`. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.includes('.test.')) continue;
    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Packages of the trainer's closure whose dist is missing or older than their sources. */
export function staleTrainerPackages(): string[] {
  const all = workspacePackages();
  const stale: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    const pkg = all.get(name);
    if (!pkg || seen.has(name)) return;
    seen.add(name);
    const entry = path.join(pkg.dir, 'dist', name === '@recurrent/trainer' ? 'bin.js' : 'index.js');
    const src = path.join(pkg.dir, 'src');
    if (!existsSync(entry) || (existsSync(src) && newestSource(src) > statSync(entry).mtimeMs)) {
      stale.push(name);
    }
    for (const dep of pkg.deps) visit(dep);
  };
  visit('@recurrent/trainer');
  return stale;
}

/** Builds the trainer and its dependencies with turbo when any of them is stale. */
export function ensureTrainerBuilt(): void {
  const stale = staleTrainerPackages();
  if (stale.length === 0) return;
  try {
    execFileSync('pnpm', ['turbo', 'run', 'build', '--filter=@recurrent/trainer...'], {
      cwd: repoRoot,
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
      stdio: 'pipe',
      timeout: 300_000,
    });
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(
      `building the trainer for the parity test failed (stale: ${stale.join(', ')}): ${e.message}\n${e.stdout?.toString().slice(-3000) ?? ''}${e.stderr?.toString().slice(-2000) ?? ''}`,
    );
  }
}

export interface SampleFlags {
  readonly prime: string;
  readonly temperature: number;
  readonly length: number;
  readonly seed: number;
  readonly backend: string;
}

/** `recurrent sample <checkpoint> ...`: stdout is the prime, the sample and one newline. */
export async function recurrentSample(checkpoint: string, flags: SampleFlags): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      trainerBin,
      'sample',
      checkpoint,
      '--prime',
      flags.prime,
      '--temperature',
      String(flags.temperature),
      '--length',
      String(flags.length),
      '--seed',
      String(flags.seed),
      '--backend',
      flags.backend,
    ],
    { cwd: repoRoot, timeout: 60_000, encoding: 'utf8' },
  );
  return stdout.endsWith('\n') ? stdout.slice(0, -1) : stdout;
}

/** One line of `recurrent predict <checkpoint> "text" ... --json`. */
export interface CliPrediction {
  readonly text: string;
  readonly label: string;
  readonly labels: string[];
  readonly probabilities: number[];
  readonly trajectory: { token: string; probabilities: number[] }[];
}

/** `recurrent predict <checkpoint> ...texts --json --backend <b>`: one JSON line per text. */
export async function recurrentPredict(
  checkpoint: string,
  texts: readonly string[],
  backend: string,
): Promise<CliPrediction[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [trainerBin, 'predict', checkpoint, ...texts, '--json', '--backend', backend],
    { cwd: repoRoot, timeout: 60_000, encoding: 'utf8' },
  );
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as CliPrediction);
}
