/**
 * Where a run's checkpoints go: the caller's `checkpointStore`, or for `checkpointDir` (Node
 * only) a folder store, after removing the temporary folders a killed run left there and
 * checking that no save will have to move or delete something this project did not write.
 */
import { ConfigError } from '@recurrent/errors';
import type { CheckpointStore } from '../checkpoint/checkpoint-store.js';
import { isNode } from '../runtime/is-node.js';
import type { WarningCode } from './progress.js';
import type { TrainOptions } from './train-options.js';

export async function openCheckpointStore(
  options: Pick<TrainOptions<unknown>, 'checkpointStore' | 'checkpointDir'>,
  warn: (code: WarningCode, message: string) => void,
): Promise<CheckpointStore | null> {
  if (options.checkpointStore) return options.checkpointStore;
  if (options.checkpointDir === undefined) return null;
  if (!isNode()) {
    throw new ConfigError(
      `train: checkpointDir ("${options.checkpointDir}") needs Node's filesystem. In a page or worker pass checkpointStore: indexedDBCheckpointStore('${options.checkpointDir}').`,
    );
  }
  const node = await import('../node/index.js'); // node:fs, only when a folder is asked for
  for (const name of await node.removeStaleCheckpointTemps(options.checkpointDir)) {
    warn('stale-temp-removed', `removed ${name}, left in ${options.checkpointDir} by a killed run`);
  }
  await node.checkRunFolder(options.checkpointDir); // before step 1, not at the first save
  return node.fileCheckpointStore(options.checkpointDir);
}
