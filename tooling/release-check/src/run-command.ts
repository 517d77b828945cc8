/**
 * Runs one command (an argv, never a shell string) with a hard time limit, in its own
 * process group so a timeout kills its children too, and returns its exit code and output.
 */
import { spawn } from 'node:child_process';
import { shellJoin } from './readme-commands.js';

export interface CommandResult {
  readonly argv: readonly string[];
  readonly cwd: string;
  /** Exit code; null when it was killed (by the timeout or a signal). */
  readonly code: number | null;
  readonly timedOut: boolean;
  /** stdout and stderr interleaved as they arrived. */
  readonly output: string;
  readonly ms: number;
}

export interface RunOptions {
  readonly cwd: string;
  readonly timeoutMs: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** Environment for child commands: no colours, no telemetry, no npm/pnpm script leftovers. */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // Variables that `pnpm test` sets for its scripts would steer the commands we run
    // (npm_config_*, the running package's name, vitest's own); a user's shell has none.
    // Uppercase NPM_CONFIG_* (the machine's own registry settings) stay.
    if (/^(npm_|PNPM_SCRIPT_SRC_DIR$|VITEST|TURBO_HASH$|TEST$|NODE_ENV$)/.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
    ...extra,
  };
}

export function runCommand(argv: readonly string[], options: RunOptions): Promise<CommandResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: options.cwd,
      env: options.env ?? childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group: the timeout kills the whole tree
    });
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${argv[0]}: ${error.message}`, { cause: error }));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        argv,
        cwd: options.cwd,
        code,
        timedOut,
        output,
        ms: performance.now() - started,
      });
    });
  });
}

/** `$ pnpm train ... (exit 0, 4.1 s)` and the output's tail: what a failure message shows. */
export function describeResult(result: CommandResult, tailLines = 40): string {
  const status = result.timedOut
    ? `killed after ${(result.ms / 1000).toFixed(0)} s (time limit)`
    : `exit ${result.code}, ${(result.ms / 1000).toFixed(1)} s`;
  const lines = (result.output.trimEnd() || '(no output)').split('\n');
  const tail = lines.slice(-tailLines).join('\n');
  return `$ ${shellJoin(result.argv)}   (in ${result.cwd}; ${status})\n${lines.length > tailLines ? '...\n' : ''}${tail}`;
}

/**
 * Signs that a command failed even if it exited 0: an unknown command, an error line,
 * a stack trace. Returns one line per problem found.
 */
export function outputProblems(output: string): string[] {
  const problems: string[] = [];
  const unknown = /unknown command/i.exec(output);
  if (unknown) problems.push(`says "${lineAt(output, unknown.index)}"`);
  // `error: ...` anywhere, or a line opening with a thrown error's name (`TypeError: ...`).
  const error =
    /(^|[^\w-])error:/i.exec(output) ?? /^\s*([A-Z]\w*)?Error( \[\w+\])?: /m.exec(output);
  if (error) problems.push(`prints an error: "${lineAt(output, error.index + 1)}"`);
  const trace = /^\s+at .*(\(.*:\d+:\d+\)|:\d+:\d+)\s*$/m.exec(output);
  if (trace) problems.push(`prints a stack trace: "${lineAt(output, trace.index + 1).trim()}"`);
  return problems;
}

function lineAt(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end < 0 ? undefined : end).trim();
}
