/**
 * Flickr8k as distributed: `Flickr8k.token.txt` (lines `name.jpg#k<TAB>caption`, five per
 * image), `Flickr_8k.trainImages.txt` / `Flickr_8k.devImages.txt` / `Flickr_8k.testImages.txt`
 * (one image name per line) at the root or in `Flickr8k_text/`, and the images in
 * `Flicker8k_Dataset/` (the zip's spelling), `Flickr8k_Dataset/` or `Images/`. dev is our
 * `validation`. A caption line without a tab is an error naming the file and line.
 *
 * @example
 * const data = await loadFlickr8k('data/Flickr8k', files);
 * data.counts; // { images: 8091, captions: 40455, missingImages: 0, ... }
 */
import { DataFormatError } from '@recurrent/errors';
import type { TaskFiles } from '@recurrent/task';
import type { CaptionDataset, CaptionSplit } from './caption-dataset.js';
import { collectRecords, type ListedImage } from './collect-records.js';
import { firstThere, readLines } from './dataset-files.js';

export const FLICKR8K_TOKEN_FILE = 'Flickr8k.token.txt';
export const FLICKR8K_SPLIT_FILES: Readonly<Record<CaptionSplit, string>> = Object.freeze({
  train: 'Flickr_8k.trainImages.txt',
  validation: 'Flickr_8k.devImages.txt',
  test: 'Flickr_8k.testImages.txt',
});
export const FLICKR8K_IMAGE_FOLDERS = Object.freeze([
  'Flicker8k_Dataset',
  'Flickr8k_Dataset',
  'Images',
]);
const TEXT_FOLDERS = Object.freeze(['.', 'Flickr8k_text']);

/** `name.jpg#k<TAB>caption` -> name -> captions, in file order. */
export async function readFlickr8kTokens(
  files: TaskFiles,
  path: string,
): Promise<Map<string, string[]>> {
  const captions = new Map<string, string[]>();
  for (const { text, line } of await readLines(files, path)) {
    const tab = text.indexOf('\t');
    if (tab < 0) {
      throw new DataFormatError(
        `${path}:${line}: expected "<image>.jpg#<n><TAB><caption>", got ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}...` : text)} with no tab. Separate the image name and the caption with one tab character.`,
      );
    }
    const name = text.slice(0, tab).trim().replace(/#\d+$/, '');
    const list = captions.get(name) ?? [];
    list.push(text.slice(tab + 1));
    captions.set(name, list);
  }
  return captions;
}

export async function loadFlickr8k(root: string, files: TaskFiles): Promise<CaptionDataset> {
  const textFolders = TEXT_FOLDERS.map((f) => (f === '.' ? root : files.join(root, f)));
  let tokenFile: string | undefined;
  let textFolder = root;
  for (const folder of textFolders) {
    const there = tokenFile
      ? undefined
      : await firstThere(files, folder, [FLICKR8K_TOKEN_FILE], 'file');
    if (there) [tokenFile, textFolder] = [there, folder];
  }
  if (!tokenFile) {
    const found = (await files.kind(root)) === 'folder' ? await files.list(root) : [];
    throw new DataFormatError(
      `flickr8k: expected ${FLICKR8K_TOKEN_FILE} in ${root} or ${files.join(root, 'Flickr8k_text')}, found ${found.length > 0 ? found.join(', ') : 'no such folder'}. Unzip Flickr8k_text.zip there (with Flickr8k_Dataset.zip beside it).`,
    );
  }
  const captions = await readFlickr8kTokens(files, tokenFile);
  const imageFolder = await firstThere(files, root, FLICKR8K_IMAGE_FOLDERS, 'folder');
  if (!imageFolder) {
    throw new DataFormatError(
      `flickr8k: expected an image folder ${FLICKR8K_IMAGE_FOLDERS.join(' or ')} in ${root}, found ${(await files.list(root)).join(', ')}. Unzip Flickr8k_Dataset.zip into ${root}.`,
    );
  }
  const listed: ListedImage[] = [];
  const notes: string[] = [];
  for (const [split, name] of Object.entries(FLICKR8K_SPLIT_FILES) as [CaptionSplit, string][]) {
    const file = files.join(textFolder, name);
    if ((await files.kind(file)) !== 'file') {
      if (split === 'train') {
        throw new DataFormatError(
          `flickr8k: expected the training split ${file} beside ${FLICKR8K_TOKEN_FILE}, found none. It lists one image name per line; Flickr8k_text.zip has it.`,
        );
      }
      notes.push(`no ${name} beside ${FLICKR8K_TOKEN_FILE}: the ${split} split is empty.`);
      continue;
    }
    for (const { text } of await readLines(files, file))
      listed.push({ name: text.trim(), split, folder: imageFolder });
  }
  return collectRecords({
    format: 'flickr8k',
    root,
    files,
    listed,
    captions,
    listedIn: 'named in Flickr_8k.*Images.txt',
    notes,
  });
}
