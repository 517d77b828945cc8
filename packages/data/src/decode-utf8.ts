/**
 * Streaming, strict UTF-8 decoding: bytes in any pieces become text pieces that never split
 * a character; invalid UTF-8 is a `DataFormatError` naming the source and the byte range,
 * never replacement characters slipped into the corpus. A leading BOM is dropped.
 */
import { DataFormatError } from '@recurrent/errors';

export async function* decodeUtf8(
  pieces: AsyncIterable<Uint8Array | string>,
  name: string,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  const fail = (cause: unknown, from: number, to: number): never => {
    throw new DataFormatError(
      `${name}: expected UTF-8 text, but bytes ${from}-${to} are not valid UTF-8. ` +
        'Convert the file first, e.g. `iconv -f latin1 -t utf-8 in.txt > out.txt`.',
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
      fail(cause, Math.max(0, offset - 3), offset + piece.byteLength);
    }
    offset += piece.byteLength;
    if (text.length > 0) yield text;
  }
  let tail = '';
  try {
    tail = decoder.decode();
  } catch (cause) {
    fail(cause, Math.max(0, offset - 3), offset);
  }
  if (tail.length > 0) yield tail;
}
