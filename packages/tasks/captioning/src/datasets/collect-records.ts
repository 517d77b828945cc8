/**
 * The step every loader ends with: images listed per split, their captions by image name
 * and the image files that exist -> kept records, counts and notes. An image is kept when
 * its file exists and it has a caption; everything else is counted, never an error.
 */
import type { TaskFiles } from '@recurrent/task';
import type {
  CaptionDataset,
  CaptionFormat,
  CaptionRecord,
  CaptionSplit,
} from './caption-dataset.js';
import { captionTokens } from './caption-tokens.js';
import { leftOutNote } from './dataset-files.js';

export interface ListedImage {
  readonly name: string;
  readonly split: CaptionSplit;
  /** The folder the image file should be in. */
  readonly folder: string;
}

export interface CollectInput {
  readonly format: CaptionFormat;
  readonly root: string;
  readonly files: TaskFiles;
  /** Every image a split names, in the data set's order. */
  readonly listed: readonly ListedImage[];
  /** Raw captions by image key (the name, or COCO's id as a string). */
  readonly captions: ReadonlyMap<string, readonly string[]>;
  /** The key of a listed image in `captions` (default: its name). */
  readonly keyOf?: (image: ListedImage, index: number) => string;
  /** Says where the listing came from, for notes: `named in Flickr_8k.*Images.txt`. */
  readonly listedIn: string;
  /** Notes the loader already has (a split file not there). */
  readonly notes?: readonly string[];
}

export async function collectRecords(input: CollectInput): Promise<CaptionDataset> {
  const { files } = input;
  const folders = new Map<string, Set<string> | null>();
  const present = async (folder: string, name: string) => {
    if (!folders.has(folder)) {
      const there = (await files.kind(folder)) === 'folder';
      folders.set(folder, there ? new Set(await files.list(folder)) : null);
    }
    return folders.get(folder)?.has(name) ?? false;
  };
  const images: CaptionRecord[] = [];
  const missing: string[] = [];
  const uncaptioned: string[] = [];
  const used = new Set<string>();
  let emptyCaptions = 0;
  let captions = 0;
  for (const [index, image] of input.listed.entries()) {
    const key = input.keyOf ? input.keyOf(image, index) : image.name;
    used.add(key);
    if (!(await present(image.folder, image.name))) {
      missing.push(image.name);
      continue;
    }
    const raw = input.captions.get(key) ?? [];
    const references = raw.map(captionTokens).filter((tokens) => tokens.length > 0);
    emptyCaptions += raw.length - references.length;
    if (references.length === 0) {
      uncaptioned.push(image.name);
      continue;
    }
    captions += references.length;
    images.push({
      name: image.name,
      path: files.join(image.folder, image.name),
      split: image.split,
      references,
    });
  }
  const outside = [...input.captions.entries()].filter(([key]) => !used.has(key));
  const outsideCaptions = outside.reduce((sum, [, c]) => sum + c.length, 0);
  const notes = [...(input.notes ?? [])];
  const firstFolder = input.listed[0]?.folder ?? input.root;
  if (missing.length > 0)
    notes.push(
      leftOutNote(
        missing.length,
        `images ${input.listedIn} have no file in ${[...folders.keys()].join(', ')}`,
        missing,
      ),
    );
  if (outside.length > 0)
    notes.push(
      leftOutNote(
        outsideCaptions,
        `captions are of ${outside.length.toLocaleString('en-US')} images in no split`,
        outside.map(([key]) => key),
      ),
    );
  if (uncaptioned.length > 0)
    notes.push(leftOutNote(uncaptioned.length, 'images have no caption', uncaptioned));
  if (emptyCaptions > 0) notes.push(`${emptyCaptions} captions were only punctuation: left out.`);
  return {
    format: input.format,
    root: input.root,
    imageFolder: firstFolder,
    images,
    counts: {
      images: images.length,
      captions,
      missingImages: missing.length,
      captionsOutsideSplits: outsideCaptions,
      imagesWithoutCaptions: uncaptioned.length,
      emptyCaptions,
    },
    notes,
  };
}
