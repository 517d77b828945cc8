/**
 * The loaders on fixture folders in the real layouts (fixtures/flickr8k, coco, karpathy,
 * written by examples/write-dataset-fixtures.mjs): every split's images and tokenised
 * references, what real downloads also hold (a listed image with no file, captions of an
 * image in no split) counted in notes, and the format errors, each naming file and line.
 */
import { ConfigError, DataFormatError } from '@recurrent/errors';
import { describe, expect, it } from 'vitest';
import { nodeFiles as files, fixture } from '../test-utils/node-files.js';
import { splitOf } from './caption-dataset.js';
import { captionTokens } from './caption-tokens.js';
import { loadCaptionDataset } from './load-caption-dataset.js';

describe('captionTokens', () => {
  it('lower-cases and drops punctuation, keeping inner apostrophes and hyphens', () => {
    expect(captionTokens('A dog\'s red T-shirt , on "the" grass .')).toEqual([
      'a',
      "dog's",
      'red',
      't-shirt',
      'on',
      'the',
      'grass',
    ]);
    expect(captionTokens(' . , ')).toEqual([]);
  });
});

describe('loadCaptionDataset flickr8k', () => {
  it('reads Flickr8k.token.txt, the three split files and Flicker8k_Dataset/', async () => {
    const root = fixture('flickr8k');
    const data = await loadCaptionDataset({ format: 'flickr8k', root, files });
    expect(splitOf(data, 'train')).toHaveLength(12);
    expect(splitOf(data, 'validation')).toHaveLength(4);
    expect(splitOf(data, 'test')).toHaveLength(4);
    const first = data.images[0]!;
    expect(first.name).toBe('1000_scene.jpg');
    expect(first.path).toBe(fixture('flickr8k', 'Flicker8k_Dataset', '1000_scene.jpg'));
    expect(first.references[0]).toEqual([
      'a',
      'large',
      'red',
      'square',
      'left',
      'of',
      'a',
      'large',
      'green',
      'circle',
    ]);
    expect(data.counts).toMatchObject({
      images: 20,
      missingImages: 1,
      imagesWithoutCaptions: 0,
      emptyCaptions: 0,
    });
    // 1998_orphan.jpg has captions and a file but is in no split
    expect(data.counts.captionsOutsideSplits).toBeGreaterThan(0);
    expect(data.notes.join('\n')).toContain('1999_missing.jpg');
    expect(data.notes.join('\n')).toMatch(
      /captions are of 1 images in no split \(1998_orphan\.jpg\)/,
    );
  });

  it('names the file and line of a caption line without a tab', async () => {
    const root = fixture('flickr8k-missing-tab');
    const load = loadCaptionDataset({ format: 'flickr8k', root, files });
    await expect(load).rejects.toThrow(DataFormatError);
    await expect(load).rejects.toThrow(
      /Flickr8k\.token\.txt:4: expected "<image>\.jpg#<n><TAB><caption>", got "1000_scene\.jpg#3 {4}There is.*" with no tab/,
    );
  });

  it('says which files it expected when the folder is not Flickr8k', async () => {
    await expect(
      loadCaptionDataset({ format: 'flickr8k', root: fixture('coco'), files }),
    ).rejects.toThrow(
      /expected Flickr8k\.token\.txt in .*coco.*found annotations, train2017, val2017/,
    );
  });
});

describe('loadCaptionDataset coco', () => {
  it('reads annotations/captions_{train,val}2017.json and the image folders', async () => {
    const data = await loadCaptionDataset({ format: 'coco', root: fixture('coco'), files });
    expect(splitOf(data, 'train')).toHaveLength(8);
    expect(splitOf(data, 'validation')).toHaveLength(4);
    expect(splitOf(data, 'test')).toHaveLength(0);
    expect(splitOf(data, 'validation')[0]!.path).toBe(
      fixture('coco', 'val2017', '000000000009.jpg'),
    );
    expect(data.counts).toMatchObject({ missingImages: 1, captionsOutsideSplits: 1 });
    expect(data.notes.join('\n')).toContain('000000000900.jpg');
    expect(data.notes.join('\n')).toContain('train:901');
  });
});

describe('loadCaptionDataset karpathy', () => {
  it('reads dataset_flickr8k.json: train + restval, val, test; other splits counted', async () => {
    for (const root of [fixture('karpathy'), fixture('karpathy', 'dataset_flickr8k.json')]) {
      const data = await loadCaptionDataset({ format: 'karpathy', root, files });
      expect(splitOf(data, 'train')).toHaveLength(8);
      expect(splitOf(data, 'validation')).toHaveLength(2);
      expect(splitOf(data, 'test')).toHaveLength(3);
      expect(splitOf(data, 'test')[0]!.path).toBe(fixture('karpathy', 'Images', '2010_scene.jpg'));
      expect(data.counts.missingImages).toBe(1);
      expect(data.notes.join('\n')).toMatch(/captions are of 1 images in no split \(2013_scene/);
    }
  });

  it('refuses a JSON file that is not a split file, naming it', async () => {
    await expect(
      loadCaptionDataset({
        format: 'karpathy',
        root: fixture('coco', 'annotations', 'captions_val2017.json'),
        files,
      }),
    ).rejects.toThrow(
      /captions_val2017\.json: expected images\[0\] to have a "filename" and a "sentences" array/,
    );
  });
});

it('lists the formats for an unknown one', async () => {
  await expect(
    loadCaptionDataset({ format: 'flickr30k' as never, root: fixture('flickr8k'), files }),
  ).rejects.toThrow(
    new ConfigError(
      'loadCaptionDataset: Unknown format "flickr30k". Available: flickr8k, coco, karpathy.',
    ),
  );
});
