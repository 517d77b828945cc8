/**
 * Reads a tfjs `model.json` and its weight shards from a Node path or an http(s) URL into
 * `ModelArtifacts`, so `tf.loadLayersModel` / `tf.loadGraphModel` can load it through a plain
 * `{ load }` handler (tfjs-core alone has no `file://` loader in Node). The shards are the
 * paths the weights manifest lists, relative to the model.json. Every failure names the file
 * and says how to fix it.
 *
 * @example
 * const { artifacts, format } = await readModelArtifacts('encoder/model.json');
 * format; // 'layers' or 'graph'
 */
import { ConfigError, DataFormatError } from '@recurrent/errors';
import type { io } from '@tensorflow/tfjs-core';

export type ModelFormat = 'layers' | 'graph';

export interface ModelArtifactsRead {
  readonly artifacts: io.ModelArtifacts;
  readonly format: ModelFormat;
  /** The model.json as given. */
  readonly location: string;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

async function readBytes(location: string, what: string): Promise<Uint8Array> {
  if (isUrl(location)) {
    let response: Response;
    try {
      response = await fetch(location);
    } catch (error) {
      throw new ConfigError(
        `${what}: could not reach ${location} (${(error as Error).message}). Check the URL and the network.`,
        { cause: error },
      );
    }
    if (!response.ok) {
      throw new ConfigError(
        `${what}: ${location} answered ${response.status} ${response.statusText}; expected 200 with the file. Check the URL.`,
      );
    }
    return new Uint8Array(await response.arrayBuffer());
  }
  const fs = await import('node:fs/promises');
  try {
    return new Uint8Array(await fs.readFile(location));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError(
      `${what}: expected a file at ${location}, got none (${code}). Check the path; a tfjs model is a model.json beside its .bin weight shards.`,
      { cause: error },
    );
  }
}

/** The shard path next to the model.json (same folder or URL directory). */
function beside(modelJson: string, shard: string): string {
  if (isUrl(modelJson)) return new URL(shard, modelJson).toString();
  const cut = Math.max(modelJson.lastIndexOf('/'), modelJson.lastIndexOf('\\'));
  return cut < 0 ? shard : `${modelJson.slice(0, cut + 1)}${shard}`;
}

export async function readModelArtifacts(location: string): Promise<ModelArtifactsRead> {
  const who = 'encoder';
  const text = new TextDecoder().decode(await readBytes(location, who));
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new DataFormatError(
      `${who}: ${location} is not JSON (${(error as Error).message}); expected a tfjs model.json (from model.save() or tensorflowjs_converter).`,
      { cause: error },
    );
  }
  const topology = json.modelTopology as Record<string, unknown> | undefined;
  if (!topology || typeof topology !== 'object') {
    throw new DataFormatError(
      `${who}: ${location} has no "modelTopology"; expected a tfjs model.json (from model.save() or tensorflowjs_converter), got keys ${Object.keys(json).join(', ') || 'none'}.`,
    );
  }
  const format: ModelFormat =
    json.format === 'graph-model' || Array.isArray(topology.node) ? 'graph' : 'layers';
  const manifest = (json.weightsManifest ?? []) as io.WeightsManifestConfig;
  const shards: Uint8Array[] = [];
  for (const group of manifest) {
    for (const path of group.paths) shards.push(await readBytes(beside(location, path), who));
  }
  const total = shards.reduce((s, b) => s + b.byteLength, 0);
  const weightData = new Uint8Array(total);
  let at = 0;
  for (const b of shards) {
    weightData.set(b, at);
    at += b.byteLength;
  }
  const artifacts: io.ModelArtifacts = {
    modelTopology: topology as io.ModelArtifacts['modelTopology'],
    weightSpecs: manifest.flatMap((g) => g.weights),
    weightData: weightData.buffer,
    ...(typeof json.format === 'string' ? { format: json.format } : {}),
    ...(json.signature ? { signature: json.signature as object } : {}),
    ...(json.userDefinedMetadata
      ? { userDefinedMetadata: json.userDefinedMetadata as Record<string, object> }
      : {}),
    ...(json.modelInitializer ? { modelInitializer: json.modelInitializer as object } : {}),
  };
  return { artifacts, format, location };
}
