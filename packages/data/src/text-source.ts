/**
 * A text source: a name (for messages) and `chunks()`, an async iterable of text pieces.
 * Large corpora stream through in pieces and are never held as one string; `readText`
 * joins a source into one string when it is small enough to want that.
 */
import { ConfigError, describeValue } from '@recurrent/errors';
import { checkInteger } from './check-options.js';
import { decodeUtf8 } from './decode-utf8.js';
import { readerPieces } from './reader-pieces.js';

export interface TextSource {
  /** Where the text comes from (a path, a URL, "string"), for error messages. */
  readonly name: string;
  /** The text in pieces. Re-iterable unless the source says otherwise (a stream is not). */
  chunks(): AsyncIterable<string>;
}

export const stringSourceDefaults = Object.freeze({
  name: 'string', // shown in error messages
  chunkSize: 1 << 16, // 64 Ki characters: the same code path as a file, in small steps
});

/**
 * @example
 * const source = stringSource('Call me Ishmael.');
 */
export function stringSource(
  text: string,
  options: { readonly name?: string; readonly chunkSize?: number } = {},
): TextSource {
  const o = { ...stringSourceDefaults, ...options };
  if (typeof text !== 'string') {
    throw new ConfigError(`stringSource: expected a string, got ${describeValue(text)}.`);
  }
  const chunkSize = checkInteger('stringSource', 'chunkSize', o.chunkSize, 2);
  return {
    name: o.name,
    async *chunks() {
      for (let start = 0; start < text.length; ) {
        let end = Math.min(start + chunkSize, text.length);
        const last = text.charCodeAt(end - 1);
        if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--; // keep surrogate pairs whole
        yield text.slice(start, end);
        start = end;
      }
    },
  };
}

/**
 * A single-use source over a stream of bytes (UTF-8, checked) or strings: a Node `Readable`,
 * a web `ReadableStream` (where it is async-iterable), or any async iterable.
 *
 * @example
 * const source = streamSource(process.stdin, { name: 'stdin' });
 */
export function streamSource(
  stream: AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array>,
  options: { readonly name?: string } = {},
): TextSource {
  const name = options.name ?? 'stream';
  const readable = stream as { getReader?: unknown } | null;
  const pieces =
    readable !== null && typeof readable === 'object' && typeof readable.getReader === 'function'
      ? readerPieces(stream as ReadableStream<Uint8Array>)
      : stream;
  if (pieces === null || typeof pieces !== 'object' || !(Symbol.asyncIterator in pieces)) {
    throw new ConfigError(
      `streamSource: expected an async iterable of bytes or strings (a Node Readable or a ` +
        `ReadableStream), got ${describeValue(stream)}.`,
    );
  }
  let used = false;
  return {
    name,
    chunks() {
      if (used) {
        throw new ConfigError(
          `streamSource(${name}): a stream can be read once; it was read already. ` +
            'Use a file or string source to read the text twice, or encodeCorpus() which reads once.',
        );
      }
      used = true;
      return decodeUtf8(pieces as AsyncIterable<Uint8Array | string>, name);
    },
  };
}

/** Joins a whole source into one string (for corpora that fit comfortably in memory). */
export async function readText(source: TextSource): Promise<string> {
  const pieces: string[] = [];
  for await (const piece of source.chunks()) pieces.push(piece);
  return pieces.join('');
}
