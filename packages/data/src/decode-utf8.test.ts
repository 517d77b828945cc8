import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, firstInvalidUtf8 } from './decode-utf8.js';

async function decodeAll(pieces: (Uint8Array | string)[], name = 'test.txt'): Promise<string> {
  async function* gen() {
    yield* pieces;
  }
  let text = '';
  for await (const piece of decodeUtf8(gen(), name)) text += piece;
  return text;
}

describe('decodeUtf8', () => {
  it('joins characters split across pieces and drops a BOM', async () => {
    const bytes = new TextEncoder().encode('\ufeffnaïve 🐋');
    expect(await decodeAll([bytes.subarray(0, 6), bytes.subarray(6, 11), bytes.subarray(11)])).toBe(
      'naïve 🐋',
    );
  });

  it('names the source and the bytes of invalid UTF-8, and says how to convert', async () => {
    // "café" in Latin-1: 0xE9 is not valid UTF-8 here
    const latin1 = Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x21]);
    await expect(decodeAll([latin1], 'menu.txt')).rejects.toThrow(
      /menu.txt: expected UTF-8 text, but byte 3 \(0xe9\) is not valid UTF-8. Convert the file first/,
    );
    // a truncated multi-byte character at the very end
    await expect(decodeAll([Uint8Array.from([0x61, 0xf0, 0x9f])])).rejects.toThrow(
      /test.txt: expected UTF-8 text, but byte 1 \(0xf0\) is not valid UTF-8/,
    );
    // a bad byte right after a character split across two pieces
    const whale = new TextEncoder().encode('ab🐋');
    await expect(
      decodeAll([whale.subarray(0, 4), Uint8Array.from([...whale.subarray(4), 0xff])]),
    ).rejects.toThrow(/byte 6 \(0xff\) is not valid UTF-8/);
  });

  it('finds the first invalid byte like the WHATWG decoder', () => {
    const encoder = new TextEncoder();
    expect(firstInvalidUtf8(encoder.encode('naïve — 🐋'))).toBe(-1);
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0); // surrogate
    expect(firstInvalidUtf8(Uint8Array.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // > U+10FFFF
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0x80]))).toBe(1); // lone continuation
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(bytes) === -1).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });
});
