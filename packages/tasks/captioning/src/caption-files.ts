/**
 * `recurrent caption <run> <image...>` and `recurrent predict <run> <image...>`: reads each
 * image (PNG or JPEG), fits it to the model and prints the beam's captions with their
 * log-probabilities. In Node a path is read from the filesystem; elsewhere pass `read`.
 *
 * @example
 * const [c] = await captionFiles(model, ['scene.png'], { beamWidth: 3 });
 * c.captions[0]; // { words: ['a', 'small', 'red', 'circle'], logProb: -0.01, ... }
 */
import { ConfigError, DataFormatError } from '@recurrent/errors';
import { type Caption, type CaptionOptions, captionImages } from './caption-images.js';
import type { CaptioningModel } from './create-captioning-model.js';
import { decodeImage } from './decode-image.js';
import { imageToModelInput } from './image-to-model-input.js';

export interface FileCaptions {
  readonly source: string;
  readonly width: number;
  readonly height: number;
  readonly captions: Caption[];
}

async function readFile(path: string): Promise<Uint8Array> {
  if (typeof process === 'undefined' || !process.versions?.node) {
    throw new ConfigError(
      `caption: files cannot be read here (${path}); pass the image bytes instead.`,
    );
  }
  const fs = await import('node:fs/promises');
  return new Uint8Array(await fs.readFile(path));
}

async function readImage(
  read: (path: string) => Promise<Uint8Array>,
  path: string,
): Promise<Uint8Array> {
  try {
    return await read(path);
  } catch (error) {
    // already one of ours (the trainer's files name the path and the fix): as it is
    if (error instanceof ConfigError || error instanceof DataFormatError) throw error;
    throw new DataFormatError(
      `${path}: could not read the image (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Check the path.`,
      { cause: error },
    );
  }
}

export async function captionFiles(
  model: CaptioningModel,
  paths: readonly string[],
  options: CaptionOptions & { readonly read?: (path: string) => Promise<Uint8Array> } = {},
): Promise<FileCaptions[]> {
  const read = options.read ?? readFile;
  const size = model.hyperParameters.imageSize;
  const decoded = [];
  for (const path of paths)
    decoded.push({ path, image: await decodeImage(await readImage(read, path), path) });
  const captions = await captionImages(
    model,
    decoded.map((d) => imageToModelInput(d.image, size)),
    options,
  );
  return decoded.map((d, i) => ({
    source: d.path,
    width: d.image.width,
    height: d.image.height,
    captions: captions[i]!,
  }));
}

/** `scene.png (32 x 32)` then one line per beam: `  -0.012  a small red circle`. */
export function formatFileCaptions(c: FileCaptions): string[] {
  return [
    `${c.source} (${c.width} x ${c.height})`,
    ...c.captions.map(
      (b) =>
        `  ${b.logProb.toFixed(3).padStart(8)}  ${b.words.join(' ')}${b.finished ? '' : ' ...'}`,
    ),
  ];
}
