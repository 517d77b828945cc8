/**
 * Where a run's checkpoint lives: `recurrent sample moby` looks in `runs/moby/best`, then
 * `latest`, then `latest.prev` (left alone when a kill came between the two renames of a
 * save); a path to a checkpoint folder (with config.json) is used as it is.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CheckpointError } from '@recurrent/errors';

export function resolveCheckpoint(
  run: string,
  runsDir: string,
  which: 'best' | 'latest' = 'best',
): string {
  const slots = which === 'best' ? ['best', 'latest', 'latest.prev'] : ['latest', 'latest.prev'];
  const candidates = existsSync(path.join(run, 'config.json'))
    ? [run]
    : [run, path.join(runsDir, run)].flatMap((dir) => slots.map((s) => path.join(dir, s)));
  const found = candidates.find((c) => existsSync(path.join(c, 'config.json')));
  if (!found) {
    throw new CheckpointError(
      `No checkpoint found for "${run}": looked in ${candidates.join(', ')}. Train one with \`recurrent train <task> --name ${path.basename(run)}\` (\`recurrent tasks\` lists the tasks), or pass the path of a checkpoint folder.`,
    );
  }
  return found;
}
