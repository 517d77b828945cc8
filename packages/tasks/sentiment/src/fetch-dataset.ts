/**
 * Downloads one dataset into a cache folder (Node): streamed to `<file>.part` while it is
 * hashed and counted, checked against the length the server announced (a cut connection
 * is an error, never a short file) and the pinned checksum, then renamed into place; a
 * file already there with the right checksum is not downloaded again. Zips are unpacked
 * beside it. Node's `fs` and `crypto` are loaded on demand, so the package stays
 * browser-safe.
 */
import { ConfigError, DataFormatError } from '@recurrent/errors';
import type { DatasetSource } from './dataset-sources.js';
import { zipEntries } from './zip-entries.js';

export interface FetchProgress {
  readonly received: number;
  /** From Content-Length; undefined when the server does not say. */
  readonly total?: number;
}

export interface FetchDatasetOptions {
  readonly cacheDir: string;
  /** Download even when the cache holds a good copy. */
  readonly force?: boolean;
  /** Another URL serving the same bytes (a mirror); the checksum still applies. */
  readonly url?: string;
  readonly fetch?: typeof fetch;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: FetchProgress) => void;
}

export interface FetchedDataset {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly cached: boolean;
  readonly unpacked: readonly string[];
}

async function hashFile(path: string, algorithm: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  const { createReadStream } = await import('node:fs');
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * @example
 * await fetchDataset(datasetSources.imdb, { cacheDir: 'data', onProgress: (p) => ... });
 */
export async function fetchDataset(
  source: DatasetSource,
  options: FetchDatasetOptions,
): Promise<FetchedDataset> {
  const fs = await import('node:fs/promises');
  const { createHash } = await import('node:crypto');
  const path = await import('node:path');
  const target = path.join(options.cacheDir, source.file);
  const expected = source.checksum;
  await fs.mkdir(options.cacheDir, { recursive: true });
  const exists = await fs.stat(target).then(
    (s) => s.isFile(),
    () => false,
  );
  if (
    exists &&
    !options.force &&
    expected &&
    (await hashFile(target, expected.algorithm)) === expected.hex
  ) {
    const stat = await fs.stat(target);
    return {
      path: target,
      bytes: stat.size,
      sha256: await hashFile(target, 'sha256'),
      cached: true,
      unpacked: await unpack(source, target, options.cacheDir),
    };
  }
  const url = options.url ?? source.url;
  const response = await (options.fetch ?? fetch)(
    url,
    options.signal ? { signal: options.signal } : {},
  ).catch((error: unknown) => {
    throw new DataFormatError(
      `data fetch ${source.name}: could not reach ${url} (${(error as Error).message}). Check the network, or download it by hand into ${options.cacheDir}.`,
      { cause: error },
    );
  });
  if (!response.ok || !response.body) {
    throw new DataFormatError(
      `data fetch ${source.name}: ${url} answered ${response.status} ${response.statusText}; expected 200 with the file.`,
    );
  }
  const announced = Number(response.headers.get('content-length') ?? Number.NaN);
  const total = Number.isFinite(announced) ? announced : undefined;
  const part = `${target}.part`;
  const file = await fs.open(part, 'w');
  const sha256 = createHash('sha256');
  const pinned = expected ? createHash(expected.algorithm) : undefined;
  let received = 0;
  try {
    try {
      const reader = response.body.getReader();
      for (;;) {
        let r: ReadableStreamReadResult<Uint8Array>;
        try {
          r = await reader.read();
        } catch (error) {
          throw new DataFormatError(
            `data fetch ${source.name}: the download broke off after ${received.toLocaleString('en-US')} bytes (${(error as Error).message}). Run the command again.`,
            { cause: error },
          );
        }
        if (r.done) break;
        await file.write(r.value);
        sha256.update(r.value);
        pinned?.update(r.value);
        received += r.value.length;
        options.onProgress?.({ received, ...(total !== undefined ? { total } : {}) });
      }
    } finally {
      await file.close();
    }
    if (total !== undefined && received !== total) {
      throw new DataFormatError(
        `data fetch ${source.name}: the download is truncated: ${received.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} bytes arrived. Run the command again.`,
      );
    }
    const got = pinned?.digest('hex');
    if (expected && got !== expected.hex) {
      throw new DataFormatError(
        `data fetch ${source.name}: ${expected.algorithm} of the download is ${got}, expected ${expected.hex} (pinned). The file changed upstream or the download is damaged; nothing was saved. Run again, or pass a --url that serves the original file.`,
      );
    }
  } catch (error) {
    await fs.rm(part, { force: true }); // never leave half a file behind
    throw error;
  }
  await fs.rename(part, target);
  return {
    path: target,
    bytes: received,
    sha256: sha256.digest('hex'),
    cached: false,
    unpacked: await unpack(source, target, options.cacheDir),
  };
}

/** Unpacks a zip beside itself (entries under the cache folder only). */
async function unpack(source: DatasetSource, archive: string, cacheDir: string): Promise<string[]> {
  if (!source.unzip) return [];
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const root = path.resolve(cacheDir);
  const written: string[] = [];
  for (const entry of zipEntries(new Uint8Array(await fs.readFile(archive)), archive)) {
    if (entry.path.startsWith('__MACOSX/')) continue;
    const out = path.resolve(root, entry.path);
    if (!out.startsWith(root + path.sep)) {
      throw new ConfigError(
        `data fetch ${source.name}: ${archive} holds ${JSON.stringify(entry.path)}, which points outside ${cacheDir}; refusing to unpack it.`,
      );
    }
    await fs.mkdir(path.dirname(out), { recursive: true });
    await fs.writeFile(out, await entry.read());
    written.push(out);
  }
  return written;
}
