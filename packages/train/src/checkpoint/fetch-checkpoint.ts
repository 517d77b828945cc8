/**
 * Loads a checkpoint folder served over HTTP (`fetch`), e.g. a model the demo serves from
 * `/models/char-lm/`. Verifies checksums like every other loader.
 */
import { CheckpointError } from '@recurrent/errors';
import type { Checkpoint } from './checkpoint-types.js';
import { decodeCheckpoint } from './decode-checkpoint.js';

/**
 * @example
 * const ck = await fetchCheckpoint('https://example.org/models/char-lm/');
 */
export async function fetchCheckpoint(
  base: string | URL,
  fetchImpl: typeof fetch = globalThis.fetch,
): Promise<Checkpoint> {
  const page = (globalThis as { location?: { href?: string } }).location?.href;
  const url = new URL(base, page);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return decodeCheckpoint(
    async (file) => {
      const target = new URL(file, url);
      let response: Response;
      try {
        response = await fetchImpl(target);
      } catch (cause) {
        throw new CheckpointError(`${target.href}: fetch failed (${(cause as Error).message}).`, {
          cause,
        });
      }
      if (response.status === 404) return null;
      if (!response.ok) {
        throw new CheckpointError(
          `${target.href}: HTTP ${response.status} ${response.statusText}.`,
        );
      }
      return new Uint8Array(await response.arrayBuffer());
    },
    url.href.replace(/\/$/, ''),
  );
}
