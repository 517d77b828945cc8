/**
 * `recurrent predict <run> "text" ...`: one prediction per text argument, or per line of
 * stdin when no text is given (sentiment, clinical). `--json` prints one JSON object a line.
 */
import { createInterface } from 'node:readline';
import type { FlagSpec, FlagValues } from '../flags.js';
import type { Io } from '../io.js';
import { tasks } from '../task-registry.js';
import { UsageError } from '../usage-error.js';
import { taskValues, unionFlags } from '../verb-flags.js';
import { withRun } from '../with-run.js';

const predictOptionFlags = unionFlags((task) => task.predict?.options);

export const predictFlags: readonly FlagSpec[] = [
  ...predictOptionFlags,
  { name: 'runs-dir', type: 'path', default: 'runs', help: 'folder of runs' },
];

async function stdinLines(): Promise<string[]> {
  if (process.stdin.isTTY) return [];
  const lines: string[] = [];
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() !== '') lines.push(line);
  }
  return lines;
}

export async function predictCommand(
  run: string | undefined,
  inputs: readonly string[],
  values: FlagValues,
  given: ReadonlySet<string>,
  io: Io,
  readStdin: () => Promise<string[]> = stdinLines,
): Promise<number> {
  return withRun('predict', run, String(values.runsDir), io, async ({ task, model }) => {
    const verb = task.predict;
    if (!verb) {
      const generating = tasks.tasks.find((t) => t.generate)?.name;
      throw new UsageError(
        `recurrent predict: ${task.name} runs do not predict labels.${generating ? ` Try \`recurrent sample ${run}\`.` : ''}`,
      );
    }
    const options = taskValues('predict', task, verb.options, predictOptionFlags, values, given);
    const texts = inputs.length > 0 ? inputs : await readStdin();
    if (texts.length === 0) {
      throw new UsageError(
        `recurrent predict: expected a text to predict, got none. Example: \`${verb.example}\`, or pipe lines on stdin.`,
      );
    }
    const predictions = await verb.predict(model, texts, options);
    for (const prediction of predictions) {
      if (values.json) io.out(JSON.stringify(prediction));
      else for (const line of verb.format(prediction)) io.out(line);
    }
    return 0;
  });
}
