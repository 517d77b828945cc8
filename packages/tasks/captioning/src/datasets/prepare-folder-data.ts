/**
 * A real data set's folder as training data: `loadCaptionDataset` lists the images, each is
 * decoded (PNG/JPEG) and fitted to the model's input, and the vocabulary is built from the
 * training captions with the minimum count. The data set's validation split picks `best/`;
 * its test split is `heldOut` (COCO has none: then validation is used, and said in notes).
 *
 * @example
 * const data = await prepareFolderData({ format: 'flickr8k', root: 'fixtures/flickr8k', files }, hp);
 * data.train.length; // 12
 */
import { Vocabulary } from '@recurrent/data';
import { ConfigError } from '@recurrent/errors';
import type { TaskFiles } from '@recurrent/task';
import type { CaptioningHyperParameters } from '../captioning-defaults.js';
import { decodeImage } from '../decode-image.js';
import { imageToModelInput } from '../image-to-model-input.js';
import type { CaptionedImage, CaptioningData } from '../prepare-captioning-data.js';
import { type CaptionRecord, type CaptionSplit, splitOf } from './caption-dataset.js';
import { type LoadCaptionDatasetOptions, loadCaptionDataset } from './load-caption-dataset.js';

/** Decodes the images of `records` to the model's input size. */
export async function captionedImages(
  records: readonly CaptionRecord[],
  files: TaskFiles,
  imageSize: number,
): Promise<CaptionedImage[]> {
  const images: CaptionedImage[] = [];
  for (const record of records) {
    const decoded = await decodeImage(await files.readBytes(record.path), record.path);
    images.push({
      pixels: imageToModelInput(decoded, imageSize),
      references: record.references,
      source: record.path,
    });
  }
  return images;
}

export async function prepareFolderData(
  options: LoadCaptionDatasetOptions,
  hyperParameters: CaptioningHyperParameters,
  onLog?: (line: string) => void,
): Promise<CaptioningData> {
  const dataset = await loadCaptionDataset(options);
  for (const note of dataset.notes) onLog?.(`${options.format}: ${note}`);
  const records = (split: CaptionSplit) => splitOf(dataset, split);
  if (records('train').length === 0 || records('validation').length === 0) {
    throw new ConfigError(
      `captioning: expected ${options.root} to have train and validation images, got ${records('train').length} and ${records('validation').length}. Check the split files (${dataset.notes.join(' ') || 'nothing was left out'}).`,
    );
  }
  const size = hyperParameters.imageSize;
  const train = await captionedImages(records('train'), options.files, size);
  const validation = await captionedImages(records('validation'), options.files, size);
  const test = records('test');
  const heldOut = test.length > 0 ? await captionedImages(test, options.files, size) : validation;
  const vocabulary = Vocabulary.build(
    train.flatMap((image) => image.references),
    { minFrequency: hyperParameters.minFrequency },
  );
  return {
    hyperParameters,
    vocabulary,
    train,
    validation,
    heldOut,
    provenance: {
      data: options.root,
      format: options.format,
      imageSize: size,
      images: { ...dataset.counts },
      heldOutSplit: test.length > 0 ? 'test' : 'validation',
    },
  };
}
