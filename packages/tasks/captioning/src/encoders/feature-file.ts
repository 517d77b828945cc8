/**
 * A file of precomputed image features (`recurrent data encode-images --out features.bin`):
 * one JSON header line, then records appended one image at a time, each
 * `[u32 key bytes][key UTF-8][f32 x outputSize][u32 FNV-1a of the record]` (little-endian).
 * Appending is what makes it safe: a crash or an abort can only leave a torn last record,
 * which the reader detects (length or checksum) and the writer cuts off before appending
 * again, so a rerun resumes after the last whole image. Keys are image file names, or the
 * pixel hash of a generated scene (`pixelKey`).
 *
 * @example
 * const writer = await openFeatureWriter('features.bin', { encoder: 'mobilenet-v2', outputSize: 1280 });
 * writer.has('a.jpg') || (await writer.append('a.jpg', vector));
 * await writer.close();
 * const { header, vectors } = await readFeatureFile('features.bin');
 */
import { ConfigError, DataFormatError } from '@recurrent/errors';

export interface FeatureHeader {
  /** The encoder's kind (`mobilenet-v2`, `<model.json>#<layer>`). */
  readonly encoder: string;
  readonly outputSize: number;
  /** What the keys name: `files` (names in a folder) or `scenes` (pixel hashes). */
  readonly keys?: 'files' | 'scenes';
  /** Where the images came from (the folder, or the scene options). */
  readonly source?: string;
  /** Width and height the images were resized to before the encoder (`--image-size`). */
  readonly imageSize?: number;
}

export interface FeatureFile {
  readonly header: FeatureHeader;
  readonly vectors: Map<string, Float32Array>;
  /** Bytes of whole records after the header; anything past it is a torn record. */
  readonly goodBytes: number;
  /** Bytes of a torn last record (0 when the file ends cleanly). */
  readonly tornBytes: number;
}

const MAGIC = 'recurrent-features 1';

function fnv(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

function record(key: string, vector: Float32Array): Uint8Array {
  const k = new TextEncoder().encode(key);
  const out = new Uint8Array(4 + k.length + vector.length * 4 + 4);
  const view = new DataView(out.buffer);
  view.setUint32(0, k.length, true);
  out.set(k, 4);
  for (let i = 0; i < vector.length; i++) view.setFloat32(4 + k.length + 4 * i, vector[i]!, true);
  view.setUint32(out.length - 4, fnv(out.subarray(0, out.length - 4)), true);
  return out;
}

/** Parses the bytes of a feature file; a torn tail is reported, not an error. */
export function parseFeatureFile(bytes: Uint8Array, name: string): FeatureFile {
  const newline = bytes.indexOf(10);
  let header: FeatureHeader & { format?: string };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(0, newline))) as typeof header;
  } catch (error) {
    throw new DataFormatError(
      `${name}: expected a feature file from \`recurrent data encode-images\` (a JSON header line first), got something else. Encode the images again.`,
      { cause: error },
    );
  }
  if (newline < 0 || header.format !== MAGIC || !(header.outputSize > 0)) {
    throw new DataFormatError(
      `${name}: expected a "${MAGIC}" header with outputSize, got ${JSON.stringify(header).slice(0, 120)}. Encode the images again with \`recurrent data encode-images\`.`,
    );
  }
  const d = header.outputSize;
  const vectors = new Map<string, Float32Array>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = newline + 1;
  while (at + 4 <= bytes.length) {
    const keyLength = view.getUint32(at, true);
    const end = at + 4 + keyLength + 4 * d + 4;
    if (end > bytes.length) break;
    const body = bytes.subarray(at, end - 4);
    if (view.getUint32(end - 4, true) !== fnv(body)) break;
    const key = new TextDecoder().decode(bytes.subarray(at + 4, at + 4 + keyLength));
    const vector = new Float32Array(d);
    for (let i = 0; i < d; i++) vector[i] = view.getFloat32(at + 4 + keyLength + 4 * i, true);
    vectors.set(key, vector);
    at = end;
  }
  const { format: _, ...rest } = header;
  return { header: rest, vectors, goodBytes: at, tornBytes: bytes.length - at };
}

export async function readFeatureFile(path: string): Promise<FeatureFile> {
  const fs = await import('node:fs/promises');
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(path));
  } catch (error) {
    throw new ConfigError(
      `${path}: expected a feature file, got none (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Make one with \`recurrent data encode-images --out ${path}\`.`,
      { cause: error },
    );
  }
  return parseFeatureFile(bytes, path);
}

export interface FeatureWriter {
  readonly header: FeatureHeader;
  /** Keys already in the file (from an earlier run, or appended now). */
  has(key: string): boolean;
  readonly size: number;
  /** Appends one record (written through before it resolves). */
  append(key: string, vector: Float32Array): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens `path` for appending: a new file gets `header`; an existing one must have the same
 * encoder, width and image size (else a ConfigError), and its torn tail, if any, is cut off first.
 */
export async function openFeatureWriter(
  path: string,
  header: FeatureHeader,
): Promise<FeatureWriter> {
  const fs = await import('node:fs/promises');
  const existing = await fs.readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  const keys = new Set<string>();
  if (existing) {
    const file = parseFeatureFile(new Uint8Array(existing), path);
    if (file.header.encoder !== header.encoder || file.header.outputSize !== header.outputSize) {
      throw new ConfigError(
        `${path}: holds features of ${file.header.encoder} (${file.header.outputSize} values), expected ${header.encoder} (${header.outputSize}). Pass another --out, or delete the file to start over.`,
      );
    }
    if (file.header.imageSize !== header.imageSize) {
      throw new ConfigError(
        `${path}: holds images read at ${file.header.imageSize ?? 'an unrecorded size'}${file.header.imageSize ? ` x ${file.header.imageSize}` : ''}, expected ${header.imageSize ?? 'none'}${header.imageSize ? ` x ${header.imageSize}` : ''} (--image-size). Pass another --out, or the --image-size it was made with.`,
      );
    }
    for (const k of file.vectors.keys()) keys.add(k);
    if (file.tornBytes > 0) await fs.truncate(path, file.goodBytes);
  } else {
    await fs.writeFile(path, `${JSON.stringify({ format: MAGIC, ...header })}\n`);
  }
  const handle = await fs.open(path, 'a');
  return {
    header,
    has: (key) => keys.has(key),
    get size() {
      return keys.size;
    },
    async append(key, vector) {
      if (vector.length !== header.outputSize) {
        throw new ConfigError(
          `${path}: expected ${header.outputSize} values for ${key}, got ${vector.length}.`,
        );
      }
      await handle.write(record(key, vector));
      keys.add(key);
    },
    close: () => handle.close(),
  };
}
