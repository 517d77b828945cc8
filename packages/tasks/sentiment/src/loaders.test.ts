import { readFileSync } from 'node:fs';
import { gunzip, stringSource, tarEntries, Vocabulary } from '@recurrent/data';
import { describe, expect, it } from 'vitest';
import { loadEmbeddings } from './load-embeddings.js';
import { guessFormat, loadSentences } from './load-sentences.js';
import { fixture, nodeFiles } from './test-utils/node-files.js';
import { zipEntries } from './zip-entries.js';

const load = (name: string, options = {}) => loadSentences(nodeFiles, fixture(name), options);

describe('loaders on fixture files in the real formats', () => {
  it('SST-2 and SST-5 (label sentence), blank lines counted', async () => {
    const sst2 = await load('stsa.binary.train');
    expect(sst2.labels).toEqual(['negative', 'positive']);
    expect(sst2.sentences.map((s) => s.label)).toEqual([1, 0, 0, 1, 0, 1]);
    expect(sst2.sentences[0]!.text).toMatch(/^a stirring , funny/);
    expect(sst2.sentences[3]!.origin).toMatch(/stsa\.binary\.train:5$/);
    expect(sst2.notes).toEqual([expect.stringMatching(/skipped 1 blank lines/)]);
    const sst5 = await load('stsa.fine.dev');
    expect(sst5.labels).toEqual([
      'very negative',
      'negative',
      'neutral',
      'positive',
      'very positive',
    ]);
    expect(sst5.sentences.map((s) => s.label)).toEqual([3, 2, 4, 0, 1]);
  });

  it('GLUE SST-2 TSV with its header; the unlabelled test.tsv is refused with the reason', async () => {
    const glue = await load('glue-sst2/train.tsv', { format: 'glue-sst2' });
    expect(glue.sentences).toHaveLength(7);
    expect(glue.sentences[2]).toMatchObject({
      label: 1,
      text: expect.stringMatching(/^that loves its characters/),
    });
    await expect(load('glue-sst2/test.tsv', { format: 'glue-sst2' })).rejects.toThrow(
      /test\.tsv:1: expected a GLUE SST-2 header with columns "sentence" and "label", got "index\\tsentence"\. GLUE's test\.tsv has no labels/,
    );
  });

  it('UCI sentence<TAB>label, format guessed from *_labelled.txt', async () => {
    expect(guessFormat('x/yelp_labelled.txt')).toBe('uci');
    const uci = await load('yelp_labelled.txt');
    expect(uci.sentences.map((s) => [s.text, s.label])).toEqual([
      ['Wow... Loved this place.', 1],
      ['Crust is not good.', 0],
      ['Not tasty and the texture was just nasty.', 0],
      [
        'Stopped by during the late May bank holiday off Rick Steve recommendation and loved it.',
        1,
      ],
      ['The selection on the menu was great and so were the prices.', 1],
    ]);
  });

  it('IMDB from folders (split folder or root) and from the .tar.gz, unsup ignored, <br /> removed', async () => {
    const folder = await load('aclImdb/train', { format: 'imdb' });
    expect(folder.sentences.map((s) => s.label)).toEqual([0, 0, 1, 1]);
    expect(folder.sentences[2]!.text).toBe(
      'Bromwell High is a cartoon comedy. It ran at the same time as some other programs about school life. I loved it.',
    );
    const root = await load('aclImdb', { format: 'imdb', split: 'test' });
    expect(root.sentences.map((s) => s.text.slice(0, 10))).toEqual(['Once again', 'I went and']);
    const archive = await load('aclImdb_v1.tar.gz');
    const pairs = (xs: typeof folder.sentences) => xs.map((s) => `${s.label} ${s.text}`).sort();
    expect(pairs(archive.sentences)).toEqual(pairs(folder.sentences));
    expect(archive.sentences[0]!.origin).toMatch(
      /aclImdb_v1\.tar\.gz:aclImdb\/train\/neg\/0_3\.txt$/,
    );
  });

  it('CSV with quotes, "" and a line break in a field; TSV; JSONL with three classes', async () => {
    const csv = await load('reviews.csv', { textColumn: 'review', labelColumn: 'stars' });
    expect(csv.labels).toEqual(['negative', 'positive']);
    expect(csv.sentences.map((s) => [s.text, s.label, s.origin?.split(':').pop()])).toEqual([
      ['Great phone, the battery lasts all day.', 1, '2'],
      ['The screen cracked after a week; "durable" my foot.', 0, '3'],
      ['Shipping was fast.\nThe case fits well.', 1, '4'],
      ['Stopped working after two days', 0, '6'],
    ]);
    const tsv = await load('reviews.tsv', {
      textColumn: 'sentence',
      labelColumn: 'sentiment',
      labels: ['neg', 'pos'],
    });
    expect(tsv.sentences.map((s) => s.label)).toEqual([1, 0, 1]);
    expect(tsv.labels).toEqual(['neg', 'pos']);
    const jsonl = await load('reviews.jsonl');
    expect(jsonl.labels).toEqual(['0', '1', '2']);
    expect(jsonl.sentences.map((s) => s.label)).toEqual([1, 0, 2]);
  });

  it('a tiny tar reader and zip reader read GNU tar and Python zipfile output', async () => {
    const bytes = readFileSync(fixture('aclImdb_v1.tar.gz'));
    const paths: string[] = [];
    for await (const e of tarEntries(gunzip(new Uint8Array(bytes)))) paths.push(e.path);
    expect(paths).toContain('aclImdb/train/unsup/0_0.txt');
    expect(paths).toHaveLength(7);
    const zip = zipEntries(new Uint8Array(readFileSync(fixture('SST-2.zip'))), 'SST-2.zip');
    expect(zip.map((e) => e.path)).toEqual(['SST-2/train.tsv', 'SST-2/dev.tsv', 'SST-2/test.tsv']);
    expect(new TextDecoder().decode(await zip[1]!.read())).toBe(
      readFileSync(fixture('glue-sst2/dev.tsv'), 'utf8'),
    );
  });
});

