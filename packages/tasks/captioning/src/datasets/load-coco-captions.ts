/**
 * COCO captions as distributed: `annotations/captions_train2017.json` and
 * `annotations/captions_val2017.json` (or the 2014 names), each `{ images: [{ id, file_name }],
 * annotations: [{ image_id, caption }] }`, with the images in `train2017/` and `val2017/`.
 * train is `train`, val is `validation`; COCO's test images have no public captions (use the
 * Karpathy split for a test split).
 *
 * @example
 * const data = await loadCocoCaptions('data/coco', files);
 * data.counts.images; // 123287 with both years' splits there
 */
import { DataFormatError } from '@recurrent/errors';
import type { TaskFiles } from '@recurrent/task';
import type { CaptionDataset, CaptionSplit } from './caption-dataset.js';
import { collectRecords, type ListedImage } from './collect-records.js';
import { readJson } from './dataset-files.js';

const YEARS = Object.freeze(['2017', '2014']);
const SPLITS: readonly (readonly [CaptionSplit, string])[] = Object.freeze([
  ['train', 'train'],
  ['validation', 'val'],
]);

interface CocoFile {
  readonly images: readonly { readonly id: number; readonly file_name: string }[];
  readonly annotations: readonly { readonly image_id: number; readonly caption: string }[];
}

function checkCoco(value: unknown, path: string): CocoFile {
  const v = value as Partial<CocoFile> | null;
  if (!v || !Array.isArray(v.images) || !Array.isArray(v.annotations)) {
    throw new DataFormatError(
      `${path}: expected COCO captions JSON, an object with "images" and "annotations" arrays, got ${v === null || typeof v !== 'object' ? typeof v : `keys ${Object.keys(v).join(', ') || '(none)'}`}. Pass annotations/captions_<split><year>.json from annotations_trainval<year>.zip.`,
    );
  }
  v.images.forEach((image, i) => {
    if (typeof image?.id !== 'number' || typeof image.file_name !== 'string')
      throw new DataFormatError(
        `${path}: expected images[${i}] to have a numeric "id" and a "file_name", got ${JSON.stringify(image)}.`,
      );
  });
  v.annotations.forEach((a, i) => {
    if (typeof a?.image_id !== 'number' || typeof a.caption !== 'string')
      throw new DataFormatError(
        `${path}: expected annotations[${i}] to have a numeric "image_id" and a "caption", got ${JSON.stringify(a)}.`,
      );
  });
  return v as CocoFile;
}

export async function loadCocoCaptions(root: string, files: TaskFiles): Promise<CaptionDataset> {
  const annotations = files.join(root, 'annotations');
  const listed: ListedImage[] = [];
  const keys: string[] = []; // the caption key of listed[i]: `<split>:<image id>`
  const captions = new Map<string, string[]>();
  const notes: string[] = [];
  const read: string[] = [];
  for (const [split, prefix] of SPLITS) {
    let path: string | undefined;
    let year = '';
    for (const y of YEARS) {
      const candidate = files.join(annotations, `captions_${prefix}${y}.json`);
      if (!path && (await files.kind(candidate)) === 'file') [path, year] = [candidate, y];
    }
    if (!path) {
      notes.push(
        `no annotations/captions_${prefix}2017.json (or 2014): the ${split} split is empty.`,
      );
      continue;
    }
    read.push(path);
    const coco = checkCoco(await readJson(files, path), path);
    const folder = files.join(root, `${prefix}${year}`);
    for (const image of coco.images) {
      listed.push({ name: image.file_name, split, folder });
      keys.push(`${prefix}:${image.id}`);
    }
    for (const a of coco.annotations) {
      const key = `${prefix}:${a.image_id}`;
      const list = captions.get(key) ?? [];
      list.push(a.caption);
      captions.set(key, list);
    }
  }
  if (read.length === 0) {
    throw new DataFormatError(
      `coco: expected annotations/captions_train2017.json or captions_val2017.json under ${root}, found none. Unzip annotations_trainval2017.zip into ${root} (with train2017/ and val2017/ beside annotations/).`,
    );
  }
  return collectRecords({
    format: 'coco',
    root,
    files,
    listed,
    captions,
    keyOf: (_, index) => keys[index]!,
    listedIn: 'listed in "images"',
    notes,
  });
}
