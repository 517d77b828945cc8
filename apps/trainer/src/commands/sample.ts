/**
 * `recurrent sample <run>`: streams what a generating task writes (the char-LM: characters),
 * piece by piece. Stops when the reader closes the pipe (`| head`) or on Ctrl-C.
 */
import type { FlagSpec, FlagValues } from '../flags.js';
import type { Io } from '../io.js';
import { UsageError } from '../usage-error.js';
import { taskValues, unionFlags } from '../verb-flags.js';
import { withRun } from '../with-run.js';

const generateOptionFlags = unionFlags((task) => task.generate?.options);

export const sampleFlags: readonly FlagSpec[] = [
  ...generateOptionFlags,
  { name: 'runs-dir', type: 'path', default: 'runs', help: 'folder of runs' },
];

export async function sampleCommand(
  run: string | undefined,
  values: FlagValues,
  given: ReadonlySet<string>,
  io: Io,
  signal?: AbortSignal,
): Promise<number> {
  return withRun('sample', run, String(values.runsDir), io, async ({ task, model, where }) => {
    const verb = task.generate;
    if (!verb) {
      throw new UsageError(
        `recurrent sample: ${task.name} runs do not generate text. Try \`recurrent predict ${run} "some text"\`.`,
      );
    }
    const options = taskValues('sample', task, verb.options, generateOptionFlags, values, given);
    const generation = await verb.start(model, options, signal);
    const start = performance.now();
    let count = 0;
    let pending = '';
    let yielded = performance.now();
    if (io.write) io.write(generation.prefix);
    else pending = generation.prefix;
    try {
      for await (const piece of generation.pieces) {
        if (performance.now() - yielded > 50) {
          // Let I/O events in (EPIPE from a closed pipe arrives as one), then check.
          await new Promise((resolve) => setImmediate(resolve));
          yielded = performance.now();
        }
        if (io.closed?.() || signal?.aborted) break; // the reader stopped: so do we
        count += 1;
        if (io.write) io.write(piece);
        else pending += piece;
      }
    } finally {
      if (io.write) io.write('\n');
      else io.out(pending);
    }
    const seconds = (performance.now() - start) / 1000;
    io.err(
      `${count} ${verb.unit} in ${seconds.toFixed(2)} s (${Math.round(count / seconds)} ${verb.unit === 'characters' ? 'chars' : verb.unit}/s) from ${where}`,
    );
    return 0;
  });
}
