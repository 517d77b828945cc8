/**
 * A small streaming tar reader (POSIX ustar with its `prefix` field, as PhysioNet's
 * archives are written): regular files come out one at a time as `{ path, bytes }` while
 * the archive streams in. Header checksums are verified; other entry types (folders,
 * links) are skipped.
 *
 * @example
 * for await (const entry of tarEntries(gunzip(bytes), 'set-a.tar.gz')) console.log(entry.path);
 */
import { DataFormatError } from '@recurrent/errors';

export interface TarEntry {
  readonly path: string;
  readonly bytes: Uint8Array;
}

const BLOCK = 512;
const utf8 = new TextDecoder('utf-8');

function field(block: Uint8Array, at: number, length: number): string {
  const f = block.subarray(at, at + length);
  const end = f.indexOf(0);
  return utf8.decode(end < 0 ? f : f.subarray(0, end));
}

function octal(block: Uint8Array, at: number, length: number, archive: string): number {
  const raw = field(block, at, length).trim();
  if (raw !== '' && !/^[0-7]+$/.test(raw)) {
    throw new DataFormatError(
      `${archive}: expected an octal number in a tar header, got ${JSON.stringify(raw)}. The archive is corrupt or not a tar file.`,
    );
  }
  return raw === '' ? 0 : Number.parseInt(raw, 8);
}

export async function* tarEntries(
  chunks: AsyncIterable<Uint8Array>,
  archive = 'archive',
): AsyncGenerator<TarEntry> {
  let buffer = new Uint8Array(0);
  let offset = 0;
  const iterator = chunks[Symbol.asyncIterator]();
  const fill = async (n: number): Promise<boolean> => {
    while (buffer.length < n) {
      const r = await iterator.next();
      if (r.done) return false;
      const next = new Uint8Array(buffer.length + r.value.length);
      next.set(buffer);
      next.set(r.value, buffer.length);
      buffer = next;
    }
    return true;
  };
  const take = (n: number) => {
    const out = buffer.slice(0, n);
    buffer = buffer.subarray(n);
    offset += n;
    return out;
  };
  for (;;) {
    if (!(await fill(BLOCK))) return; // ended without the closing zero blocks: accept what came
    const header = take(BLOCK);
    if (header.every((b) => b === 0)) return;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
    if (sum !== octal(header, 148, 8, archive)) {
      throw new DataFormatError(
        `${archive}: the tar header at byte ${offset - BLOCK} has a bad checksum; the archive is corrupt or truncated. Download it again.`,
      );
    }
    const size = octal(header, 124, 12, archive);
    const type = String.fromCharCode(header[156]!);
    const prefix = field(header, 345, 155);
    const name = field(header, 0, 100);
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    if (!(await fill(padded))) {
      throw new DataFormatError(
        `${archive}: the archive ends inside ${name} (${size} bytes announced). Download it again.`,
      );
    }
    const body = take(padded).subarray(0, size);
    if (type === '0' || type === '\0')
      yield { path: prefix ? `${prefix}/${name}` : name, bytes: body };
  }
}
