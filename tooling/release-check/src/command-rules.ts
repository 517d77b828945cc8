/**
 * The one table that says how the README test runs each `pnpm ...` line of the root
 * README: as written, exempt, or with a substitution (a tiny preset, a few steps, `--help`,
 * temp folders), each with its reason. A README line that matches no rule fails the test,
 * so a new README command has to be classified here before it can land.
 */
import path from 'node:path';

/** Where a command may write and what it may read: all of it under one temp folder. */
export interface PlanContext {
  /** A fresh empty folder for this README line (runs, exports, scratch files). */
  readonly scratch: string;
  /** The runs folder shared by lines that need a trained run (sample, eval, export, resume). */
  readonly sharedRuns: string;
  /** Absolute path of the fixture file that stands in for a README placeholder name. */
  readonly fixture: (placeholder: string) => string;
  /** Task names the trainer registers (the task packages apps/trainer depends on). */
  readonly tasks: readonly string[];
}

/** What the README test does with one README command. */
export type Plan =
  | { readonly kind: 'exempt'; readonly reason: string }
  | {
      readonly kind: 'run';
      /** The rule that produced this plan, and why it runs the command this way. */
      readonly reason: string;
      /** What actually runs (argv[0] is `pnpm`), from the repository root. */
      readonly argv: readonly string[];
      /** A run to train (tiny, a few steps) before the command, under the name it uses. */
      readonly needsRun?: {
        readonly task: string;
        readonly name: string;
        readonly runsDir: string;
      };
      /** Patterns the output must contain. */
      readonly expect?: readonly RegExp[];
      /** Folders that must hold a checkpoint (config.json) after the command. */
      readonly expectCheckpointIn?: string;
      /** Files that must exist after the command. */
      readonly expectFiles?: readonly string[];
    };

interface Rule {
  /** Matched against the command's words joined by single spaces. */
  readonly pattern: RegExp;
  readonly reason: string;
  readonly plan: (argv: readonly string[], ctx: PlanContext, reason: string) => Plan;
}

/** Steps a substituted training run takes: enough to write a checkpoint and evaluate. */
export const SHORT_STEPS = 3;

/** The backend table `doctor` prints: a header and the two backends every machine has. */
const BACKEND_TABLE = [/backend\s+available/, /^\s*wasm\s+yes\b/m, /^\s*cpu\s+yes\b/m];

/**
 * Placeholder file names the README uses for "your own file"; each is replaced by a small
 * generated text file in the scratch folder.
 */
export const PLACEHOLDER_FILES: Readonly<Record<string, string>> = Object.freeze({
  'my-book.txt': 'stands for "any UTF-8 text file" to train on',
  'chapter.txt': 'stands for "a text" to measure bits per character on',
});

const exempt =
  () =>
  (_argv: readonly string[], _ctx: PlanContext, reason: string): Plan => ({
    kind: 'exempt',
    reason,
  });

const asWritten =
  (expect?: readonly RegExp[]) =>
  (argv: readonly string[], _ctx: PlanContext, reason: string): Plan => ({
    kind: 'run',
    reason,
    argv,
    ...(expect ? { expect } : {}),
  });

/** A training line: the README's own flags, SHORT_STEPS steps, a temp runs folder. */
function shortTraining(argv: readonly string[], ctx: PlanContext, reason: string): Plan {
  const runsDir = path.join(ctx.scratch, 'runs');
  if (hasFlag(argv, '--resume')) {
    // The run to continue is trained first (SHORT_STEPS); resuming may only grow steps.
    const name = flagValue(argv, '--name') ?? taskOf(argv, ctx);
    const next = withFlag(
      withFlag(argv, '--steps', String(2 * SHORT_STEPS)),
      '--runs-dir',
      ctx.sharedRuns,
    );
    return {
      kind: 'run',
      reason,
      argv: next,
      needsRun: { task: taskOf(argv, ctx), name, runsDir: ctx.sharedRuns },
      expect: [/resum/i],
      expectCheckpointIn: path.join(ctx.sharedRuns, name),
    };
  }
  let next = withFlag(argv, '--steps', String(SHORT_STEPS));
  if (!hasFlag(next, '--preset')) next = withFlag(next, '--preset', 'tiny');
  next = withFlag(next, '--runs-dir', runsDir);
  return { kind: 'run', reason, argv: next, expectCheckpointIn: runsDir };
}

