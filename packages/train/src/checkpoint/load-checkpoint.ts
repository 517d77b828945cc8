/**
 * One front door for loading a checkpoint: an http(s) URL goes through `fetch`; a path or
 * `file:` URL is read from disk under Node (the Node-only reader is imported on demand, so
 * this module stays browser-safe); in a browser a relative path is fetched from the page.
 * IndexedDB has its own loader: `loadCheckpointFromIndexedDB`.
 */

import { isNode } from '../runtime/is-node.js';
import type { Checkpoint } from './checkpoint-types.js';
import { fetchCheckpoint } from './fetch-checkpoint.js';

/**
 * @example
 * const ck = await loadCheckpoint('runs/char-lm/best');  // Node
 * const ck = await loadCheckpoint('/models/char-lm/');   // browser (fetch)
 * applyWeights(model.variables, ck.weights, ck.location);
 */
export async function loadCheckpoint(location: string | URL): Promise<Checkpoint> {
  const text = String(location);
  if (/^https?:\/\//i.test(text) || (!isNode() && !text.startsWith('file:'))) {
    return fetchCheckpoint(location);
  }
  const { readCheckpointFolder } = await import('../node/read-checkpoint-folder.js');
  return readCheckpointFolder(text);
}
