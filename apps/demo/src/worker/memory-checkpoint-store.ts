/**
 * A `CheckpointStore` that keeps checkpoints in the worker's memory. The char-LM page trains
 * through `trainCharLm` with it, so Stop followed by Train resumes exactly (weights, Adam's
 * moments, the RNG and the data position come back from `latest`), without writing anything
 * to the user's disk. The files are kept as encoded bytes and decoded (checksums verified) on
 * load, as any other store does; a reload of the page forgets them.
 */
import { type Checkpoint, type CheckpointStore, decodeCheckpoint } from '@recurrent/train';

export function memoryCheckpointStore(run: string): CheckpointStore {
  const slots = new Map<string, Map<string, Uint8Array>>();
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