/** `recurrent <verb> <run> ...`: a tiny run of that name is trained first in a temp runs folder. */
function withTrainedRun(argv: readonly string[], ctx: PlanContext, reason: string): Plan {
  const run = argv[3];
  if (run === undefined || run.startsWith('-')) {
    throw new Error(
      `"${argv.join(' ')}": expected the run name right after "${argv[2]}" (e.g. pnpm recurrent ${argv[2]} char-lm ...).`,
    );
  }
  let next = withFlag(argv, '--runs-dir', ctx.sharedRuns);
  const expectFiles: string[] = [];
  const to = flagValue(argv, '--to');
  if (to !== undefined) {
    // Never write where the README points (apps/demo/public/models/...): a temp folder instead.
    const redirected = path.join(ctx.scratch, 'export', path.basename(to));
    next = withFlag(next, '--to', redirected);
    expectFiles.push(path.join(redirected, 'config.json'));
  }
  return {
    kind: 'run',
    reason,
    argv: next,
    needsRun: { task: taskOfRun(run, ctx), name: run, runsDir: ctx.sharedRuns },
    ...(expectFiles.length ? { expectFiles } : {}),
  };
}

/** The table. First match wins. */
export const RULES: readonly Rule[] = [
  {
    pattern: /^pnpm (install|i)( |$)/,
    reason: 'exempt: .ci/run installs a fresh clone with --frozen-lockfile',
    plan: exempt(),
  },
  {
    pattern: /^pnpm test$/,
    reason: 'exempt: it is the whole suite, this test included',
    plan: exempt(),
  },
  {
    pattern: /^pnpm demo$/,
    reason: 'exempt: a dev server that never exits; the demo end-to-end tests cover the page',
    plan: exempt(),
  },
  {
    pattern: /^pnpm (run )?doctor$|^pnpm recurrent doctor( |$)/,
    reason: 'as written (a second): it must print the backend table',
    plan: asWritten(BACKEND_TABLE),
  },
  {
    pattern: / --help( |$)/,
    reason: 'as written: help is instant',
    plan: asWritten([/usage/i]),
  },
  {
    pattern: /^pnpm recurrent tasks$/,
    reason: 'as written: lists the registered tasks',
    plan: (argv, ctx, reason) =>
      asWritten(ctx.tasks.map((t) => new RegExp(`\\b${t}\\b`)))(argv, ctx, reason),
  },
  {
    pattern: /^pnpm recurrent$/,
    reason: 'as written: prints the command list',
    plan: asWritten([/usage/i]),
  },
  {
    pattern: /^pnpm train( |$)|^pnpm recurrent train [^-]/,
    reason: `the real run takes minutes: ${SHORT_STEPS} steps (--preset tiny unless the line names a preset) into a temp --runs-dir; --resume continues a tiny run to ${2 * SHORT_STEPS} steps`,
    plan: shortTraining,
  },
  {
    pattern: /^pnpm recurrent (sample|predict|eval|export|caption) /,
    reason: `needs a trained run: a tiny one (${SHORT_STEPS} steps) is trained first under the README's run name in a temp --runs-dir; --to goes to a temp folder`,
    plan: withTrainedRun,
  },
  {
    pattern: /^pnpm recurrent import /,
    reason:
      'exempt: it reads a folder that torchrun (Python) trained; tooling/pytorch-bridge runs export -> torchrun -> import -> eval end to end',
    plan: exempt(),
  },
  {
    pattern: /^pnpm bench \w[\w-]*$/,
    reason:
      'a suite takes minutes (cells --quick: 5 min on 2 cores): --help proves the suite exists and the harness builds',
    plan: (argv, ctx, reason) => asWritten([/usage/i])([...argv, '--help'], ctx, reason),
  },
];

