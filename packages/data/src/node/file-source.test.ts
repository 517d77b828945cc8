import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { charTokenizer } from '../char-tokenizer.js';
import { encodeCorpus } from '../encode-corpus.js';
import { readText } from '../text-source.js';
import { wordTokenizer } from '../word-tokenizer.js';
import { fileSource } from './file-source.js';

const dir = mkdtempSync(path.join(tmpdir(), 'recurrent-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fileSource', () => {
  // multi-byte characters (é: 2 bytes, —: 3, 🐋: 4) land across 4 KiB read boundaries
  const text = 'Call me Ishmael — café 🐋 naïve whale.\n'.repeat(3000);
  const file = path.join(dir, 'corpus.txt');
  writeFileSync(file, text, 'utf8');

  it('streams a file in small reads and encodes it like the whole string', async () => {
    const source = fileSource(file, { chunkSize: 4096 });
    expect(await readText(source)).toBe(text);
    for (const tokenizer of [charTokenizer(), wordTokenizer()]) {
      const fromFile = await encodeCorpus(source, { tokenizer });
      const fromString = await encodeCorpus(text, { tokenizer });
      expect(fromFile.ids).toEqual(fromString.ids);
      expect(fromFile.vocabulary.tokens).toEqual(fromString.vocabulary.tokens);
    }
  });

  it('reports a non-UTF-8 file with its path and how to convert it', async () => {
    const latin1 = path.join(dir, 'latin1.txt');
    writeFileSync(latin1, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    await expect(encodeCorpus(fileSource(latin1), { tokenizer: charTokenizer() })).rejects.toThrow(
      /latin1.txt: expected UTF-8 text, but byte 3 \(0xe9\) is not valid UTF-8. Convert/,
    );
  });

  it('reports a missing file and an empty one', async () => {
    await expect(readText(fileSource(path.join(dir, 'nope.txt')))).rejects.toThrow(
      /fileSource: cannot read ".*nope.txt" \(resolved to .*\): ENOENT/,
    );
    const empty = path.join(dir, 'empty.txt');
    writeFileSync(empty, '');
    await expect(encodeCorpus(fileSource(empty), { tokenizer: charTokenizer() })).rejects.toThrow(
      /empty.txt\): the corpus is empty/,
    );
  });
});
