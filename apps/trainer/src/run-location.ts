/**
 * Where a run's checkpoint lives: `recurrent sample moby` looks in `runs/moby/best`, then
 * `runs/moby/latest`; a path to a checkpoint folder (with config.json) is used as it is.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CheckpointError } from '@recurrent/errors';

export function resolveCheckpoint(
  run: string,
  runsDir: string,
  which: 'best' | 'latest' = 'best',
): string {
  const candidates = existsSync(path.join(run, 'config.json'))
    ? [run]
    : [run, path.join(runsDir, run)].flatMap((dir) =>
        which === 'best'
          ? [path.join(dir, 'best'), path.join(dir, 'latest')]
          : [path.join(dir, 'latest')],
      );
  const found = candidates.find((c) => existsSync(path.join(c, 'config.json')));
  if (!found) {
    throw new CheckpointError(
      `No checkpoint found for "${run}": looked in ${candidates.join(', ')}. Train one with \`recurrent train char-lm --name ${path.basename(run)}\`, or pass the path of a checkpoint folder.`,
    );
  }
  return found;
}
