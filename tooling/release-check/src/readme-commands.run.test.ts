/**
 * The root README's commands, run: every `pnpm ...` line of its shell blocks (and `$ `
 * prompt lines of its output blocks) runs from the repository root the way
 * command-rules.ts says (as written, exempt, or shortened), and must exit 0 with no
 * "Unknown command", no "error:" and no stack trace in its output. Everything it writes
 * goes to one temp folder. Run: pnpm --filter @recurrent/release-check test readme-commands.run
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { flagValue, type Plan, type PlanContext, planFor, SHORT_STEPS } from './command-rules.js';
import { fixtureText } from './fixture-text.js';
import { readmeCommands, shellJoin } from './readme-commands.js';
import { describeResult, outputProblems, runCommand } from './run-command.js';
import { repoRoot, trainerPackage, trainerTasks } from './workspace.js';

const README = path.join(repoRoot, 'README.md');
const COMMAND_LIMIT_MS = 240_000; // the first `pnpm train` may build the trainer first

const tmp = await mkdtemp(path.join(os.tmpdir(), 'recurrent-readme-'));
const sharedRuns = path.join(tmp, 'shared-runs');
const tasks = trainerTasks();
const commands = readmeCommands(readFileSync(README, 'utf8')).filter((c) => c.argv[0] === 'pnpm');
const timings: string[] = [];

function fixture(placeholder: string): string {
  const file = path.join(tmp, 'fixtures', placeholder);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, fixtureText());
  }
  return file;
}

/** The run a line needs, trained once (tiny, a few steps) with the trainer's own binary. */
async function ensureRun(need: NonNullable<Extract<Plan, { kind: 'run' }>['needsRun']>) {
  if (['best', 'latest'].some((s) => existsSync(path.join(need.runsDir, need.name, s)))) return;
  const bin = path.join(repoRoot, 'apps', 'trainer', binOf(trainerPackage().json.bin));
  const argv = [process.execPath, bin, 'train', need.task, '--preset', 'tiny', '--steps'];
  argv.push(String(SHORT_STEPS), '--name', need.name, '--runs-dir', need.runsDir);
  const result = await runCommand(argv, { cwd: repoRoot, timeoutMs: COMMAND_LIMIT_MS });
  if (result.code !== 0) {
    throw new Error(`training the run this line needs failed:\n${describeResult(result)}`);
  }
}

function binOf(bin: string | Record<string, string> | undefined): string {
  const file = typeof bin === 'string' ? bin : bin?.recurrent;
  if (!file) throw new Error('apps/trainer/package.json has no "bin": { "recurrent": ... }');
  return file;
}

/** The first folder at most three levels under `dir` that holds a checkpoint's config.json. */
function findCheckpoint(dir: string, depth = 3): string | null {
  if (!existsSync(dir)) return null;
  if (existsSync(path.join(dir, 'config.json'))) return dir;
  if (depth === 0) return null;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const found = findCheckpoint(path.join(dir, entry.name), depth - 1);
    if (found) return found;
  }
  return null;
}

/** Writes outside the temp folder are refused before anything runs. */
function assertWritesStayInTemp(argv: readonly string[]) {
  for (const flag of ['--runs-dir', '--to']) {
    const value = flagValue(argv, flag);
    if (value !== undefined && !path.resolve(repoRoot, value).startsWith(tmp + path.sep)) {
      throw new Error(`refusing to run "${argv.join(' ')}": ${flag} is outside ${tmp}`);
    }
  }
}

describe(`root README commands (${path.relative(repoRoot, README)})`, () => {
  afterAll(() => {
    console.log(`README commands:\n${timings.join('\n')}`);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('shows pnpm commands to run', () => {
    expect(commands.length).toBeGreaterThan(0);
  });

  commands.forEach((command, index) => {
    const title = `README.md:${command.line} ${command.text}`;
    const ctx: PlanContext = {
      scratch: path.join(tmp, `line-${command.line}-${index}`),
      sharedRuns,
      fixture,
      tasks,
    };
    let plan: Plan;
    try {
      plan = planFor(command.argv, ctx);
    } catch (error) {
      it(title, () => {
        throw error;
      });
      return;
    }
    if (plan.kind === 'exempt') {
      // Skipped on purpose: the rule's reason (in the name) says which other test covers this
      // line (pnpm install: .ci/run itself; pnpm test: the whole suite; pnpm demo: the e2e suite).
      it.skip(`${title} (${plan.reason})`, () => {});
      return;
    }
    const run = plan;
    it(title, { timeout: 2 * COMMAND_LIMIT_MS }, async () => {
      assertWritesStayInTemp(run.argv);
      mkdirSync(ctx.scratch, { recursive: true });
      if (run.needsRun) await ensureRun(run.needsRun);
      const result = await runCommand(run.argv, { cwd: repoRoot, timeoutMs: COMMAND_LIMIT_MS });
      timings.push(
        `  ${title}\n    ran ${shellJoin(run.argv).replaceAll(tmp, '$TMP')} (${(result.ms / 1000).toFixed(1)} s, exit ${result.code})`,
      );
      const shown = `README.md line ${command.line}: ${command.source.trim()}\nrule: ${run.reason}\n${describeResult(result)}`;
      expect(result.code, `exited ${result.code}\n${shown}`).toBe(0);
      expect(outputProblems(result.output), shown).toEqual([]);
      for (const pattern of run.expect ?? []) {
        expect(pattern.test(result.output), `output lacks ${pattern}\n${shown}`).toBe(true);
      }
      if (run.expectCheckpointIn) {
        expect(
          findCheckpoint(run.expectCheckpointIn),
          `no checkpoint written under ${run.expectCheckpointIn}\n${shown}`,
        ).not.toBeNull();
      }
      for (const file of run.expectFiles ?? []) {
        expect(existsSync(file), `${file} was not written\n${shown}`).toBe(true);
      }
    });
  });
});
