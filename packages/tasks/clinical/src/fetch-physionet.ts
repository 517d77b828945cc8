import { gunzip, tarEntries } from '@recurrent/data';
/**
 * Downloads the PhysioNet/CinC Challenge 2012 data (open access, ODC-By 1.0) into a cache
 * folder (Node): `SHA256SUMS.txt` first, then `set-x.tar.gz` and `Outcomes-x.txt` of each
 * set, each streamed to `<file>.part` while hashed, checked against the length the server
 * announced and the published SHA-256, and renamed into place. A file already cached with
 * the right checksum is not downloaded again. Archives are unpacked to `<cache>/set-x/`,
 * the layout `--data <cache>` reads. Node's fs and crypto load on demand (browser-safe).
 *
 * @example
 * await fetchPhysionet({ cacheDir: 'data/physionet-2012', sets: ['a'], onProgress: (line) => lines.push(line) });
 */
import { ConfigError, DataFormatError } from '@recurrent/errors';

export const physionetSource = Object.freeze({
  baseUrl: 'https://physionet.org/files/challenge-2012/1.0.0/', // the project page: physionet.org/content/challenge-2012/1.0.0/
  checksums: 'SHA256SUMS.txt', // PhysioNet publishes one per project version
  citation:
    'Silva I, Moody G, Scott DJ, Celi LA, Mark RG. Predicting In-Hospital Mortality of ICU Patients: The PhysioNet/Computing in Cardiology Challenge 2012. Comput Cardiol 2012;39:245-248. Data: ODC-By 1.0.',
});

export interface FetchProgress {
  readonly file: string;
  readonly received: number;
  /** From Content-Length; undefined when the server does not say. */
  readonly total?: number;
}

export interface FetchPhysionetOptions {
  readonly cacheDir: string;
  /** Which sets: a, b, c (4,000 stays each). */
  readonly sets?: readonly string[];
  /** A mirror serving the same files (the published checksums still apply). */
  readonly baseUrl?: string;
  readonly force?: boolean;
  readonly fetch?: typeof fetch;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: FetchProgress) => void;
}

export interface FetchedFile {
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly cached: boolean;
}

export interface FetchedPhysionet {
  readonly files: readonly FetchedFile[];
  /** Stay files unpacked per set. */
  readonly unpacked: Readonly<Record<string, number>>;
}

export const fetchPhysionetDefaults = Object.freeze({
  sets: Object.freeze(['a', 'b', 'c']) as readonly string[], // all 12,000 stays; --sets a for the usual benchmark
});

/** `<hex>  <name>` lines -> name -> hex. */
export function parseChecksums(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{64})\s+\*?(.+?)\s*$/.exec(line.trim());
    if (m) out.set(m[2]!.replace(/^\.\//, ''), m[1]!);
  }
  return out;
}

