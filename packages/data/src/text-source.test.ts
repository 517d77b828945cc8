import { describe, expect, it } from 'vitest';
import { readText, streamSource, stringSource } from './text-source.js';

async function collect(source: { chunks(): AsyncIterable<string> }): Promise<string[]> {
  const pieces: string[] = [];
  for await (const piece of source.chunks()) pieces.push(piece);
  return pieces;
}

describe('stringSource', () => {
  it('yields pieces of chunkSize that never split a surrogate pair', async () => {
    const text = 'ab🐋cd🐋🐋e';
    const pieces = await collect(stringSource(text, { chunkSize: 3 }));
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(3);
      expect(Array.from(piece).join('')).toBe(piece);
      expect(/[\ud800-\udbff]$/.test(piece)).toBe(false);
    }
    expect(await readText(stringSource(text))).toBe(text);
  });

  it('is re-iterable', async () => {
    const source = stringSource('abc');
    expect(await readText(source)).toBe('abc');
    expect(await readText(source)).toBe('abc');
  });
});

describe('streamSource', () => {
  it('decodes UTF-8 split at any byte and can be read only once', async () => {
    const bytes = new TextEncoder().encode('Ahab — 🐋 é');
    async function* oneByteAtATime() {
      for (const b of bytes) yield Uint8Array.of(b);
    }
    const source = streamSource(oneByteAtATime(), { name: 'pipe' });
    expect(await readText(source)).toBe('Ahab — 🐋 é');
    expect(() => source.chunks()).toThrow(
      /streamSource\(pipe\): a stream can be read once; it was read already/,
    );
  });

  it('reads a web ReadableStream through its reader', async () => {
    const bytes = new TextEncoder().encode('the white whale');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 5));
        controller.enqueue(bytes.subarray(5));
        controller.close();
      },
    });
    expect(await readText(streamSource(stream))).toBe('the white whale');
  });

  it('rejects something that is not a stream', () => {
    expect(() => streamSource('text' as never)).toThrow(
      /streamSource: expected an async iterable of bytes or strings/,
    );
  });
});
