// `data fetch physionet-2012` against a local HTTP server on 127.0.0.1 (never the real
// internet): a fixture set-a.tar.gz built from generated stays, Outcomes-a.txt and a
// SHA256SUMS.txt as PhysioNet publishes it. Checks progress, checksums, the cache, a
// damaged download, and that the unpacked folder trains as `--data`.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetchCommand } from './fetch-command.js';
import { generatePhysionetFiles, OUTCOMES_HEADER } from './generate-physionet-set.js';
import { loadPhysionetSet } from './load-physionet-set.js';
import { makeTarGz } from './test-utils/make-tar-gz.js';
import { nodeFiles } from './test-utils/node-files.js';

const dir = mkdtempSync(path.join(tmpdir(), 'clinical-fetch-'));
let server: Server;
let base: string;
const served: Record<string, Uint8Array> = {};
const requests: string[] = [];
let damage = false;

beforeAll(async () => {
  const stays = [...generatePhysionetFiles({ stays: 30, seed: 5 })];
  served['set-a.tar.gz'] = await makeTarGz(
    stays.map((s) => ({ path: `set-a/${s.recordId}.txt`, text: s.text })),
  );
  served['Outcomes-a.txt'] = new TextEncoder().encode(
    `${[OUTCOMES_HEADER, ...stays.map((s) => s.outcomeLine)].join('\n')}\n`,
  );
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  served['SHA256SUMS.txt'] = new TextEncoder().encode(
    Object.entries(served)
      .map(([name, bytes]) => `${sha(bytes)}  ${name}\n`)
      .join(''),
  );
  server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '').replace(/^\/files\//, ''));
    requests.push(name);
    const body = served[name];
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    const bytes =
      damage && name.endsWith('.tar.gz') ? body.map((b, i) => (i === 100 ? b ^ 1 : b)) : body;
    res.writeHead(200, { 'content-length': String(bytes.length) }).end(Buffer.from(bytes));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/files/`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function run(values: Record<string, string | boolean>) {
  const out: string[] = [];
  const err: string[] = [];
  const done = createFetchCommand().run({
    positionals: [],
    values: { cache: path.join(dir, 'cache'), sets: 'a', url: base, ...values },
    files: nodeFiles,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { done, out, err };
}

describe('data fetch physionet-2012', () => {
  it('downloads with progress, verifies SHA-256, unpacks set-a/, and the folder loads as --data', async () => {
    const { done, out, err } = run({});
    expect(await done).toBe(0);
    expect(requests).toEqual(['SHA256SUMS.txt', 'Outcomes-a.txt', 'set-a.tar.gz']);
    expect(err[0]).toBe(`physionet-2012: ${base} (sets a) -> ${path.join(dir, 'cache')}`);
    expect(err.some((l) => /^set-a\.tar\.gz: \[##########\] 100% /.test(l))).toBe(true);
    expect(out[0]).toMatch(
      /^Outcomes-a\.txt: downloaded \(0\.0 MB, sha256 [0-9a-f]{64} verified\)$/,
    );
    expect(out).toContain(`set-a: 30 stay files in ${path.join(dir, 'cache')}/set-a/`);
    expect(out.at(-1)).toBe(`next: recurrent train clinical --data ${path.join(dir, 'cache')}`);
    const set = await loadPhysionetSet(nodeFiles, path.join(dir, 'cache'));
    expect(set.stays.length).toBe(30);
    expect(set.report.counts.unmatched).toBeUndefined();
  });

  it('uses the cache the second time (only the checksum list is fetched)', async () => {
    requests.length = 0;
    const { done, out } = run({});
    expect(await done).toBe(0);
    expect(requests).toEqual(['SHA256SUMS.txt']);
    expect(out[1]).toMatch(/^set-a\.tar\.gz: already in the cache/);
  });

  it('rejects a damaged download and saves nothing', async () => {
    damage = true;
    const { done } = run({ cache: path.join(dir, 'other') });
    await expect(done).rejects.toThrow(
      /the SHA-256 of set-a\.tar\.gz is [0-9a-f]{64}, expected [0-9a-f]{64} \(SHA256SUMS\.txt\)\. .*nothing was saved/,
    );
    damage = false;
    expect(readdirSync(path.join(dir, 'other'))).toEqual(['Outcomes-a.txt']);
    expect(existsSync(path.join(dir, 'other', 'set-a.tar.gz.part'))).toBe(false);
  });

  it('says which sets exist', async () => {
    await expect(run({ sets: 'a,d' }).done).rejects.toThrow(/expected sets among a, b, c, got a,d/);
  });
});
