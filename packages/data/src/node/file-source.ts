/**
 * Node only (`@recurrent/data/node`): a text file as a `TextSource`, streamed in pieces with
 * strict UTF-8 decoding. A corpus of hundreds of MB is never one string: `encodeCorpus`
 * turns the pieces into ids as they arrive. Each `chunks()` call reads the file again.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { DataFormatError } from '@recurrent/errors';
import { checkInteger } from '../check-options.js';
import { decodeUtf8 } from '../decode-utf8.js';
import type { TextSource } from '../text-source.js';

export const fileSourceDefaults = Object.freeze({
  chunkSize: 1 << 20, // 1 MiB reads: few system calls, little memory
});

/**
 * @example
 * import { fileSource } from '@recurrent/data/node';
 * const { ids, vocabulary } = await encodeCorpus(fileSource('input.txt'), { tokenizer: charTokenizer() });
 */
export function fileSource(
  filePath: string,
  options: { readonly chunkSize?: number; readonly name?: string } = {},
): TextSource {
  const o = { ...fileSourceDefaults, ...options };
  const chunkSize = checkInteger('fileSource', 'chunkSize', o.chunkSize, 1);
  const name = o.name ?? filePath;
  return {
    name,
    async *chunks() {
      try {
        const info = await stat(filePath);
        if (!info.isFile()) throw new Error(`${filePath} is not a regular file`);
      } catch (cause) {
        throw new DataFormatError(
          `fileSource: cannot read ${JSON.stringify(filePath)} (resolved to ` +
            `${path.resolve(filePath)}): ${(cause as Error).message}. Check the path.`,
          { cause },
        );
      }
      yield* decodeUtf8(createReadStream(filePath, { highWaterMark: chunkSize }), name);
    },
  };
}