/** Thrown for a README `pnpm` line that no rule covers. */
export class UnclassifiedCommandError extends Error {
  override name = 'UnclassifiedCommandError';
}

/** How to run one `pnpm` command of the README. Throws for a line no rule covers. */
export function planFor(argv: readonly string[], ctx: PlanContext): Plan {
  const text = argv.join(' ');
  const rule = RULES.find((r) => r.pattern.test(text));
  if (!rule) {
    throw new UnclassifiedCommandError(
      `No rule in tooling/release-check/src/command-rules.ts covers "${text}". Add one to RULES: run it as written, with a tiny preset or --help, or exempt it, and say why.`,
    );
  }
  const plan = rule.plan(argv, ctx, rule.reason);
  if (plan.kind === 'exempt') return plan;
  return { ...plan, argv: replacePlaceholders(plan.argv, ctx) };
}

/** Replaces placeholder file names by fixtures; any other relative data file name is an error. */
function replacePlaceholders(argv: readonly string[], ctx: PlanContext): string[] {
  return argv.map((arg) => {
    const [flag, value] =
      arg.startsWith('--') && arg.includes('=') ? arg.split('=', 2) : [null, arg];
    const v = value!;
    if (Object.hasOwn(PLACEHOLDER_FILES, v)) {
      const file = ctx.fixture(v);
      return flag ? `${flag}=${file}` : file;
    }
    if (/\.(txt|csv|tsv|jsonl?|json)$/.test(v) && !path.isAbsolute(v)) {
      throw new UnclassifiedCommandError(
        `"${argv.join(' ')}" names the file ${v}, which the README test has no fixture for. Add it to PLACEHOLDER_FILES in tooling/release-check/src/command-rules.ts.`,
      );
    }
    return arg;
  });
}

function taskOf(argv: readonly string[], ctx: PlanContext): string {
  // `pnpm train` is the root script for `recurrent train char-lm`.
  const task = argv[1] === 'train' ? 'char-lm' : argv[3];
  if (task === undefined || !ctx.tasks.includes(task)) {
    throw new Error(`"${argv.join(' ')}": unknown task "${task}". Tasks: ${ctx.tasks.join(', ')}.`);
  }
  return task;
}

/** The README names runs after their task (runs/char-lm); that is the task trained for it. */
function taskOfRun(run: string, ctx: PlanContext): string {
  const task = path.basename(run).replace(/-\d+$/, '');
  if (!ctx.tasks.includes(task)) {
    throw new UnclassifiedCommandError(
      `README run "${run}": the test trains a tiny run under that name first and takes its task from the name, but no task is called "${task}" (tasks: ${ctx.tasks.join(', ')}). Name the run after its task, or teach taskOfRun() in command-rules.ts.`,
    );
  }
  return task;
}

export function hasFlag(argv: readonly string[], flag: string): boolean {
  return argv.some((a) => a === flag || a.startsWith(`${flag}=`));
}

export function flagValue(argv: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === flag) return argv[i + 1];
    if (argv[i]!.startsWith(`${flag}=`)) return argv[i]!.slice(flag.length + 1);
  }
  return undefined;
}

/** argv with `flag value` set: replaces the README's value where it gives one, else appends. */
export function withFlag(argv: readonly string[], flag: string, value: string): string[] {
  const out: string[] = [];
  let replaced = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === flag) {
      out.push(flag, value);
      i++;
      replaced = true;
    } else if (a.startsWith(`${flag}=`)) {
      out.push(`${flag}=${value}`);
      replaced = true;
    } else out.push(a);
  }
  return replaced ? out : [...out, flag, value];
}
