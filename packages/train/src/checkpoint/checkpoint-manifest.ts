/**
 * manifest.json, the file that makes a format-2 checkpoint verifiable as a whole: the format
 * version, the producer, and the sha256 and size of every other file, config.json included.
 *
 *   { "formatVersion": 2, "producer": "@recurrent/train",
 *     "files": { "weights.safetensors": { "sha256": "5225…", "bytes": 220 }, …, "config.json": { … } } }
 */
import { CheckpointError } from '@recurrent/errors';
import { CHECKPOINT_FORMAT_VERSION, CHECKPOINT_PRODUCER } from './checkpoint-types.js';
import { parseCheckpointJson } from './parse-checkpoint-json.js';
import { sha256Hex } from './sha256.js';

export interface FileDigest {
  sha256: string;
  bytes: number;
}

export interface CheckpointManifest {
  formatVersion: number;
  producer: string;
  /** File name -> digest, in write order. */
  files: Record<string, FileDigest>;
}

/** The digests of `files` (name -> bytes), in their order. */
export async function digestFiles(
  files: Iterable<readonly [string, Uint8Array]>,
): Promise<Record<string, FileDigest>> {
  const out: Record<string, FileDigest> = {};
  for (const [name, bytes] of files)
    out[name] = { sha256: await sha256Hex(bytes), bytes: bytes.length };
  return out;
}

/** The bytes of manifest.json for `files` (every file of the checkpoint but the manifest). */
export async function encodeManifest(
  files: Iterable<readonly [string, Uint8Array]>,
): Promise<Uint8Array> {
  const manifest: CheckpointManifest = {
    formatVersion: CHECKPOINT_FORMAT_VERSION,
    producer: CHECKPOINT_PRODUCER,
    files: await digestFiles(files),
  };
  return new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
}

/** A plain file name: no folders, no leading dot (a manifest never points outside its folder). */
const fileName = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** Parses and checks manifest.json; `path` names it in errors. */
export function parseManifest(bytes: Uint8Array, path: string): CheckpointManifest {
  const raw = parseCheckpointJson(bytes, path) as Partial<CheckpointManifest> | null;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CheckpointError(
      `${path}: expected a JSON object with formatVersion, producer and files.`,
    );
  }
  const version = raw.formatVersion;
  if (!Number.isInteger(version) || (version as number) < 2) {
    throw new CheckpointError(
      `${path}: expected formatVersion to be an integer >= 2 (format 1 had no manifest), got ${JSON.stringify(version)}.`,
    );
  }
  if ((version as number) > CHECKPOINT_FORMAT_VERSION) {
    throw new CheckpointError(
      `${path}: checkpoint format ${version} was written by a newer @recurrent/train; this version reads formats up to ${CHECKPOINT_FORMAT_VERSION}. Upgrade @recurrent/train to load it.`,
    );
  }
  const files = raw.files;
  if (typeof files !== 'object' || files === null || Array.isArray(files)) {
    throw new CheckpointError(`${path}: "files" must map each file name to { sha256, bytes }.`);
  }
  for (const [name, digest] of Object.entries(files)) {
    if (!fileName.test(name)) {
      throw new CheckpointError(
        `${path}: lists ${JSON.stringify(name)}, which is not a plain file name inside the checkpoint folder.`,
      );
    }
    if (typeof digest?.sha256 !== 'string' || !Number.isInteger(digest.bytes)) {
      throw new CheckpointError(
        `${path}: "${name}" needs { sha256, bytes }, got ${JSON.stringify(digest)}.`,
      );
    }
  }
  for (const needed of ['config.json', 'weights.safetensors']) {
    if (!(needed in files)) throw new CheckpointError(`${path}: "files" must list ${needed}.`);
  }
  return { formatVersion: version as number, producer: String(raw.producer), files };
}
