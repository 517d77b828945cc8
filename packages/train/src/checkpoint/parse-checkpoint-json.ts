/**
 * Parses a JSON file of a checkpoint (config.json, state.json, manifest.json): any problem,
 * invalid UTF-8 or broken JSON, is a CheckpointError naming the file, never a SyntaxError.
 */
import { CheckpointError } from '@recurrent/errors';

export function parseCheckpointJson(bytes: Uint8Array, path: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    throw new CheckpointError(`${path}: not valid UTF-8 JSON (${(cause as Error).message}).`, {
      cause,
    });
  }
}