async function sha256File(path: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  const { createReadStream } = await import('node:fs');
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function get(url: string, o: FetchPhysionetOptions): Promise<Response> {
  const response = await (o.fetch ?? fetch)(url, o.signal ? { signal: o.signal } : {}).catch(
    (error: unknown) => {
      throw new DataFormatError(
        `data fetch physionet-2012: could not reach ${url} (${(error as Error).message}). Check the network, or download the files by hand into ${o.cacheDir}.`,
        { cause: error },
      );
    },
  );
  if (!response.ok || !response.body) {
    throw new DataFormatError(
      `data fetch physionet-2012: ${url} answered ${response.status} ${response.statusText}; expected 200 with the file.`,
    );
  }
  return response;
}

/** Streams one file to `<target>.part`, checks length and checksum, renames it into place. */
async function download(
  url: string,
  target: string,
  name: string,
  expected: string,
  o: FetchPhysionetOptions,
): Promise<FetchedFile> {
  const fs = await import('node:fs/promises');
  const { createHash } = await import('node:crypto');
  const response = await get(url, o);
  const announced = Number(response.headers.get('content-length') ?? Number.NaN);
  const total = Number.isFinite(announced) ? announced : undefined;
  const part = `${target}.part`;
  const file = await fs.open(part, 'w');
  const hash = createHash('sha256');
  let received = 0;
  try {
    const reader = response.body!.getReader();
    for (;;) {
      const r = await reader.read().catch((error: unknown) => {
        throw new DataFormatError(
          `data fetch physionet-2012: ${name} broke off after ${received.toLocaleString('en-US')} bytes (${(error as Error).message}). Run the command again.`,
          { cause: error },
        );
      });
      if (r.done) break;
      await file.write(r.value);
      hash.update(r.value);
      received += r.value.length;
      o.onProgress?.({ file: name, received, ...(total !== undefined ? { total } : {}) });
    }
  } finally {
    await file.close();
  }
  const got = hash.digest('hex');
  const problem =
    total !== undefined && received !== total
      ? `${name} is truncated: ${received.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} bytes arrived. Run the command again.`
      : got !== expected
        ? `the SHA-256 of ${name} is ${got}, expected ${expected} (SHA256SUMS.txt). The download is damaged or the mirror serves another file; nothing was saved. Run again.`
        : null;
  if (problem) {
    await fs.rm(part, { force: true });
    throw new DataFormatError(`data fetch physionet-2012: ${problem}`);
  }
  await fs.rename(part, target);
  return { file: name, bytes: received, sha256: got, cached: false };
}

/** Unpacks `set-x/*.txt` of an archive under the cache folder (nothing outside it). */
async function unpack(archive: string, cacheDir: string): Promise<number> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const root = path.resolve(cacheDir);
  let written = 0;
  for await (const entry of tarEntries(
    gunzip(new Uint8Array(await fs.readFile(archive)), archive),
    archive,
  )) {
    const out = path.resolve(root, entry.path);
    if (!out.startsWith(root + path.sep)) {
      throw new ConfigError(
        `data fetch physionet-2012: ${archive} holds ${JSON.stringify(entry.path)}, which points outside ${cacheDir}; refusing to unpack it.`,
      );
    }
    await fs.mkdir(path.dirname(out), { recursive: true });
    await fs.writeFile(out, entry.bytes);
    written++;
  }
  return written;
}

export async function fetchPhysionet(options: FetchPhysionetOptions): Promise<FetchedPhysionet> {
  const o = { ...fetchPhysionetDefaults, ...options };
  const bad = o.sets.filter((s) => !['a', 'b', 'c'].includes(s));
  if (bad.length > 0 || o.sets.length === 0) {
    throw new ConfigError(
      `data fetch physionet-2012: expected sets among a, b, c, got ${o.sets.join(',') || 'none'}. Example: --sets a,b,c.`,
    );
  }
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const base = (o.baseUrl ?? physionetSource.baseUrl).replace(/\/?$/, '/');
  await fs.mkdir(o.cacheDir, { recursive: true });
  const sums = parseChecksums(await (await get(base + physionetSource.checksums, o)).text());
  const files: FetchedFile[] = [];
  const unpacked: Record<string, number> = {};
  for (const set of o.sets) {
    for (const name of [`Outcomes-${set}.txt`, `set-${set}.tar.gz`]) {
      const expected = sums.get(name);
      if (!expected) {
        throw new DataFormatError(
          `data fetch physionet-2012: ${base}${physionetSource.checksums} lists no checksum for ${name}; expected one line "<sha256>  ${name}". Is the base URL a copy of ${physionetSource.baseUrl}?`,
        );
      }
      const target = path.join(o.cacheDir, name);
      const there = await fs.stat(target).then(
        (s) => s.isFile(),
        () => false,
      );
      const cachedSum = there && !o.force ? await sha256File(target) : null;
      const fetched =
        cachedSum === expected
          ? { file: name, bytes: (await fs.stat(target)).size, sha256: cachedSum, cached: true }
          : await download(base + name, target, name, expected, o);
      files.push(fetched);
      if (name.endsWith('.tar.gz')) {
        const dir = path.join(o.cacheDir, `set-${set}`);
        const present = await fs.readdir(dir).then(
          (e) => e.length,
          () => 0,
        );
        unpacked[set] = fetched.cached && present > 0 ? present : await unpack(target, o.cacheDir);
      }
    }
  }
  return { files, unpacked };
}
