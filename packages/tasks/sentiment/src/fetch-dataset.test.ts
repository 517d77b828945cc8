// `data fetch` against a local HTTP server on 127.0.0.1 serving the fixture archives:
// a good download, the cache, a truncated download and a checksum mismatch. Never the internet.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetSource } from './dataset-sources.js';
import { createFetchCommand, fetchCommand } from './fetch-command.js';
import { fetchDataset } from './fetch-dataset.js';
import { loadSentences } from './load-sentences.js';
import { fixture, nodeFiles } from './test-utils/node-files.js';

const zip = readFileSync(fixture('SST-2.zip'));
const tgz = readFileSync(fixture('aclImdb_v1.tar.gz'));
const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');
let server: Server;
let base: string;
let dir: string;
let requests = 0;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sentiment-fetch-'));
  server = createServer((req, res) => {
    requests++;
    if (req.url === '/SST-2.zip') {
      res.writeHead(200, { 'content-length': zip.length }).end(zip);
    } else if (req.url === '/aclImdb_v1.tar.gz') {
      res.writeHead(200, { 'content-length': tgz.length }).end(tgz);
    } else if (req.url === '/truncated.tar.gz') {
      res.writeHead(200, { 'content-length': tgz.length });
      res.write(tgz.subarray(0, 300), () => res.destroy()); // the connection drops mid-file
    } else {
      res.writeHead(404).end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const imdb = (over: Partial<DatasetSource> = {}): DatasetSource => ({
  name: 'imdb',
  url: `${base}/aclImdb_v1.tar.gz`,
  file: 'aclImdb_v1.tar.gz',
  checksum: { algorithm: 'md5', hex: md5(tgz) },
  next: '',
  citation: '',
  ...over,
});

describe('fetchDataset (local server)', () => {
  it('downloads with progress, verifies the pinned md5, then serves the cache', async () => {
    const seen: number[] = [];
    const cacheDir = path.join(dir, 'a');
    const got = await fetchDataset(imdb(), { cacheDir, onProgress: (p) => seen.push(p.received) });
    expect(got).toMatchObject({ cached: false, bytes: tgz.length });
    expect(got.sha256).toBe(createHash('sha256').update(tgz).digest('hex'));
    expect(seen.at(-1)).toBe(tgz.length);
    expect((await loadSentences(nodeFiles, got.path)).sentences).toHaveLength(4);
    const before = requests;
    const again = await fetchDataset(imdb(), { cacheDir });
    expect(again.cached).toBe(true);
    expect(requests).toBe(before); // no second download
  });

  it('a truncated download is an error and leaves no file', async () => {
    const cacheDir = path.join(dir, 'b');
    await expect(
      fetchDataset(imdb({ url: `${base}/truncated.tar.gz` }), { cacheDir }),
    ).rejects.toThrow(
      /^data fetch imdb: the download broke off after \d+ bytes \(terminated\)\. Run the command again\.$/,
    );
    expect(existsSync(path.join(cacheDir, 'aclImdb_v1.tar.gz'))).toBe(false);
    expect(existsSync(path.join(cacheDir, 'aclImdb_v1.tar.gz.part'))).toBe(false);
  });

  it('a checksum mismatch is an error and saves nothing', async () => {
    const cacheDir = path.join(dir, 'c');
    const wrong = imdb({ checksum: { algorithm: 'md5', hex: '7c2ac02c03563afcf9b574c7e56c153a' } });
    await expect(fetchDataset(wrong, { cacheDir })).rejects.toThrow(
      `data fetch imdb: md5 of the download is ${md5(tgz)}, expected 7c2ac02c03563afcf9b574c7e56c153a (pinned).`,
    );
    expect(existsSync(path.join(cacheDir, 'aclImdb_v1.tar.gz'))).toBe(false);
    await expect(fetchDataset(imdb({ url: `${base}/missing` }), { cacheDir })).rejects.toThrow(
      /answered 404 Not Found; expected 200 with the file/,
    );
  });

  it('the data fetch command unpacks SST-2.zip, prints progress, the citation and the next command', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const cacheDir = path.join(dir, 'd');
    const sst2: DatasetSource = {
      name: 'sst2',
      url: `${base}/SST-2.zip`,
      file: 'SST-2.zip',
      checksum: { algorithm: 'md5', hex: md5(zip) },
      unzip: true,
      next: 'recurrent train sentiment --data {dir}/SST-2/train.tsv --format glue-sst2',
      citation: 'Socher et al. 2013',
    };
    const command = createFetchCommand({ sst2 });
    const run = (positionals: string[], values = {}) =>
      command.run({
        positionals,
        values: { cache: cacheDir, ...values },
        files: nodeFiles,
        out: (l) => out.push(l),
        err: (l) => err.push(l),
      });
    expect(await run(['sst2'])).toBe(0);
    expect(err[0]).toBe(`sst2: ${base}/SST-2.zip -> ${cacheDir}`);
    expect(err.at(-1)).toMatch(/^sst2: \[##########\] 100% 0\.0 MB of 0\.0 MB \| [\d.]+ MB\/s$/);
    expect(out[0]).toMatch(
      /^sst2: downloaded .*SST-2\.zip \(0\.0 MB, sha256 [0-9a-f]{64}, md5 verified\)$/,
    );
    expect(out.slice(1)).toEqual([
      'sst2: unpacked 3 files',
      'cite: Socher et al. 2013',
      `next: recurrent train sentiment --data ${cacheDir}/SST-2/train.tsv --format glue-sst2`,
    ]);
    const train = await loadSentences(nodeFiles, path.join(cacheDir, 'SST-2', 'train.tsv'), {
      format: 'glue-sst2',
    });
    expect(train.sentences).toHaveLength(7);
    await expect(run(['sst5'])).rejects.toThrow(
      'data fetch: expected one dataset name, got "sst5". Available: sst2.',
    );
    // The real table pins GLUE's md5: a mirror serving other bytes is refused.
    await expect(
      fetchCommand.run({
        positionals: ['sst2'],
        values: { cache: path.join(dir, 'e'), url: `${base}/SST-2.zip` },
        files: nodeFiles,
        out: () => {},
        err: () => {},
      }),
    ).rejects.toThrow(
      /md5 of the download is [0-9a-f]{32}, expected 9f81648d4199384278b86e315dac217c \(pinned\)/,
    );
  });
});
