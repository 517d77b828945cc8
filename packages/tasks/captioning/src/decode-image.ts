/**
 * Decodes a PNG or JPEG file's bytes to RGBA pixels with pure-JS decoders (`pngjs`,
 * `jpeg-js`: nothing native to download). Greyscale, palette and 16-bit PNGs and greyscale
 * JPEGs all come out as 8-bit RGBA. The format is read from the file's first bytes, not
 * its name; anything else, or a file that fails to decode, is a `DataFormatError` naming
 * the file. The decoders are loaded on first use (pngjs needs Node's zlib).
 *
 * @example
 * const image = await decodeImage(bytes, 'photo.jpg'); // { width, height, rgba }
 */
import { DataFormatError } from '@recurrent/errors';

export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  /** `[height, width, 4]` RGBA bytes, row-major. */
  readonly rgba: Uint8Array;
}

const isPng = (b: Uint8Array) =>
  b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
const isJpeg = (b: Uint8Array) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

/** Formats we can name but do not decode, by their first bytes. */
const KNOWN_FORMATS: readonly (readonly [string, (b: Uint8Array) => boolean])[] = [
  ['GIF', (b) => String.fromCharCode(...b.slice(0, 4)) === 'GIF8'],
  [
    'WebP',
    (b) =>
      String.fromCharCode(...b.slice(0, 4)) === 'RIFF' &&
      String.fromCharCode(...b.slice(8, 12)) === 'WEBP',
  ],
  ['BMP', (b) => b[0] === 0x42 && b[1] === 0x4d],
  ['TIFF', (b) => (b[0] === 0x49 && b[1] === 0x49) || (b[0] === 0x4d && b[1] === 0x4d)],
];

function describeBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'an empty file';
  const known = KNOWN_FORMATS.find(([, test]) => test(bytes));
  if (known) return `a ${known[0]} image`;
  const head = [...bytes.slice(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return `a file starting with bytes ${head}`;
}

export async function decodeImage(bytes: Uint8Array, name: string): Promise<DecodedImage> {
  if (!isPng(bytes) && !isJpeg(bytes)) {
    throw new DataFormatError(
      `${name}: expected a PNG or JPEG image, got ${describeBytes(bytes)}. Convert it to PNG or JPEG.`,
    );
  }
  try {
    if (isPng(bytes)) {
      const { PNG } = await import('pngjs');
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { width: png.width, height: png.height, rgba: new Uint8Array(png.data) };
    }
    const jpeg = await import('jpeg-js');
    const decode = (jpeg.default ?? jpeg).decode;
    const image = decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 512 });
    return { width: image.width, height: image.height, rgba: new Uint8Array(image.data) };
  } catch (error) {
    const kind = isPng(bytes) ? 'PNG' : 'JPEG';
    throw new DataFormatError(
      `${name}: could not decode it as a ${kind} image (${(error as Error).message}). The file may be truncated or corrupt; re-export it.`,
      { cause: error },
    );
  }
}
