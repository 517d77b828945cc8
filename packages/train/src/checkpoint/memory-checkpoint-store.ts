/**
 * A `CheckpointStore` that keeps checkpoints in memory: for a page that trains in a worker
 * and resumes after Stop without writing to the user's disk, and for tests. The files are kept
 * as encoded bytes and decoded (checksums verified) on load, as every other store does; they
 * are gone when the store is (a page reload forgets them).
 */
import type { CheckpointStore } from './checkpoint-store.js';
import type { Checkpoint, CheckpointFiles } from './checkpoint-types.js';
import { decodeCheckpoint } from './decode-checkpoint.js';

/**
 * @example
 * const store = memoryCheckpointStore('char-lm');
 * await train(model, { data, loss, steps: 100, checkpointStore: store, signal });
 * // after an abort, the same call with resume: true continues from memory://char-lm/latest
 */
export function memoryCheckpointStore(run: string): CheckpointStore {
  const slots = new Map<string, CheckpointFiles>();
  const locate = (name: string) => `memory://${run}/${name}`;
  return {
    locate,
    async save(name, files) {
      slots.set(name, new Map(files)); // replaced in one assignment: never half written
      return locate(name);
    },
    async load(name): Promise<Checkpoint | null> {
      const files = slots.get(name);
      if (!files) return null;
      return decodeCheckpoint(async (file) => files.get(file) ?? null, locate(name));
    },
  };
}
