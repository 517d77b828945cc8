/**
 * `recurrent eval <run>`: the task's metrics for a trained model on the data the flags name
 * (default: the validation data the run was trained with). `--json` prints one JSON object.
 */
import type { FlagSpec, FlagValues } from '../flags.js';
import type { Io } from '../io.js';
import { nodeTaskFiles } from '../node-task-files.js';
import { taskValues, unionFlags } from '../verb-flags.js';
import { withRun } from '../with-run.js';

const evalOptionFlags = unionFlags((task) => task.evalOptions);

export const evalFlags: readonly FlagSpec[] = [
  ...evalOptionFlags,
  { name: 'runs-dir', type: 'path', default: 'runs', help: 'folder of runs' },
];

export async function evalCommand(
  run: string | undefined,
  values: FlagValues,
  given: ReadonlySet<string>,
  io: Io,
): Promise<number> {
  return withRun(
    'eval',
    run,
    String(values.runsDir),
    io,
    async ({ task, model, checkpoint, where }) => {
      const options = taskValues('eval', task, task.evalOptions, evalOptionFlags, values, given);
      const result = await task.evaluateRun(model, checkpoint.config, options, {
        files: nodeTaskFiles,
      });
      if (values.json) {
        io.out(
          JSON.stringify({
            checkpoint: where,
            task: task.name,
            ...result.metrics,
            ...result.details,
          }),
        );
      } else {
        if (result.lines.length === 1) io.out(`${result.lines[0]} (${where})`);
        else {
          for (const line of result.lines) io.out(line);
          io.out(`checkpoint: ${where}`);
        }
      }
      return 0;
    },
  );
}
