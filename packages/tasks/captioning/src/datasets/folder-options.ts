/**
 * The task's side of `--data <folder> --format flickr8k|coco|karpathy`: the option values
 * and the app's files as loader options (a missing --format or no files is a ConfigError
 * with the fix), and the lines `recurrent train` prints about such data.
 */
import { ConfigError } from '@recurrent/errors';
import type { OptionValues, PrepareContext, TaskFiles } from '@recurrent/task';
import type { CaptioningData } from '../prepare-captioning-data.js';
import { CAPTION_FORMATS, type CaptionFormat } from './caption-dataset.js';
import type { LoadCaptionDatasetOptions } from './load-caption-dataset.js';

export function filesOf(context: PrepareContext): TaskFiles {
  if (!context.files) {
    throw new ConfigError(
      'captioning: --data names a folder, and files cannot be read here. Train on the generated scenes, or run `recurrent train captioning --data <folder>` in Node.',
    );
  }
  return context.files;
}

export function folderOptions(options: OptionValues, files: TaskFiles): LoadCaptionDatasetOptions {
  const format = options.format;
  if (typeof format !== 'string' || !CAPTION_FORMATS.includes(format as CaptionFormat)) {
    throw new ConfigError(
      `captioning: --data ${String(options.data)} needs --format, one of ${CAPTION_FORMATS.join(', ')}; got ${format === undefined ? 'none' : JSON.stringify(format)}. Example: --data Flickr8k --format flickr8k.`,
    );
  }
  return { format: format as CaptionFormat, root: options.data as string, files };
}

const count = (n: number) => n.toLocaleString('en-US');

export function describeFolderData(data: CaptioningData): string[] {
  const p = data.provenance;
  const refs = (images: CaptioningData['train']) =>
    count(images.reduce((s, i) => s + i.references.length, 0));
  const size = data.hyperParameters.imageSize;
  return [
    `data: ${String(p.data)} (${String(p.format)}) | ${size} x ${size} RGB | train ${count(data.train.length)} images (${refs(data.train)} captions) | validation ${count(data.validation.length)} | held-out = ${String(p.heldOutSplit)} split, ${count(data.heldOut.length)}`,
    `vocabulary ${data.vocabulary.size} (min count ${data.hyperParameters.minFrequency}, <pad> <unk> <bos> <eos> included) | example: "${data.train[0]!.references[0]!.join(' ')}"`,
  ];
}
