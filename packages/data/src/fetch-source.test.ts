import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSource } from './fetch-source.js';
import { readText } from './text-source.js';

describe('fetchSource', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/moby.txt') {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.write(Buffer.from('Call me Ishmael — ', 'utf8'));
        res.end(Buffer.from('🐋\n', 'utf8'));
      } else if (req.url === '/latin1.txt') {
        res.writeHead(200);
        res.end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
      } else {
        res.writeHead(404, 'Not Found');
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('streams and decodes a real HTTP response with the global fetch', async () => {
    expect(await readText(fetchSource(`${base}/moby.txt`))).toBe('Call me Ishmael — 🐋\n');
  });

  it('uses an injected fetch', async () => {
    const source = fetchSource('/corpus.txt', {
      fetch: async () => new Response('tiny corpus'),
    });
    expect(await readText(source)).toBe('tiny corpus');
  });

  it('explains HTTP errors, network errors and non-UTF-8 bodies', async () => {
    await expect(readText(fetchSource(`${base}/missing.txt`))).rejects.toThrow(
      /fetchSource: http:\/\/127.0.0.1:\d+\/missing.txt answered 404 Not Found; expected 200/,
    );
    await expect(
      readText(fetchSource('x.txt', { fetch: () => Promise.reject(new Error('offline')) })),
    ).rejects.toThrow(/fetchSource: could not fetch x.txt: offline. Check the URL/);
    await expect(readText(fetchSource(`${base}/latin1.txt`))).rejects.toThrow(
      /latin1.txt: expected UTF-8 text, but byte 3 \(0xe9\) is not valid UTF-8/,
    );
  });
});
