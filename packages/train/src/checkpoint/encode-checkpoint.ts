/**
 * Turns checkpoint contents into the bytes of each file (browser-safe; storage is elsewhere).
 * manifest.json comes last and records the sha256 of every other file, config.json included.
 */
import { ConfigError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import { encodeManifest } from './checkpoint-manifest.js';
import {
  CHECKPOINT_FORMAT_VERSION,
  CHECKPOINT_PRODUCER,
  type CheckpointContents,
  type CheckpointFiles,
  MANIFEST_FILE,
  reservedConfigKeys,
  type WeightsInput,
} from './checkpoint-types.js';
import { encodeSafetensors } from './safetensors.js';
import { type TensorRecord, toTensorRecord } from './tensor-record.js';

const producer = CHECKPOINT_PRODUCER;

function isTensor(x: unknown): x is tf.Tensor {
  return x instanceof tf.Tensor;
}

/** Reads weights (variables, tensors or records) into name -> record, in order. */
export async function collectWeights(weights: WeightsInput): Promise<Map<string, TensorRecord>> {
  const out = new Map<string, TensorRecord>();
  const entries: Iterable<readonly [string, tf.Tensor | TensorRecord]> = Array.isArray(weights)
    ? (weights as readonly { name: string; variable: tf.Variable }[]).map(
        (v) => [v.name, v.variable] as const,
      )
    : weights instanceof Map
      ? weights
      : Object.entries(weights as Record<string, tf.Tensor | TensorRecord>);
  for (const [name, w] of entries) {
    if (out.has(name)) {
      throw new ConfigError(
        `encodeCheckpoint: two weights are named "${name}"; names must be unique.`,
      );
    }
    out.set(name, isTensor(w) ? await toTensorRecord(w) : w);
  }
  return out;
}

const metadata = { producer, formatVersion: String(CHECKPOINT_FORMAT_VERSION) };

/**
 * @example
 * const files = await encodeCheckpoint({ config: { task: 'char-lm' }, weights: model.variables });
 * files.get('weights.safetensors'); // Uint8Array
 */
export async function encodeCheckpoint(contents: CheckpointContents): Promise<CheckpointFiles> {
  const config = contents.config ?? {};
  if (typeof config !== 'object' || Array.isArray(config)) {
    throw new ConfigError(
      'encodeCheckpoint: expected config to be a JSON object such as { task: "char-lm" }.',
    );
  }
  for (const key of reservedConfigKeys) {
    if (key in config) {
      throw new ConfigError(
        `encodeCheckpoint: config.${key} is reserved for the checkpoint format (${reservedConfigKeys.join(', ')}). Rename it.`,
      );
    }
  }
  const files: CheckpointFiles = new Map();
  files.set(
    'weights.safetensors',
    encodeSafetensors(await collectWeights(contents.weights), metadata),
  );
  if (contents.optimizer) {
    const { iterations, slots } = contents.optimizer.slots;
    const tensors = new Map<string, TensorRecord>([
      ['iter', { dtype: 'int32', shape: [], data: new Int32Array([iterations]) }],
    ]);
    for (const s of slots) tensors.set(s.name, { dtype: s.dtype, shape: s.shape, data: s.data });
    files.set(
      'optimizer.safetensors',
      encodeSafetensors(tensors, { ...metadata, optimizer: contents.optimizer.config.name }),
    );
  }
  if (contents.modelState) {
    files.set(
      'model-state.safetensors',
      encodeSafetensors(await collectWeights(contents.modelState), metadata),
    );
  }
  if (contents.state) {
    files.set(
      'state.json',
      new TextEncoder().encode(`${JSON.stringify(contents.state, null, 2)}\n`),
    );
  }
  const configJson = {
    formatVersion: CHECKPOINT_FORMAT_VERSION,
    producer,
    ...config,
    optimizer: contents.optimizer?.config ?? null,
  };
  files.set('config.json', new TextEncoder().encode(`${JSON.stringify(configJson, null, 2)}\n`));
  files.set(MANIFEST_FILE, await encodeManifest(files));
  return files;
}
