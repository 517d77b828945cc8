/**
 * The guard in front of every rename and delete of a checkpoint write: true when `target`
 * holds a checkpoint this project wrote, false when nothing is there, and a CheckpointError
 * saying what is there (and how to fix it) for anything else, before anything is touched.
 */

import path from 'node:path';
import { CheckpointError } from '@recurrent/errors';
import { inspectCheckpointFolder } from './inspect-checkpoint-folder.js';
import { previousOf } from './previous-of.js';

/** `role`: what a save does to `target`: move it to `.prev` ('replace') or delete it ('delete'). */
export async function ownCheckpointAt(
  target: string,
  role: 'replace' | 'delete',
): Promise<boolean> {
  const seen = await inspectCheckpointFolder(target);
  if (seen.kind === 'missing') return false;
  if (seen.kind === 'checkpoint') return true;
  const why =
    role === 'replace'
      ? `a checkpoint save would move it to ${path.basename(previousOf(target))} and a later save would delete it`
      : 'a checkpoint save would delete it to keep the previous checkpoint under this name';
  throw new CheckpointError(
    `${target}: refusing to touch it: it is ${seen.what}, not a checkpoint written by @recurrent/train, and ${why}. ` +
      'Move it somewhere else (or save into another folder) and try again; nothing was changed.',
  );
}
