/**
 * Streaming, strict UTF-8 decoding: bytes in any pieces become text pieces that never split
 * a character; invalid UTF-8 is a `DataFormatError` naming the source and the offset of the
 * first bad byte, never replacement characters slipped into the corpus. A leading BOM is
 * dropped.
 */
import { DataFormatError } from '@recurrent/errors';

/** Index of the first byte that starts an invalid or truncated UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // no overlong forms
      if (b === 0xed) hi = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

export async function* decodeUtf8(
  pieces: AsyncIterable<Uint8Array | string>,
  name: string,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0; // bytes decoded before the current piece
  let tail = new Uint8Array(0); // the last bytes of the previous piece (an unfinished character)
  const fail = (cause: unknown, bytes: Uint8Array): never => {
    // start at a character boundary: skip continuation bytes at the head of the saved tail
    let skip = 0;
    while (skip < tail.length && (tail[skip]! & 0xc0) === 0x80) skip++;
    const region = new Uint8Array(tail.length - skip + bytes.length);
    region.set(tail.subarray(skip));
    region.set(bytes, tail.length - skip);
    const at = Math.max(0, firstInvalidUtf8(region));
    const byte = region[at];
    throw new DataFormatError(
      `${name}: expected UTF-8 text, but byte ${offset - tail.length + skip + at}` +
        (byte === undefined ? '' : ` (0x${byte.toString(16).padStart(2, '0')})`) +
        ' is not valid UTF-8. Convert the file first, e.g. ' +
        '`iconv -f latin1 -t utf-8 in.txt > out.txt`.',
      { cause },
    );
  };
  for await (const piece of pieces) {
    if (typeof piece === 'string') {
      if (piece.length > 0) yield piece;
      continue;
    }
    let text = '';
    try {
      text = decoder.decode(piece, { stream: true });
    } catch (cause) {
      fail(cause, piece);
    }
    offset += piece.byteLength;
    tail = piece.slice(Math.max(0, piece.byteLength - 3));
    if (text.length > 0) yield text;
  }
  let last = '';
  try {
    last = decoder.decode();
  } catch (cause) {
    fail(cause, new Uint8Array(0));
  }
  if (last.length > 0) yield last;
}
