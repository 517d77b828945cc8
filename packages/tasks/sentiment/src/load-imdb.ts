/**
 * The IMDB reviews of Maas et al. (2011) as Stanford distributes them: `aclImdb/{train,test}/
 * {pos,neg}/<id>_<stars>.txt`, one review per file (`unsup/` is unlabelled and ignored).
 * `path` names the split folder (`aclImdb/train`), the root (`aclImdb`, with `split`), or
 * the archive `aclImdb_v1.tar.gz`, which is gunzipped and read entry by entry as it
 * streams. The reviews' `<br />` tags become spaces.
 */
import { gunzip, readText, tarEntries } from '@recurrent/data';
import { DataFormatError } from '@recurrent/errors';
import type { TaskFiles } from '@recurrent/task';
import { BINARY_LABELS, type LabelledSentence, type LoadedSentences } from './labelled-sentence.js';

export type ImdbSplit = 'train' | 'test';

const clean = (review: string) =>
  review
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const strict = new TextDecoder('utf-8', { fatal: true });

async function fromArchive(
  files: TaskFiles,
  path: string,
  split: ImdbSplit,
): Promise<LabelledSentence[]> {
  const pattern = new RegExp(`(?:^|/)${split}/(pos|neg)/[^/]+\\.txt$`);
  const sentences: LabelledSentence[] = [];
  for await (const entry of tarEntries(gunzip(await files.readBytes(path), path), path)) {
    const m = pattern.exec(entry.path);
    if (!m) continue;
    let review: string;
    try {
      review = strict.decode(entry.bytes);
    } catch (error) {
      throw new DataFormatError(
        `${path}: ${entry.path} is not valid UTF-8; expected a UTF-8 review.`,
        {
          cause: error,
        },
      );
    }
    sentences.push({
      text: clean(review),
      label: m[1] === 'pos' ? 1 : 0,
      origin: `${path}:${entry.path}`,
    });
  }
  return sentences;
}

async function fromFolder(
  files: TaskFiles,
  path: string,
  split: ImdbSplit,
): Promise<LabelledSentence[]> {
  const names = await files.list(path);
  const root = names.includes('pos') && names.includes('neg') ? path : files.join(path, split);
  if (root !== path && !names.includes(split)) {
    throw new DataFormatError(
      `${path}: expected an IMDB folder with pos/ and neg/ (aclImdb/${split}) or ${split}/pos and ${split}/neg (aclImdb), got ${names.slice(0, 8).join(', ') || 'an empty folder'}.`,
    );
  }
  const sentences: LabelledSentence[] = [];
  for (const [polarity, label] of [
    ['neg', 0],
    ['pos', 1],
  ] as const) {
    const folder = files.join(root, polarity);
    for (const name of (await files.list(folder)).filter((n) => n.endsWith('.txt'))) {
      const file = files.join(folder, name);
      sentences.push({ text: clean(await readText(files.textSource(file))), label, origin: file });
    }
  }
  return sentences;
}

/**
 * @example
 * const imdb = await loadImdb(files, 'aclImdb_v1.tar.gz', 'train'); // 25,000 reviews
 */
export async function loadImdb(
  files: TaskFiles,
  path: string,
  split: ImdbSplit = 'train',
): Promise<LoadedSentences> {
  const kind = await files.kind(path);
  if (kind === null) {
    throw new DataFormatError(
      `${path}: nothing is there; expected aclImdb/, aclImdb/${split} or aclImdb_v1.tar.gz. Get it with: recurrent data fetch imdb.`,
    );
  }
  const all =
    kind === 'file' ? await fromArchive(files, path, split) : await fromFolder(files, path, split);
  const empty = all.filter((s) => s.text === '');
  if (empty.length > 0) {
    throw new DataFormatError(
      `${empty[0]!.origin}: the review is empty; expected text. Remove the file or download the data again.`,
    );
  }
  if (all.length === 0) {
    throw new DataFormatError(
      `${path}: no reviews under ${split}/pos or ${split}/neg; expected ${split}/pos/*.txt and ${split}/neg/*.txt.`,
    );
  }
  return { sentences: all, labels: BINARY_LABELS, source: `${path} (${split})`, notes: [] };
}
