/**
 * A text source read with `fetch` (the browser, or Node 18+): streamed from the response
 * body and decoded as strict UTF-8. Each `chunks()` call fetches again.
 */
import { DataFormatError } from '@recurrent/errors';
import { decodeUtf8 } from './decode-utf8.js';
import { readerPieces } from './reader-pieces.js';
import type { TextSource } from './text-source.js';

export interface FetchSourceOptions {
  readonly name?: string;
  /** `fetch` to use (default: the global one); tests and service workers may pass their own. */
  readonly fetch?: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  readonly init?: RequestInit;
}

async function* bodyPieces(response: Response): AsyncGenerator<Uint8Array> {
  if (response.body) {
    yield* readerPieces(response.body);
  } else {
    yield new Uint8Array(await response.arrayBuffer());
  }
}

/**
 * @example
 * const source = fetchSource('/corpora/tiny-shakespeare.txt');
 * const { ids, vocabulary } = await encodeCorpus(source, { tokenizer: charTokenizer() });
 */
export function fetchSource(url: string | URL, options: FetchSourceOptions = {}): TextSource {
  const name = options.name ?? String(url);
  return {
    name,
    async *chunks() {
      const doFetch = options.fetch ?? globalThis.fetch;
      let response: Response;
      try {
        response = await doFetch(url, options.init);
      } catch (cause) {
        throw new DataFormatError(
          `fetchSource: could not fetch ${name}: ${(cause as Error)?.message ?? cause}. ` +
            'Check the URL and that the server is reachable (and allows CORS in a browser).',
          { cause },
        );
      }
      if (!response.ok) {
        throw new DataFormatError(
          `fetchSource: ${name} answered ${response.status} ${response.statusText}; expected 200. ` +
            'Check the URL.',
        );
      }
      yield* decodeUtf8(bodyPieces(response), name);
    },
  };
}