describe('bad inputs name the file and line', () => {
  it('an empty file', async () => {
    await expect(load('bad/empty.tsv', { format: 'uci' })).rejects.toThrow(
      /empty\.tsv: the file holds no labelled sentences \(0 blank lines\); expected lines of "sentence<TAB>label"/,
    );
    await expect(load('bad/empty.tsv', { format: 'tsv' })).rejects.toThrow(
      /empty\.tsv: the file holds no rows; expected a header row/,
    );
  });

  it('a wrong column name, a malformed line, a label outside the set, one class only', async () => {
    await expect(load('reviews.csv')).rejects.toThrow(
      /reviews\.csv:1: the header has no column "text" \(columns: id, review, stars\)\. Pass --text-column and --label-column/,
    );
    await expect(load('reviews.jsonl', { textColumn: 'review' })).rejects.toThrow(
      /reviews\.jsonl:1: the object has no "review" field \(fields: text, label\)/,
    );
    await expect(load('bad/missing-tab_labelled.txt')).rejects.toThrow(
      /missing-tab_labelled\.txt:2: expected "sentence<TAB>label" with label 0 or 1, got "No label on this line"/,
    );
    await expect(load('bad/stsa.binary.badlabel')).rejects.toThrow(
      /stsa\.binary\.badlabel:2: label "7" is not in the label set \(0, 1\)/,
    );
    await expect(
      load('reviews.tsv', {
        textColumn: 'sentence',
        labelColumn: 'sentiment',
        labels: ['neg', 'neutral'],
      }),
    ).rejects.toThrow(/reviews\.tsv:2: label "pos" is not in the label set \(neg, neutral\)/);
    await expect(load('bad/one-class.csv')).rejects.toThrow(
      /one-class\.csv: every row has the label "positive"; a classifier needs at least two classes/,
    );
  });

  it('non-UTF-8 bytes', async () => {
    await expect(load('bad/latin1.uci.txt', { format: 'uci' })).rejects.toThrow(
      /latin1\.uci\.txt.*(UTF-8|utf-8)/,
    );
  });

  it('a truncated archive, an unknown format', async () => {
    const bytes = new Uint8Array(readFileSync(fixture('aclImdb_v1.tar.gz')));
    const gunzipped: Uint8Array[] = [];
    for await (const c of gunzip(bytes)) gunzipped.push(c);
    const tar = new Uint8Array(Buffer.concat(gunzipped));
    const read = async (end: number) => {
      const cut = tar.subarray(0, end);
      for await (const _ of tarEntries(
        (async function* () {
          yield cut;
        })(),
        'cut.tar',
      )) {
        // reading through
      }
    };
    await expect(read(2100)).rejects.toThrow(
      /cut\.tar: aclImdb\/test\/neg\/0_2\.txt should hold 87 bytes but the archive ends first \(at byte 2100\); it is truncated/,
    );
    await expect(read(1800)).rejects.toThrow(
      /cut\.tar: the archive ends inside a header at byte 1536; it is truncated/,
    );
    const drain = async () => {
      for await (const _ of gunzip(bytes.subarray(0, 400), 'cut.tar.gz')) {
        // reading through
      }
    };
    await expect(drain()).rejects.toThrow(/cut\.tar\.gz: the gzip data is corrupt or truncated/);
    await expect(loadSentences(nodeFiles, fixture('README.md'))).rejects.toThrow(
      /cannot tell the format of .*README\.md from its name\. Pass --format, one of sst2, sst5, glue-sst2, imdb, uci, csv, tsv, jsonl/,
    );
  });
});

describe('pretrained vectors', () => {
  const vocab = Vocabulary.fromTokens(['the', 'great', 'bad', 'popcorn']);
  it('GloVe text, restricted to the vocabulary, coverage counted; word2vec header skipped', async () => {
    const glove = await loadEmbeddings(nodeFiles.textSource(fixture('glove.tiny.5d.txt')), vocab);
    expect(glove).toMatchObject({ dim: 5, found: 3, words: 4, linesRead: 6 });
    expect(Array.from(glove.vectors.subarray(5 * 5, 6 * 5))).toEqual(
      [0.5, 0.1, 0.2, 0.3, 0.4].map(Math.fround),
    );
    expect(Array.from(glove.vectors.subarray(0, 5))).toEqual([0, 0, 0, 0, 0]); // <pad>
    const missing = glove.vectors.subarray(7 * 5, 8 * 5); // popcorn: small random
    expect(missing.every((v) => Math.abs(v) <= 0.05)).toBe(true);
    expect(missing.some((v) => v !== 0)).toBe(true);
    const w2v = await loadEmbeddings(nodeFiles.textSource(fixture('word2vec.tiny.4d.txt')), vocab);
    expect(w2v).toMatchObject({ dim: 4, found: 2 });
  });
  it('ragged and empty files', async () => {
    await expect(
      loadEmbeddings(nodeFiles.textSource(fixture('bad/glove.ragged.txt')), vocab),
    ).rejects.toThrow(
      /glove\.ragged\.txt:2: expected a word and 3 numbers \(the width of the first vector line\), got 2 numbers/,
    );
    await expect(loadEmbeddings(stringSource(''), vocab)).rejects.toThrow(
      /string: the file is empty/,
    );
  });
});
