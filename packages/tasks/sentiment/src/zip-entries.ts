/**
 * A tiny zip reader for the archives `data fetch` downloads (GLUE's SST-2.zip, UCI's
 * sentences): the central directory is read from the end, and each file is stored or
 * deflated (inflated with the platform's `DecompressionStream('deflate-raw')`). No zip64,
 * no encryption: a clear error says so.
 */
import { DataFormatError } from '@recurrent/errors';

export interface ZipEntry {
  readonly path: string;
  /** The file's bytes, inflated on demand. */
  read(): Promise<Uint8Array>;
}

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;
const utf8 = new TextDecoder('utf-8');

async function inflate(bytes: Uint8Array, name: string): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'));
  try {
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (error) {
    throw new DataFormatError(
      `${name}: the deflated data is corrupt (${(error as Error).message}). Download the archive again.`,
      {
        cause: error,
      },
    );
  }
}

/**
 * @example
 * for (const entry of zipEntries(bytes, 'SST-2.zip')) if (entry.path.endsWith('.tsv')) await entry.read();
 */
export function zipEntries(bytes: Uint8Array, archive = 'archive.zip'): ZipEntry[] {
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (u32(bytes, at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) {
    throw new DataFormatError(
      `${archive}: no zip end-of-directory record; the file is truncated or not a zip archive. Download it again.`,
    );
  }
  const count = u16(bytes, end + 10);
  let at = u32(bytes, end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (u32(bytes, at) !== 0x02014b50) {
      throw new DataFormatError(
        `${archive}: entry ${i} of the central directory is damaged (at byte ${at}). Download the archive again.`,
      );
    }
    const method = u16(bytes, at + 10);
    const size = u32(bytes, at + 20);
    const nameLength = u16(bytes, at + 28);
    const skip = nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    const local = u32(bytes, at + 42);
    const path = utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + skip;
    if (path.endsWith('/')) continue; // a folder
    if (size === 0xffffffff || (u16(bytes, at - skip - 46 + 8) & 1) === 1) {
      throw new DataFormatError(
        `${archive}: ${path} is zip64 or encrypted, which this reader does not handle; unpack it with unzip and pass the folder.`,
      );
    }
    entries.push({
      path,
      async read() {
        const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
        const data = bytes.subarray(start, start + size);
        if (data.length < size) {
          throw new DataFormatError(
            `${archive}: ${path} is cut short; the archive is truncated. Download it again.`,
          );
        }
        if (method === 0) return data.slice();
        if (method === 8) return inflate(data, `${archive}: ${path}`);
        throw new DataFormatError(
          `${archive}: ${path} uses compression method ${method}; expected 0 (stored) or 8 (deflate).`,
        );
      },
    });
  }
  return entries;
}
