/**
 * RFC 4180 CSV records from a text source, streamed: fields separated by commas, quoted
 * with `"` (a quoted field may hold commas, line breaks and `""` for a quote). Each record
 * carries the line it starts on. An unclosed quote is an error naming that line.
 */
import type { TextSource } from '@recurrent/data';
import { DataFormatError } from '@recurrent/errors';

export interface CsvRecord {
  readonly fields: string[];
  /** 1-based line where the record starts. */
  readonly line: number;
}

/**
 * @example
 * for await (const { fields, line } of csvRecords(files.textSource('reviews.csv'))) { ... }
 */
export async function* csvRecords(source: TextSource, delimiter = ','): AsyncGenerator<CsvRecord> {
  let fields: string[] = [];
  let field = '';
  let quoted = false; // inside quotes
  let afterQuote = false; // a quote just closed (or "" pending)
  let line = 1;
  let start = 1;
  let any = false; // the record has content
  let first = true;
  const end = (): CsvRecord => {
    fields.push(field);
    const record = { fields, line: start };
    fields = [];
    field = '';
    any = false;
    return record;
  };
  for await (let chunk of source.chunks()) {
    if (first && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    first = false;
    for (const c of chunk) {
      if (quoted) {
        if (c === '"') {
          quoted = false;
          afterQuote = true;
        } else {
          if (c === '\n') line++;
          field += c;
        }
        continue;
      }
      if (afterQuote && c === '"') {
        field += '"'; // "" inside a quoted field
        quoted = true;
        afterQuote = false;
        continue;
      }
      afterQuote = false;
      if (c === '"' && field === '') {
        quoted = true;
        any = true;
      } else if (c === delimiter) {
        fields.push(field);
        field = '';
        any = true;
      } else if (c === '\n') {
        if (any || field !== '') yield end();
        line++;
        start = line;
      } else if (c !== '\r') {
        field += c;
        any = true;
      }
    }
  }
  if (quoted) {
    throw new DataFormatError(
      `${source.name}:${start}: a quoted field opened here is never closed; expected a closing ". Check for a stray quote on this line.`,
    );
  }
  if (any || field !== '') yield end();
}
