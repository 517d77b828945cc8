/**
 * gzip bytes -> decompressed chunks, through the platform's `DecompressionStream` (Node
 * >= 18 and every current browser), so nothing native is needed and the output streams.
 */
import { BackendError, DataFormatError } from '@recurrent/errors';

/**
 * @example
 * for await (const chunk of gunzip(bytes, 'aclImdb_v1.tar.gz')) { ... }
 */
export async function* gunzip(bytes: Uint8Array, name = 'archive'): AsyncGenerator<Uint8Array> {
  if (typeof DecompressionStream === 'undefined') {
    throw new BackendError(
      `${name}: DecompressionStream is not available here; it needs Node >= 18 or a current browser. Unpack the archive by hand.`,
    );
  }
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new DataFormatError(
      `${name}: expected gzip data (bytes 1f 8b), got ${Array.from(bytes.subarray(0, 2), (b) => b.toString(16).padStart(2, '0')).join(' ') || 'an empty file'}. Pass a .tar.gz file, or unpack it by hand.`,
    );
  }
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  try {
    for (;;) {
      let r: ReadableStreamReadResult<Uint8Array>;
      try {
        r = await reader.read();
      } catch (error) {
        throw new DataFormatError(
          `${name}: the gzip data is corrupt or truncated (${(error as Error).message}). Download it again.`,
          { cause: error },
        );
      }
      if (r.done) return;
      yield r.value;
    }
  } finally {
    reader.releaseLock();
  }
}
