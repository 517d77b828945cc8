/**
 * A feature file of image files (`recurrent data encode-images --data <folder>`, keyed by file
 * name) matched to the images of a real data set (`train captioning --data ... --features`):
 * each image's vector is found by its file's name and re-keyed by the hash of the pixels the
 * frozen encoder would read (`pixelKey`), so training looks it up as it would a scene's. The
 * file must have been encoded at the run's `--image-size`, the size both read the images at.
 *
 * @example
 * const byPixels = fileFeaturesByPixels(file, 'features.bin', [...data.train, ...data.validation], 32);
 * rememberFeatures(file.header.encoder, byPixels);
 */
import { ConfigError } from '@recurrent/errors';
import type { CaptionedImage } from '../prepare-captioning-data.js';
import type { FeatureFile } from './feature-file.js';
import { pixelKey } from './frozen-encoder.js';

/** The last part of a path, `/` or `\` separated: what a folder's feature file keys. */
const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

export function fileFeaturesByPixels(
  file: FeatureFile,
  name: string,
  images: readonly CaptionedImage[],
  imageSize: number,
): Map<string, Float32Array> {
  const { header } = file;
  if (header.imageSize !== imageSize) {
    throw new ConfigError(
      `captioning: --features ${name} holds images read at ${header.imageSize === undefined ? 'an unrecorded size (encoded before encode-images recorded it)' : `${header.imageSize} x ${header.imageSize}`}, expected ${imageSize} x ${imageSize}, this run's --image-size. Encode again with \`recurrent data encode-images --data <image folder> --image-size ${imageSize} --encoder ${header.encoder} --out <new file>\`, or train with --image-size ${header.imageSize ?? '<the size it was encoded at>'}.`,
    );
  }
  const out = new Map<string, Float32Array>();
  const missing: string[] = [];
  for (const image of images) {
    const vector = image.source ? file.vectors.get(baseName(image.source)) : undefined;
    if (vector) out.set(pixelKey(image.pixels), vector);
    else missing.push(image.source ?? '(an image with no file)');
  }
  if (missing.length > 0) {
    throw new ConfigError(
      `captioning: ${missing.length.toLocaleString('en-US')} of ${images.length.toLocaleString('en-US')} images are not in --features ${name} (${file.vectors.size.toLocaleString('en-US')} files of ${header.source ?? 'unknown origin'}), first ${missing[0]}; expected every image of the data set. Encode the image folder into it: \`recurrent data encode-images --data <image folder> --image-size ${imageSize} --encoder ${header.encoder} --out ${name}\` (a rerun adds only the missing ones).`,
    );
  }
  return out;
}
