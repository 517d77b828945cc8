/**
 * Reads and verifies a checkpoint through any file reader (filesystem, fetch, IndexedDB):
 * format version, then the sha256 of every file config.json lists, then the contents.
 * Every failure is a CheckpointError that names the file.
 */
import { CheckpointError, DataFormatError } from '@recurrent/errors';
import type { OptimizerConfig } from '../optim/create-optimizer.js';
import {
  CHECKPOINT_FORMAT_VERSION,
  type Checkpoint,
  type CheckpointFileReader,
  type JsonValue,
  reservedConfigKeys,
  type TrainState,
} from './checkpoint-types.js';
import { decodeSafetensors } from './safetensors.js';
import { sha256Hex } from './sha256.js';
import type { NamedTensorRecord } from './tensor-record.js';

const join = (location: string, file: string) => `${location.replace(/\/+$/, '')}/${file}`;

function parseJson(bytes: Uint8Array, path: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    throw new CheckpointError(`${path}: not valid UTF-8 JSON (${(cause as Error).message}).`, {
      cause,
    });
  }
}

function decodeTensors(bytes: Uint8Array, path: string) {
  try {
    return decodeSafetensors(bytes, path);
  } catch (cause) {
    if (cause instanceof DataFormatError) throw new CheckpointError(cause.message, { cause });
    throw cause;
  }
}

/**
 * @example
 * const ck = await decodeCheckpoint(async (f) => files.get(f) ?? null, 'memory');
 */
export async function decodeCheckpoint(
  read: CheckpointFileReader,
  location: string,
): Promise<Checkpoint> {
  const configPath = join(location, 'config.json');
  const configBytes = await read('config.json');
  if (!configBytes) {
    throw new CheckpointError(
      `${location}: no config.json, so this is not a checkpoint folder (expected config.json, weights.safetensors, optimizer.safetensors, state.json).`,
    );
  }
  const raw = parseJson(configBytes, configPath) as Record<string, JsonValue>;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CheckpointError(`${configPath}: expected a JSON object.`);
  }
  const version = raw.formatVersion;
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
  const files = raw.files as Record<string, { sha256?: string; bytes?: number }> | undefined;
  if (!files || typeof files !== 'object' || !files['weights.safetensors']) {
    throw new CheckpointError(
      `${configPath}: "files" must list weights.safetensors with its sha256.`,
    );
  }
  const contents = new Map<string, Uint8Array>();
  for (const [file, expected] of Object.entries(files)) {
    const path = join(location, file);
    const bytes = await read(file);
    if (!bytes) throw new CheckpointError(`${path}: missing, but config.json lists it.`);
    const actual = await sha256Hex(bytes);
    if (actual !== expected.sha256) {
      throw new CheckpointError(
        `${path}: sha256 mismatch: config.json expects ${expected.sha256} (${expected.bytes} bytes), the file has ${actual} (${bytes.length} bytes). ` +
          'The file is truncated or was edited; load the previous checkpoint (latest.prev) or retrain.',
      );
    }
    contents.set(file, bytes);
  }
  const weights = decodeTensors(
    contents.get('weights.safetensors') as Uint8Array,
    join(location, 'weights.safetensors'),
  ).tensors;

  let optimizer: Checkpoint['optimizer'] = null;
  const optimizerBytes = contents.get('optimizer.safetensors');
  if (raw.optimizer && optimizerBytes) {
    const path = join(location, 'optimizer.safetensors');
    const { tensors } = decodeTensors(optimizerBytes, path);
    const iter = tensors.get('iter');
    if (iter?.dtype !== 'int32' || iter.data.length !== 1) {
      throw new CheckpointError(
        `${path}: expected an int32 scalar "iter" (updates applied so far).`,
      );
    }
    const slots: NamedTensorRecord[] = [];
    for (const [name, r] of tensors) if (name !== 'iter') slots.push({ name, ...r });
    optimizer = {
      config: raw.optimizer as unknown as OptimizerConfig,
      slots: { iterations: iter.data[0] as number, slots },
    };
  }
  const stateBytes = contents.get('state.json');
  const state = stateBytes
    ? (parseJson(stateBytes, join(location, 'state.json')) as TrainState)
    : null;

  const config: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!(reservedConfigKeys as readonly string[]).includes(k)) config[k] = v;
  }
  return { location, formatVersion: version as number, config, weights, optimizer, state };
}
