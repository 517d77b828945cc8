/**
 * Lines of a text source with their 1-based numbers, streamed (a file is never held as one
 * string). A leading byte-order mark and the `\r` of Windows line ends are removed.
 */
import type { TextSource } from '@recurrent/data';

export interface NumberedLine {
  readonly text: string;
  /** 1-based line number, for messages (`train.tsv:12`). */
  readonly line: number;
}

/**
 * @example
 * for await (const { text, line } of readLines(files.textSource('train.tsv'))) { ... }
 */
export async function* readLines(source: TextSource): AsyncGenerator<NumberedLine> {
  let rest = '';
  let line = 0;
  let first = true;
  for await (let chunk of source.chunks()) {
    if (first) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = chunk.length === 0;
    }
    rest += chunk;
    let at = rest.indexOf('\n');
    let start = 0;
    while (at >= 0) {
      const text = rest.slice(start, at);
      yield { text: text.endsWith('\r') ? text.slice(0, -1) : text, line: ++line };
      start = at + 1;
      at = rest.indexOf('\n', start);
    }
    rest = rest.slice(start);
  }
  if (rest.length > 0) yield { text: rest.endsWith('\r') ? rest.slice(0, -1) : rest, line: ++line };
}
