/**
 * Reads and verifies a checkpoint through any file reader (filesystem, fetch, IndexedDB):
 * the format and every checksum first (read-verified-files.ts), then the contents.
 * Every failure is a CheckpointError that names the file.
 */
import { CheckpointError, DataFormatError } from '@recurrent/errors';
import type { OptimizerConfig } from '../optim/create-optimizer.js';
import {
  type Checkpoint,
  type CheckpointFileReader,
  type JsonValue,
  reservedConfigKeys,
  type TrainState,
} from './checkpoint-types.js';
import { parseCheckpointJson } from './parse-checkpoint-json.js';
import { joinLocation, readVerifiedFiles } from './read-verified-files.js';
import { decodeSafetensors } from './safetensors.js';
import type { NamedTensorRecord } from './tensor-record.js';

function decodeTensors(bytes: Uint8Array, path: string) {
  try {
    return decodeSafetensors(bytes, path);
  } catch (cause) {
    if (cause instanceof DataFormatError) throw new CheckpointError(cause.message, { cause });
    throw cause;
  }
}

function decodeOptimizer(
  raw: Record<string, JsonValue>,
  bytes: Uint8Array | undefined,
  path: string,
): Checkpoint['optimizer'] {
  if (!raw.optimizer || !bytes) return null;
  const { tensors } = decodeTensors(bytes, path);
  const iter = tensors.get('iter');
  if (iter?.dtype !== 'int32' || iter.data.length !== 1) {
    throw new CheckpointError(`${path}: expected an int32 scalar "iter" (updates applied so far).`);
  }
  const slots: NamedTensorRecord[] = [];
  for (const [name, r] of tensors) if (name !== 'iter') slots.push({ name, ...r });
  return {
    config: raw.optimizer as unknown as OptimizerConfig,
    slots: { iterations: iter.data[0] as number, slots },
  };
}

/**
 * @example
 * const ck = await decodeCheckpoint(async (f) => files.get(f) ?? null, 'memory');
 */
export async function decodeCheckpoint(
  read: CheckpointFileReader,
  location: string,
): Promise<Checkpoint> {
  const files = await readVerifiedFiles(read, location);
  const { contents, rawConfig: raw } = files;
  const at = (file: string) => joinLocation(location, file);
  const weights = decodeTensors(
    contents.get('weights.safetensors') as Uint8Array,
    at('weights.safetensors'),
  ).tensors;
  const optimizer = decodeOptimizer(
    raw,
    contents.get('optimizer.safetensors'),
    at('optimizer.safetensors'),
  );
  const modelStateBytes = contents.get('model-state.safetensors');
  const modelState = modelStateBytes
    ? decodeTensors(modelStateBytes, at('model-state.safetensors')).tensors
    : null;
  const stateBytes = contents.get('state.json');
  const state = stateBytes
    ? (parseCheckpointJson(stateBytes, at('state.json')) as TrainState)
    : null;

  const config: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!(reservedConfigKeys as readonly string[]).includes(k)) config[k] = v;
  }
  return {
    location,
    formatVersion: files.formatVersion,
    config,
    weights,
    optimizer,
    state,
    modelState,
    verified: files.verified,
    note: files.note,
    fallbackFrom: null,
  };
}
