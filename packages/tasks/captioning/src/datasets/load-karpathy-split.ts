/**
 * The Karpathy split files (`dataset_flickr8k.json`, `dataset_flickr30k.json`,
 * `dataset_coco.json` from NeuralTalk): `{ images: [{ filename, filepath?, split,
 * sentences: [{ tokens }] }] }`. `--data` names the JSON file or the folder holding it; an
 * image is read from `<folder>/<filepath>/<filename>` when it has a `filepath` (COCO:
 * `val2014`), else from the folder's `Flicker8k_Dataset/`, `Images/`, `flickr30k-images/`
 * or the folder itself. `train` and `restval` are `train`, `val` is `validation`, `test` is
 * `test`; an image with any other split is counted as in no split.
 *
 * @example
 * const data = await loadKarpathySplit('data/dataset_flickr8k.json', files);
 * splitOf(data, 'test').length; // 1000
 */
import { DataFormatError } from '@recurrent/errors';
import type { TaskFiles } from '@recurrent/task';
import type { CaptionDataset, CaptionSplit } from './caption-dataset.js';
import { collectRecords, type ListedImage } from './collect-records.js';
import { firstThere, readJson } from './dataset-files.js';

export const KARPATHY_FILES = Object.freeze([
  'dataset_flickr8k.json',
  'dataset_flickr30k.json',
  'dataset_coco.json',
]);
const IMAGE_FOLDERS = Object.freeze([
  'Flicker8k_Dataset',
  'Flickr8k_Dataset',
  'Images',
  'flickr30k-images',
]);
const SPLITS: Readonly<Record<string, CaptionSplit>> = Object.freeze({
  train: 'train',
  restval: 'train', // COCO's val images outside Karpathy's val/test: trained on, as NeuralTalk does
  val: 'validation',
  test: 'test',
});

interface KarpathyImage {
  readonly filename: string;
  readonly filepath?: string;
  readonly split?: string;
  readonly sentences: readonly { readonly tokens?: readonly string[]; readonly raw?: string }[];
}

function checkKarpathy(value: unknown, path: string): readonly KarpathyImage[] {
  const images = (value as { images?: unknown } | null)?.images;
  if (!Array.isArray(images)) {
    throw new DataFormatError(
      `${path}: expected a Karpathy split file, an object with an "images" array, got ${value === null || typeof value !== 'object' ? typeof value : `keys ${Object.keys(value).join(', ') || '(none)'}`}. Use dataset_flickr8k.json or dataset_coco.json from caption_datasets.zip.`,
    );
  }
  images.forEach((image: Partial<KarpathyImage> | null, i) => {
    if (typeof image?.filename !== 'string' || !Array.isArray(image.sentences)) {
      throw new DataFormatError(
        `${path}: expected images[${i}] to have a "filename" and a "sentences" array, got ${JSON.stringify(image).slice(0, 120)}.`,
      );
    }
  });
  return images as KarpathyImage[];
}

async function splitFile(root: string, files: TaskFiles): Promise<[string, string]> {
  const kind = await files.kind(root);
  if (kind === 'file') {
    const cut = Math.max(root.lastIndexOf('/'), root.lastIndexOf('\\'));
    return [root, cut >= 0 ? root.slice(0, cut) || '/' : '.'];
  }
  if (kind === 'folder') {
    const names = await files.list(root);
    const known = KARPATHY_FILES.filter((f) => names.includes(f));
    if (known.length === 1) return [files.join(root, known[0]!), root];
    if (known.length > 1) {
      throw new DataFormatError(
        `karpathy: ${root} holds ${known.join(' and ')}; expected one. Name the file: --data ${files.join(root, known[0]!)}.`,
      );
    }
    throw new DataFormatError(
      `karpathy: expected ${KARPATHY_FILES.join(', ')} or another split file in ${root}, found ${names.join(', ') || 'nothing'}. Name the JSON file with --data.`,
    );
  }
  throw new DataFormatError(
    `karpathy: expected --data to name a split file such as dataset_flickr8k.json or its folder, got ${root}, which does not exist. Check the path.`,
  );
}

export async function loadKarpathySplit(root: string, files: TaskFiles): Promise<CaptionDataset> {
  const [path, folder] = await splitFile(root, files);
  const images = checkKarpathy(await readJson(files, path), path);
  const flatFolder =
    (await firstThere(files, folder, IMAGE_FOLDERS, 'folder')) ?? files.join(folder);
  const listed: ListedImage[] = [];
  const keys: string[] = [];
  const captions = new Map<string, string[]>();
  images.forEach((image, i) => {
    const key = `${image.filepath ? `${image.filepath}/` : ''}${image.filename}#${i}`;
    captions.set(
      key,
      image.sentences.map((s) => (s.tokens ? s.tokens.join(' ') : (s.raw ?? ''))),
    );
    const split = SPLITS[image.split ?? ''];
    if (!split) return; // in no split: counted by collectRecords as captions outside splits
    listed.push({
      name: image.filename,
      split,
      folder: image.filepath ? files.join(folder, image.filepath) : flatFolder,
    });
    keys.push(key);
  });
  return collectRecords({
    format: 'karpathy',
    root,
    files,
    listed,
    captions,
    keyOf: (_, index) => keys[index]!,
    listedIn: `listed in ${path}`,
  });
}
