/**
 * Each measurement runs in a child process of its own (`node --expose-gc cli.js <suite>
 * --case <json>`), so its peak RSS is its own, one model's garbage cannot slow the next,
 * and a backend starts fresh. The child sends one message back and exits.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cliPath = fileURLToPath(new URL('./cli.js', import.meta.url));

type Reply = { ok: true; result: unknown } | { ok: false; error: string };

/** Runs `spec` of suite `suite` in a child process and returns what it sent back. */
export function runInChild<T>(suite: string, spec: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(cliPath, [suite, '--case', JSON.stringify(spec)], {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let reply: Reply | undefined;
    child.on('message', (message) => {
      reply = message as Reply;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (reply?.ok) resolve(reply.result as T);
      else reject(new Error(reply?.error ?? `the benchmark child exited with code ${code}`));
    });
  });
}

/** The child side: runs `work` and sends its result (or its error) to the parent. */
export async function answerParent(work: () => Promise<unknown>): Promise<void> {
  let reply: Reply;
  try {
    reply = { ok: true, result: await work() };
  } catch (error) {
    reply = {
      ok: false,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  await new Promise<void>((resolve) => process.send!(reply, () => resolve()));
}
