/**
 * A run's folder, `<runs-dir>/<name>/`: the name is checked so every path the trainer writes
 * stays inside the runs folder, a fresh name is picked when none is given (`char-lm`,
 * `char-lm-2`, ...), and on --resume the run's saved config is read back.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CheckpointError } from '@recurrent/errors';
import type { JsonValue } from '@recurrent/train';
import { UsageError } from './usage-error.js';

const RUN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** A run name is one folder name: letters, digits, '.', '_' and '-', never a path. */
export function checkRunName(name: string): string {
  if (!RUN_NAME.test(name) || name.includes('..')) {
    throw new UsageError(
      `--name: expected a run name of letters, digits, '.', '_' and '-' (at most 100, like char-lm-2), got ${JSON.stringify(name)}. Runs live in <runs-dir>/<name>/; pass --runs-dir to keep them elsewhere.`,
    );
  }
  return name;
}

/** `task`, then `task-2`, `task-3`, ...: a second `pnpm train` never clobbers the first. */
export function freshRunName(runsDir: string, task: string): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? task : `${task}-${n}`;
    if (!existsSync(path.join(runsDir, name))) return name;
  }
}

/**
 * The config.json of a run's newest checkpoint (`latest/`, or `latest.prev/` when a kill
 * came between the two renames of a save), or null when the run has none.
 */
export function readRunConfig(
  runDir: string,
): { config: Record<string, JsonValue>; folder: string } | null {
  for (const slot of ['latest', 'latest.prev']) {
    const folder = path.join(runDir, slot);
    const file = path.join(folder, 'config.json');
    if (!existsSync(file)) continue;
    let config: unknown;
    try {
      config = JSON.parse(readFileSync(file, 'utf8'));
    } catch (cause) {
      throw new CheckpointError(
        `${file} is not valid JSON (${(cause as Error).message}): the checkpoint is damaged. Resume from another copy, or start a new run with another --name.`,
        { cause },
      );
    }
    if (config === null || typeof config !== 'object' || Array.isArray(config)) {
      throw new CheckpointError(
        `${file}: expected a JSON object, got ${Array.isArray(config) ? 'an array' : typeof config}. The checkpoint is damaged; start a new run with another --name.`,
      );
    }
    return { config: config as Record<string, JsonValue>, folder };
  }
  return null;
}
