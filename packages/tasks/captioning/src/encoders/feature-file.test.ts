/**
 * The feature file: records read back exactly; a torn last record (a crash mid-write) is
 * detected by length or checksum and ignored by the reader, cut off by the writer before it
 * appends again; a file of another encoder is refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, stat, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openFeatureWriter, parseFeatureFile, readFeatureFile } from './feature-file.js';

const dir = mkdtempSync(path.join(tmpdir(), 'captioning-features-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const header = { encoder: 'test-encoder', outputSize: 3, keys: 'files' as const };
const vector = (x: number) => Float32Array.from([x, x + 0.5, -x]);

describe('feature files', () => {
  it('reads back what was appended, and resumes after a torn record', async () => {
    const file = path.join(dir, 'a.bin');
    const writer = await openFeatureWriter(file, header);
    for (const [i, name] of ['a.jpg', 'b.jpg', 'é.png'].entries())
      await writer.append(name, vector(i));
    await writer.close();
    const whole = (await stat(file)).size;
    const read = await readFeatureFile(file);
    expect(read.header).toEqual(header);
    expect([...read.vectors.keys()]).toEqual(['a.jpg', 'b.jpg', 'é.png']);
    expect(read.vectors.get('é.png')).toEqual(vector(2));
    expect(read.tornBytes).toBe(0);

    // a crash 7 bytes into the fourth record: the writer cuts it off and appends after record 3
    const more = await openFeatureWriter(file, header);
    await more.append('d.jpg', vector(3));
    await more.close();
    await truncate(file, whole + 7);
    expect((await readFeatureFile(file)).tornBytes).toBe(7);
    const resumed = await openFeatureWriter(file, header);
    expect(resumed.size).toBe(3);
    expect(resumed.has('b.jpg')).toBe(true);
    await resumed.append('d.jpg', vector(3));
    await resumed.close();
    const after = await readFeatureFile(file);
    expect([...after.vectors.keys()]).toEqual(['a.jpg', 'b.jpg', 'é.png', 'd.jpg']);
    expect(after.tornBytes).toBe(0);
    const flipped = new Uint8Array(await readFile(file));
    flipped[flipped.length - 6]! ^= 0xff;
    const damaged = parseFeatureFile(flipped, 'damaged.bin');
    expect(damaged.vectors.size).toBe(3);
    expect(damaged.tornBytes).toBe(flipped.length - whole);
  });

  it('refuses a file of another encoder, and a file that is not one', async () => {
    const file = path.join(dir, 'b.bin');
    await (await openFeatureWriter(file, header)).close();
    await expect(
      openFeatureWriter(file, { ...header, encoder: 'other', outputSize: 5 }),
    ).rejects.toThrow(
      'holds features of test-encoder (3 values), expected other (5). Pass another --out, or delete the file to start over.',
    );
    expect(() => parseFeatureFile(new TextEncoder().encode('hello\n'), 'x.bin')).toThrow(
      'x.bin: expected a feature file from `recurrent data encode-images`',
    );
    await expect(readFeatureFile(path.join(dir, 'none.bin'))).rejects.toThrow(
      /none\.bin: expected a feature file, got none \(ENOENT\)\. Make one with `recurrent data encode-images/,
    );
  });
});
