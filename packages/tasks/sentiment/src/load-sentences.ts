/**
 * One front door for every real format: `loadSentences(files, path, { format })`.
 * Formats: `sst2`, `sst5`, `uci`, `glue-sst2` (fixed label sets), `imdb` (folders or the
 * .tar.gz), `csv`, `tsv`, `jsonl` (named columns). The format is guessed from the name
 * when not given: `.csv`, `.tsv`, `.jsonl`, `.tar.gz`/`aclImdb`, `stsa.binary.*`, `stsa.fine.*`,
 * `*_labelled.txt`.
 */
import { ConfigError } from '@recurrent/errors';
import type { TaskFiles } from '@recurrent/task';
import type { LoadedSentences } from './labelled-sentence.js';
import { type ImdbSplit, loadImdb } from './load-imdb.js';
import { type LineFormat, loadLabelledLines } from './load-labelled-lines.js';
import { type LoadTableOptions, loadTable, type TableFormat } from './load-table.js';

export const sentenceFormats = Object.freeze([
  'sst2',
  'sst5',
  'glue-sst2',
  'imdb',
  'uci',
  'csv',
  'tsv',
  'jsonl',
] as const);
export type SentenceFormat = (typeof sentenceFormats)[number];

export interface LoadSentencesOptions extends LoadTableOptions {
  readonly format?: SentenceFormat;
  /** IMDB's split to read from a root folder or the archive. */
  readonly split?: ImdbSplit;
}

/** The format a file's name suggests, or undefined. */
export function guessFormat(path: string): SentenceFormat | undefined {
  const name = path.split(/[\\/]/).filter(Boolean).pop()?.toLowerCase() ?? '';
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  if (name.endsWith('.tar.gz') || name.endsWith('.tgz') || path.includes('aclImdb')) return 'imdb';
  if (name.startsWith('stsa.binary')) return 'sst2';
  if (name.startsWith('stsa.fine')) return 'sst5';
  if (name.endsWith('_labelled.txt')) return 'uci';
  if (name.endsWith('.tsv')) return 'tsv';
  return undefined;
}

/**
 * @example
 * const sst = await loadSentences(files, 'data/stsa.binary.train'); // format guessed: sst2
 */
export async function loadSentences(
  files: TaskFiles,
  path: string,
  options: LoadSentencesOptions = {},
): Promise<LoadedSentences> {
  const format = options.format ?? guessFormat(path);
  if (!format) {
    throw new ConfigError(
      `sentiment: cannot tell the format of ${path} from its name. Pass --format, one of ${sentenceFormats.join(', ')}.`,
    );
  }
  if (!sentenceFormats.includes(format)) {
    throw new ConfigError(
      `sentiment: unknown format "${format}". Available: ${sentenceFormats.join(', ')}.`,
    );
  }
  if (format === 'imdb') return loadImdb(files, path, options.split);
  if (format === 'csv' || format === 'tsv' || format === 'jsonl') {
    return loadTable(files.textSource(path), format as TableFormat, options);
  }
  return loadLabelledLines(files.textSource(path), format as LineFormat);
}
