/**
 * Drains a started generation, handing the text drawn so far to `onChunk` at most every
 * `chunkMs` (few messages, smooth streaming) and stopping after `maxPieces` pieces (breaking
 * out of the generator ends it, which frees its tensors).
 */
import type { Generation } from '@recurrent/task';
import type { Generated } from './protocol.js';

export async function generateInChunks(
  started: Generation,
  onChunk: (text: string) => void,
  limits: { readonly chunkMs: number; readonly maxPieces: number },
): Promise<Generated> {
  let text = '';
  let pending = '';
  let pieces = 0;
  let posted = performance.now();
  for await (const piece of started.pieces) {
    text += piece;
    pending += piece;
    if (performance.now() - posted >= limits.chunkMs) {
      onChunk(pending);
      pending = '';
      posted = performance.now();
    }
    if (++pieces >= limits.maxPieces) break;
  }
  if (pending) onChunk(pending);
  return { prefix: started.prefix, text };
}
