/**
 * What every caption-data loader returns: one entry per image of a split, with the image's
 * path (joined through the app's `TaskFiles`), its reference captions as word tokens and the
 * split it belongs to, plus counts and notes of what did not fit (missing image files,
 * captions of images in no split). Loaders report, they never print.
 *
 * @example
 * const data = await loadCaptionDataset({ format: 'flickr8k', root: 'Flickr8k', files });
 * data.images[0]; // { name: '1000268201_693b08cb0e.jpg', path: 'Flickr8k/Images/1000...jpg',
 * //                   split: 'train', references: [['a', 'child', 'in', ...], ...] }
 */

/** The real layouts a loader reads. */
export type CaptionFormat = 'flickr8k' | 'coco' | 'karpathy';
export const CAPTION_FORMATS: readonly CaptionFormat[] = Object.freeze([
  'flickr8k',
  'coco',
  'karpathy',
]);

/** Our split names: Flickr8k's dev, COCO's val2017 and Karpathy's `val` are `validation`. */
export type CaptionSplit = 'train' | 'validation' | 'test';
export const CAPTION_SPLITS: readonly CaptionSplit[] = Object.freeze([
  'train',
  'validation',
  'test',
]);

export interface CaptionRecord {
  /** The image's file name as the data set writes it (`1000268201_693b08cb0e.jpg`). */
  readonly name: string;
  /** Where the image file is: `files.join(root, folder, name)`. */
  readonly path: string;
  readonly split: CaptionSplit;
  /** Every reference caption of the image, tokenised by `captionTokens`. */
  readonly references: readonly (readonly string[])[];
}

/** What a loader left out, by reason (each also said in `notes`). */
export interface CaptionDatasetCounts {
  /** Images kept, all splits. */
  readonly images: number;
  /** Reference captions kept, all splits. */
  readonly captions: number;
  /** Images named by a split (or the annotations) whose file is not in the image folder. */
  readonly missingImages: number;
  /** Captions of images that are in no split (or whose image the split file does not list). */
  readonly captionsOutsideSplits: number;
  /** Images of a split with no caption at all. */
  readonly imagesWithoutCaptions: number;
  /** Captions that were empty after tokenising (only punctuation). */
  readonly emptyCaptions: number;
}

export interface CaptionDataset {
  readonly format: CaptionFormat;
  /** The folder (or file) the user named. */
  readonly root: string;
  /** The folder the images are read from (for COCO and Karpathy, the first one used). */
  readonly imageFolder: string;
  /** Kept images in the data set's order, every split. */
  readonly images: readonly CaptionRecord[];
  readonly counts: CaptionDatasetCounts;
  /** One line per thing left out, with its count and a few names: warnings for the log. */
  readonly notes: readonly string[];
}

/** The images of one split. */
export function splitOf(data: CaptionDataset, split: CaptionSplit): CaptionRecord[] {
  return data.images.filter((image) => image.split === split);
}
