/**
 * One front door to the real caption data sets: `format` picks the loader (Flickr8k's text
 * files, COCO's captions JSON or a Karpathy split file) and `files` is how to read (the
 * trainer's filesystem; a test's fixture folder). The result lists every kept image with its
 * path, reference tokens and split; `notes` says what was left out, with counts.
 *
 * @example
 * const data = await loadCaptionDataset({ format: 'flickr8k', root: 'fixtures/flickr8k', files });
 * splitOf(data, 'test')[0]; // { name, path, split: 'test', references: [['a', ...], ...] }
 * data.notes; // ['1 images named in Flickr_8k.*Images.txt have no file in ...: left out.', ...]
 */
import { ConfigError } from '@recurrent/errors';
import type { TaskFiles } from '@recurrent/task';
import { CAPTION_FORMATS, type CaptionDataset, type CaptionFormat } from './caption-dataset.js';
import { loadCocoCaptions } from './load-coco-captions.js';
import { loadFlickr8k } from './load-flickr8k.js';
import { loadKarpathySplit } from './load-karpathy-split.js';

export interface LoadCaptionDatasetOptions {
  readonly format: CaptionFormat;
  /** The data set's folder (Karpathy: the folder or the JSON file itself). */
  readonly root: string;
  readonly files: TaskFiles;
}

const LOADERS: Readonly<
  Record<CaptionFormat, (root: string, files: TaskFiles) => Promise<CaptionDataset>>
> = Object.freeze({
  flickr8k: loadFlickr8k,
  coco: loadCocoCaptions,
  karpathy: loadKarpathySplit,
});

export async function loadCaptionDataset(
  options: LoadCaptionDatasetOptions,
): Promise<CaptionDataset> {
  const loader = LOADERS[options.format as CaptionFormat];
  if (!Object.hasOwn(LOADERS, options.format) || !loader) {
    throw new ConfigError(
      `loadCaptionDataset: Unknown format ${JSON.stringify(options.format)}. Available: ${CAPTION_FORMATS.join(', ')}.`,
    );
  }
  return loader(options.root, options.files);
}
