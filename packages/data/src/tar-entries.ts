/**
 * A tiny streaming tar reader (POSIX ustar, with pax `path` records and GNU long names):
 * regular files come out one at a time as `{ path, bytes }` while the archive streams in,
 * so a 400 MB archive never sits in memory whole. Checksums of headers are verified.
 *
 * @example
 * for await (const entry of tarEntries(gunzip(bytes))) if (entry.path.endsWith('.txt')) ...
 */
import { DataFormatError } from '@recurrent/errors';

export interface TarEntry {
  readonly path: string;
  readonly bytes: Uint8Array;
}

const BLOCK = 512;
const ascii = new TextDecoder('utf-8');

function text(block: Uint8Array, at: number, length: number): string {
  const field = block.subarray(at, at + length);
  const end = field.indexOf(0);
  return ascii.decode(end < 0 ? field : field.subarray(0, end));
}

function octal(block: Uint8Array, at: number, length: number, name: string): number {
  const raw = text(block, at, length).trim();
  if (raw === '') return 0;
  if (!/^[0-7]+$/.test(raw)) {
    throw new DataFormatError(
      `tar: ${name}: expected an octal number in the header, got ${JSON.stringify(raw)}. The archive is corrupt or not a tar file.`,
    );
  }
  return Number.parseInt(raw, 8);
}

function checkHeader(block: Uint8Array, archive: string, offset: number): void {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
  if (sum !== octal(block, 148, 8, 'checksum')) {
    throw new DataFormatError(
      `${archive}: the tar header at byte ${offset} has a bad checksum; the archive is corrupt or truncated. Download it again.`,
    );
  }
}

/** `path=...` from a pax extended header. */
function paxPath(bytes: Uint8Array): string | undefined {
  for (const record of ascii.decode(bytes).split('\n')) {
    const m = /^\d+ path=(.*)$/.exec(record);
    if (m) return m[1];
  }
  return undefined;
}

export async function* tarEntries(
  chunks: AsyncIterable<Uint8Array>,
  archive = 'archive',
): AsyncGenerator<TarEntry> {
  let buffer = new Uint8Array(0);
  let offset = 0; // bytes of the archive consumed
  let done = false;
  const source = chunks[Symbol.asyncIterator]();
  const need = async (n: number): Promise<boolean> => {
    while (buffer.length < n && !done) {
      const r = await source.next();
      if (r.done) {
        done = true;
        break;
      }
      const joined = new Uint8Array(buffer.length + r.value.length);
      joined.set(buffer);
      joined.set(r.value, buffer.length);
      buffer = joined;
    }
    return buffer.length >= n;
  };
  const take = (n: number): Uint8Array => {
    const out = buffer.slice(0, n);
    buffer = buffer.subarray(n);
    offset += n;
    return out;
  };
  let longName: string | undefined;
  for (;;) {
    if (!(await need(BLOCK))) {
      if (buffer.length === 0) return; // no end-of-archive blocks: accepted, as GNU tar does
      throw new DataFormatError(
        `${archive}: the archive ends inside a header at byte ${offset}; it is truncated. Download it again.`,
      );
    }
    const header = take(BLOCK);
    if (header.every((b) => b === 0)) return; // end-of-archive block
    checkHeader(header, archive, offset - BLOCK);
    const size = octal(header, 124, 12, 'size');
    const type = String.fromCharCode(header[156]!);
    const prefix = text(header, 257, 6).startsWith('ustar') ? text(header, 345, 155) : '';
    const name = longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    if (!(await need(padded))) {
      throw new DataFormatError(
        `${archive}: ${name} should hold ${size} bytes but the archive ends first (at byte ${offset + buffer.length}); it is truncated. Download it again.`,
      );
    }
    const body = take(padded).subarray(0, size);
    longName = undefined;
    if (type === 'L') longName = text(body, 0, body.length);
    else if (type === 'x') longName = paxPath(body);
    else if (type === '0' || type === '\0') yield { path: name, bytes: body };
  }
}
