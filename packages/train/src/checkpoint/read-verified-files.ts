/**
 * The integrity half of loading a checkpoint, through any file reader: finds its format,
 * checks every file against its sha256, and returns the bytes and the parsed config.json.
 *
 * Format 2: manifest.json lists every file, config.json included; a missing or edited file,
 * the vocabulary in config.json too, is a CheckpointError naming it. Format 1 (no manifest):
 * config.json lists the other files, which are checked; config.json itself is not, so the
 * result says `verified: false` with a note an app can print.
 */
import { CheckpointError } from '@recurrent/errors';
import { type FileDigest, parseManifest } from './checkpoint-manifest.js';
import {
  CHECKPOINT_FORMAT_VERSION,
  type CheckpointFileReader,
  type JsonValue,
  MANIFEST_FILE,
} from './checkpoint-types.js';
import { parseCheckpointJson } from './parse-checkpoint-json.js';
import { sha256Hex } from './sha256.js';

export interface VerifiedFiles {
  formatVersion: number;
  /** config.json as written (format fields included). */
  rawConfig: Record<string, JsonValue>;
  /** The bytes of every checked file but config.json and manifest.json. */
  contents: Map<string, Uint8Array>;
  verified: boolean;
  note: string | null;
}

export const joinLocation = (location: string, file: string) =>
  `${location.replace(/\/+$/, '')}/${file}`;

async function checkFile(
  read: CheckpointFileReader,
  location: string,
  file: string,
  expected: FileDigest,
  listedIn: string,
): Promise<Uint8Array> {
  const path = joinLocation(location, file);
  const bytes = await read(file);
  if (!bytes) throw new CheckpointError(`${path}: missing, but ${listedIn} lists it.`);
  const actual = await sha256Hex(bytes);
  if (actual !== expected.sha256) {
    throw new CheckpointError(
      `${path}: sha256 mismatch: ${listedIn} expects ${expected.sha256} (${expected.bytes} bytes), the file has ${actual} (${bytes.length} bytes). ` +
        'The file is truncated or was edited; load the previous checkpoint (latest.prev) or retrain.',
    );
  }
  return bytes;
}

function configObject(bytes: Uint8Array, path: string): Record<string, JsonValue> {
  const raw = parseCheckpointJson(bytes, path);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CheckpointError(`${path}: expected a JSON object.`);
  }
  return raw as Record<string, JsonValue>;
}

async function readFormat2(
  read: CheckpointFileReader,
  location: string,
  manifestBytes: Uint8Array,
): Promise<VerifiedFiles> {
  const manifest = parseManifest(manifestBytes, joinLocation(location, MANIFEST_FILE));
  const contents = new Map<string, Uint8Array>();
  for (const [file, digest] of Object.entries(manifest.files)) {
    contents.set(file, await checkFile(read, location, file, digest, MANIFEST_FILE));
  }
  const configPath = joinLocation(location, 'config.json');
  const rawConfig = configObject(contents.get('config.json') as Uint8Array, configPath);
  contents.delete('config.json');
  if (rawConfig.formatVersion !== manifest.formatVersion) {
    throw new CheckpointError(
      `${configPath}: says formatVersion ${JSON.stringify(rawConfig.formatVersion)}, ${MANIFEST_FILE} says ${manifest.formatVersion}; the folder mixes two checkpoints.`,
    );
  }
  return { formatVersion: manifest.formatVersion, rawConfig, contents, verified: true, note: null };
}

async function readFormat1(
  read: CheckpointFileReader,
  location: string,
  rawConfig: Record<string, JsonValue>,
): Promise<VerifiedFiles> {
  const configPath = joinLocation(location, 'config.json');
  const files = rawConfig.files as Record<string, FileDigest> | undefined;
  if (!files || typeof files !== 'object' || !files['weights.safetensors']) {
    throw new CheckpointError(
      `${configPath}: "files" must list weights.safetensors with its sha256.`,
    );
  }
  const contents = new Map<string, Uint8Array>();
  for (const [file, digest] of Object.entries(files)) {
    contents.set(file, await checkFile(read, location, file, digest, 'config.json'));
  }
  const note =
    `${location}: a format-1 checkpoint: its weights were checked, but config.json (task, hyper-parameters, vocabulary) has no checksum, so an edit there would go unnoticed. ` +
    `Save it again with this version (format ${CHECKPOINT_FORMAT_VERSION}, whose ${MANIFEST_FILE} covers every file) to verify it in full.`;
  return { formatVersion: 1, rawConfig, contents, verified: false, note };
}

export async function readVerifiedFiles(
  read: CheckpointFileReader,
  location: string,
): Promise<VerifiedFiles> {
  const manifestBytes = await read(MANIFEST_FILE);
  if (manifestBytes) return readFormat2(read, location, manifestBytes);
  const configPath = joinLocation(location, 'config.json');
  const configBytes = await read('config.json');
  if (!configBytes) {
    throw new CheckpointError(
      `${location}: no config.json, so this is not a checkpoint folder (expected config.json, weights.safetensors, optimizer.safetensors, state.json, ${MANIFEST_FILE}).`,
    );
  }
  const rawConfig = configObject(configBytes, configPath);
  const version = rawConfig.formatVersion;
  if (!Number.isInteger(version) || (version as number) < 1) {
    throw new CheckpointError(
      `${configPath}: expected formatVersion to be an integer >= 1, got ${JSON.stringify(version)}.`,
    );
  }
  if ((version as number) > CHECKPOINT_FORMAT_VERSION) {
    throw new CheckpointError(
      `${configPath}: checkpoint format ${version} was written by a newer @recurrent/train; this version reads formats up to ${CHECKPOINT_FORMAT_VERSION}. Upgrade @recurrent/train to load it.`,
    );
  }
  if ((version as number) >= 2) {
    throw new CheckpointError(
      `${joinLocation(location, MANIFEST_FILE)}: missing, but config.json says format ${version}, whose checksums live there. ` +
        'The checkpoint is incomplete; load the previous checkpoint (latest.prev) or retrain.',
    );
  }
  return readFormat1(read, location, rawConfig);
}
