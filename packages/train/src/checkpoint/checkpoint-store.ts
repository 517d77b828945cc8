/**
 * Where `train()` keeps checkpoints: named slots (`latest`, `best`) that are replaced
 * atomically, so a crash at any moment leaves the previous complete checkpoint.
 * Implementations: `fileCheckpointStore(dir)` (Node, `@recurrent/train/node`) and
 * `indexedDBCheckpointStore(run)` (browsers).
 */
import type { Checkpoint, CheckpointFiles } from './checkpoint-types.js';

export interface CheckpointStore {
  /** A readable place for `name`: `runs/x/latest`, `indexeddb://recurrent-checkpoints/x/latest`. */
  locate(name: string): string;
  /** Replaces checkpoint `name` with `files` atomically; resolves to its location. */
  save(name: string, files: CheckpointFiles): Promise<string>;
  /** The newest complete checkpoint saved as `name`, verified; null when there is none. */
  load(name: string): Promise<Checkpoint | null>;
}
