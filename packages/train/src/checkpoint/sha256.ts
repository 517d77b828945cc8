/**
 * SHA-256 of bytes as lowercase hex, through WebCrypto (`crypto.subtle`), which Node 20 and
 * every browser provide; no Node-only import, so the main entry stays browser-safe.
 */
import { BackendError } from '@recurrent/errors';

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new BackendError(
      'sha256Hex: crypto.subtle is not available. It needs Node >= 20 or a browser page served over https or localhost.',
    );
  }
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}
