/**
 * The lines of a text source, streamed: only the current chunk and one partial line are
 * held, so thousands of files parse without their raw text staying in memory. `\r\n` and
 * `\n` both end a line; a final line without a newline still counts.
 *
 * @example
 * for await (const line of readLines(stringSource('a\nb'))) lines.push(line); // 'a', then 'b'
 */
import type { TextSource } from '@recurrent/data';

export async function* readLines(source: TextSource): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of source.chunks()) {
    rest += chunk;
    let start = 0;
    for (let end = rest.indexOf('\n'); end >= 0; end = rest.indexOf('\n', start)) {
      const line = rest.slice(start, end);
      yield line.endsWith('\r') ? line.slice(0, -1) : line;
      start = end + 1;
    }
    rest = rest.slice(start);
  }
  if (rest !== '') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}
