/**
 * Generic tables: CSV (RFC 4180), TSV (tab-separated, no quoting) and JSONL (one JSON
 * object per line), with the text and label in named columns (`--text-column`,
 * `--label-column`; defaults `text` and `label`). CSV and TSV need a header row. Labels
 * are any values; `--labels a,b,c` fixes the set and its order (other values are errors).
 */
import type { TextSource } from '@recurrent/data';
import { DataFormatError } from '@recurrent/errors';
import { csvRecords } from './csv-records.js';
import { labelSet } from './label-set.js';
import type { LabelledSentence, LoadedSentences } from './labelled-sentence.js';
import { readLines } from './read-lines.js';

export type TableFormat = 'csv' | 'tsv' | 'jsonl';

export interface LoadTableOptions {
  readonly textColumn?: string;
  readonly labelColumn?: string;
  /** The label set in class-id order; default: the values found. */
  readonly labels?: readonly string[];
}

export const loadTableDefaults = Object.freeze({
  textColumn: 'text', // the usual name (Hugging Face datasets, pandas exports)
  labelColumn: 'label', // likewise
});

interface Row {
  readonly values: Readonly<Record<string, unknown>> | readonly string[];
  readonly line: number;
}

async function* rows(source: TextSource, format: TableFormat): AsyncGenerator<Row> {
  if (format === 'csv') {
    for await (const r of csvRecords(source)) yield { values: r.fields, line: r.line };
    return;
  }
  for await (const { text, line } of readLines(source)) {
    if (text.trim() === '') continue;
    if (format === 'tsv') {
      yield { values: text.split('\t'), line };
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new DataFormatError(
        `${source.name}:${line}: expected one JSON object per line, got ${JSON.stringify(text.slice(0, 60))} (${(error as Error).message}).`,
        { cause: error },
      );
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new DataFormatError(
        `${source.name}:${line}: expected a JSON object such as {"text": "...", "label": 1}, got ${JSON.stringify(value).slice(0, 60)}.`,
      );
    }
    yield { values: value as Record<string, unknown>, line };
  }
}

/**
 * @example
 * await loadTable(files.textSource('reviews.csv'), 'csv', { textColumn: 'review', labelColumn: 'stars' });
 */
export async function loadTable(
  source: TextSource,
  format: TableFormat,
  options: LoadTableOptions = {},
): Promise<LoadedSentences> {
  const textColumn = options.textColumn ?? loadTableDefaults.textColumn;
  const labelColumn = options.labelColumn ?? loadTableDefaults.labelColumn;
  const labels = labelSet(options.labels);
  const found: { text: string; id: number; where: string }[] = [];
  let header: string[] | undefined;
  let index: { text: number; label: number } | undefined;
  for await (const row of rows(source, format)) {
    const where = `${source.name}:${row.line}`;
    let text: unknown;
    let label: unknown;
    if (Array.isArray(row.values)) {
      if (!header) {
        header = row.values.map((h) => h.trim());
        const t = header.indexOf(textColumn);
        const l = header.indexOf(labelColumn);
        if (t < 0 || l < 0) {
          throw new DataFormatError(
            `${where}: the header has no column ${JSON.stringify(t < 0 ? textColumn : labelColumn)} (columns: ${header.join(', ')}). Pass --text-column and --label-column with names from the header.`,
          );
        }
        index = { text: t, label: l };
        continue;
      }
      if (row.values.length !== header.length) {
        throw new DataFormatError(
          `${where}: expected ${header.length} fields like the header (${header.join(', ')}), got ${row.values.length}.${format === 'tsv' ? ' A tab inside the text splits it: TSV has no quoting, use CSV.' : ''}`,
        );
      }
      text = row.values[index!.text];
      label = row.values[index!.label];
    } else {
      const values = row.values as Readonly<Record<string, unknown>>;
      text = values[textColumn];
      label = values[labelColumn];
      if (text === undefined || label === undefined) {
        throw new DataFormatError(
          `${where}: the object has no ${JSON.stringify(text === undefined ? textColumn : labelColumn)} field (fields: ${Object.keys(values).join(', ')}). Pass --text-column and --label-column.`,
        );
      }
    }
    if (typeof text !== 'string' || text.trim() === '') {
      throw new DataFormatError(
        `${where}: the text is empty or not a string (${JSON.stringify(text)}); expected a sentence.`,
      );
    }
    if (typeof label !== 'string' && typeof label !== 'number' && typeof label !== 'boolean') {
      throw new DataFormatError(
        `${where}: the label ${JSON.stringify(label)} is not a name or a number.`,
      );
    }
    found.push({ text: text.trim(), id: labels.id(String(label), where), where });
  }
  if (found.length === 0) {
    throw new DataFormatError(
      `${source.name}: the file holds no rows${header ? ' below its header' : ''}; expected ${format === 'jsonl' ? 'one {"text": ..., "label": ...} object per line' : `a header row and rows of ${textColumn} and ${labelColumn}`}.`,
    );
  }
  const { labels: names, remap } = labels.finish();
  if (names.length < 2) {
    throw new DataFormatError(
      `${source.name}: every row has the label ${JSON.stringify(names[0])}; a classifier needs at least two classes. Check --label-column.`,
    );
  }
  const sentences: LabelledSentence[] = found.map((f) => ({
    text: f.text,
    label: remap(f.id),
    origin: f.where,
  }));
  return { sentences, labels: names, source: source.name, notes: [] };
}
