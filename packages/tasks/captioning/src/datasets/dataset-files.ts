/**
 * The small file helpers the caption loaders share, all through the app's `TaskFiles`:
 * a text file as numbered lines, a JSON file parsed (a syntax error names the file), the
 * first of several candidate names that exists, the names in an image folder, and the
 * note that says what was left out and how much.
 */
import { readText } from '@recurrent/data';
import { DataFormatError } from '@recurrent/errors';
import type { TaskFiles } from '@recurrent/task';

export interface NumberedLine {
  readonly text: string;
  /** 1-based, for messages (`Flickr8k.token.txt:12`). */
  readonly line: number;
}

/** Lines of a text file with their numbers; blank lines are left out, `\r` removed. */
export async function readLines(files: TaskFiles, path: string): Promise<NumberedLine[]> {
  const text = await readText(files.textSource(path));
  const lines: NumberedLine[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line.trim() !== '') lines.push({ text: line, line: i + 1 });
    });
  return lines;
}

export async function readJson(files: TaskFiles, path: string): Promise<unknown> {
  const bytes = await files.readBytes(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new DataFormatError(`${path}: expected UTF-8 JSON, got invalid UTF-8 bytes.`, {
      cause,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new DataFormatError(
      `${path}: expected JSON, got a syntax error (${(cause as Error).message}). The download may be truncated; fetch it again.`,
      { cause },
    );
  }
}

/** The first of `names` under `folder` that is of `kind`, as a joined path, or undefined. */
export async function firstThere(
  files: TaskFiles,
  folder: string,
  names: readonly string[],
  kind: 'file' | 'folder',
): Promise<string | undefined> {
  for (const name of names) {
    const path = files.join(folder, name);
    if ((await files.kind(path)) === kind) return path;
  }
  return undefined;
}

/** The file names in an image folder, for membership tests (one listing, not one stat each). */
export async function imageNames(files: TaskFiles, folder: string): Promise<Set<string>> {
  return new Set(await files.list(folder));
}

const EXAMPLES = 3;

/** `2 images named in X are not in Y/ (a.jpg, b.jpg): left out.` */
export function leftOutNote(count: number, what: string, names: readonly string[]): string {
  const shown = names.slice(0, EXAMPLES).join(', ');
  const more = names.length > EXAMPLES ? `, ... ${names.length - EXAMPLES} more` : '';
  return `${count.toLocaleString('en-US')} ${what} (${shown}${more}): left out.`;
}
