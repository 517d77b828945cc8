/**
 * What is at a path, before a checkpoint write renames or deletes it: nothing, a checkpoint
 * this project wrote (its manifest.json, or for format 1 its config.json, says producer
 * "@recurrent/train", and the folder holds only the files those list), or something else,
 * described in words for an error message. Reads names and the small JSON files only.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CHECKPOINT_PRODUCER,
  checkpointFileNames,
  MANIFEST_FILE,
} from '../checkpoint/checkpoint-types.js';

export type CheckpointFolderInspection =
  | { kind: 'missing' }
  | { kind: 'checkpoint'; formatVersion: number; files: string[] }
  /** `what`: e.g. "a folder holding notes.txt (no manifest.json or config.json)". */
  | { kind: 'foreign'; what: string };

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}

async function readJson(file: string): Promise<Record<string, unknown> | null> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The files a checkpoint's own listing names (manifest.json for format 2, config.json for 1). */
async function ownListing(
  dir: string,
  names: readonly string[],
): Promise<{ formatVersion: number; files: string[] } | string> {
  const marker = names.includes(MANIFEST_FILE) ? MANIFEST_FILE : 'config.json';
  const json = await readJson(path.join(dir, marker));
  if (!json) return `a folder whose ${marker} is not a JSON object`;
  if (json.producer !== CHECKPOINT_PRODUCER) {
    return `a folder whose ${marker} was not written by ${CHECKPOINT_PRODUCER} (producer ${JSON.stringify(json.producer ?? null)})`;
  }
  const version = json.formatVersion;
  const expected = marker === MANIFEST_FILE ? (version as number) >= 2 : version === 1;
  if (!Number.isInteger(version) || !expected) {
    return `a folder whose ${marker} has formatVersion ${JSON.stringify(version ?? null)}`;
  }
  const files = json.files;
  if (typeof files !== 'object' || files === null) return `a folder whose ${marker} lists no files`;
  return { formatVersion: version as number, files: [...Object.keys(files), marker] };
}

/** True when every entry of `dir` is a plain file with a checkpoint file name (temp folders). */
export async function holdsOnlyCheckpointFiles(dir: string): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.every(
    (e) => e.isFile() && (checkpointFileNames as readonly string[]).includes(e.name),
  );
}

/**
 * @example
 * const seen = await inspectCheckpointFolder('runs/x/best');
 * if (seen.kind === 'foreign') throw new Error(`runs/x/best is ${seen.what}`);
 */
export async function inspectCheckpointFolder(dir: string): Promise<CheckpointFolderInspection> {
  let stats: Awaited<ReturnType<typeof lstat>>;
  try {
    stats = await lstat(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  if (stats.isSymbolicLink()) return { kind: 'foreign', what: 'a symbolic link' };
  if (!stats.isDirectory()) return { kind: 'foreign', what: 'a file, not a folder' };
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.map((e) => e.name).sort();
  if (names.length === 0) return { kind: 'foreign', what: 'an empty folder' };
  if (!names.includes(MANIFEST_FILE) && !names.includes('config.json')) {
    return {
      kind: 'foreign',
      what: `a folder holding ${listNames(names)} (no ${MANIFEST_FILE} or config.json)`,
    };
  }
  const listing = await ownListing(dir, names);
  if (typeof listing === 'string') return { kind: 'foreign', what: listing };
  const extra = entries
    .filter((e) => !e.isFile() || !listing.files.includes(e.name))
    .map((e) => e.name)
    .sort();
  if (extra.length > 0) {
    return {
      kind: 'foreign',
      what: `a checkpoint folder that also holds ${listNames(extra)}, which the checkpoint does not list`,
    };
  }
  return { kind: 'checkpoint', formatVersion: listing.formatVersion, files: names };
}
