/**
 * The task's data step: option values and the app's files -> prepared data. Reads `--data`
 * (or `--data-text`, or the embedded UCI sentences), `--test`, the pretrained vectors of
 * `--embeddings`, and on `--resume` reuses the run's vocabulary so every id keeps its word.
 */
import { stringSource, Vocabulary } from '@recurrent/data';
import { ConfigError } from '@recurrent/errors';
import type { OptionValues, PrepareContext, TaskFiles } from '@recurrent/task';
import type { JsonValue } from '@recurrent/train';
import type { LoadedSentences } from './labelled-sentence.js';
import { type LoadedEmbeddings, loadEmbeddings } from './load-embeddings.js';
import type { ImdbSplit } from './load-imdb.js';
import { loadLabelledLines } from './load-labelled-lines.js';
import { guessFormat, loadSentences, type SentenceFormat } from './load-sentences.js';
import { loadTable } from './load-table.js';
import { loadUciSentences } from './load-uci-sentences.js';
import { prepareSentimentData, type SentimentData } from './prepare-sentiment-data.js';
import type { SentimentHyperParameters } from './sentiment-defaults.js';

export const EMBEDDED_DATASET = 'uci';

export interface SentimentTaskData extends SentimentData {
  readonly embeddings?: LoadedEmbeddings & { readonly freeze: boolean };
  /** What config.json records so `eval` can find the data again. */
  readonly provenance: Record<string, JsonValue>;
}

/** The app's files, or an error that says how to pass data without them. */
export function filesOf(context: PrepareContext, flag: string): TaskFiles {
  if (!context.files) {
    throw new ConfigError(
      `sentiment: --${flag} names a file, and files cannot be read here. Pass the file's contents as the "dataText" option with its "format".`,
    );
  }
  return context.files;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Reads the sentences an option names (`data`, `test`), or undefined when it names none. */
export async function loadOption(
  options: OptionValues,
  context: PrepareContext,
  flag: 'data' | 'test',
  split?: ImdbSplit,
): Promise<LoadedSentences | undefined> {
  const format = str(options.format) as SentenceFormat | undefined;
  const table = {
    ...(str(options.textColumn) ? { textColumn: str(options.textColumn)! } : {}),
    ...(str(options.labelColumn) ? { labelColumn: str(options.labelColumn)! } : {}),
    ...(str(options.labels)
      ? {
          labels: str(options.labels)!
            .split(',')
            .map((l) => l.trim()),
        }
      : {}),
  };
  if (flag === 'data' && str(options.dataText)) {
    if (!format || format === 'imdb') {
      throw new ConfigError(
        `sentiment: dataText needs its format (one of sst2, sst5, glue-sst2, uci, csv, tsv, jsonl), got ${format ?? 'none'}. Pass "format" with the text.`,
      );
    }
    const source = stringSource(str(options.dataText)!, { name: 'data' });
    return format === 'csv' || format === 'tsv' || format === 'jsonl'
      ? loadTable(source, format, table)
      : loadLabelledLines(source, format);
  }
  const path = str(options[flag]);
  if (!path) return undefined;
  const files = filesOf(context, flag);
  const imdbSplit = split ?? (str(options.split) as ImdbSplit | undefined) ?? 'train';
  return loadSentences(files, path, { ...(format ? { format } : {}), ...table, split: imdbSplit });
}

/** IMDB's test split comes with the archive or the aclImdb/ root when no --test is given. */
async function imdbTest(
  options: OptionValues,
  context: PrepareContext,
): Promise<LoadedSentences | undefined> {
  const path = str(options.data);
  if (!path || str(options.test)) return undefined;
  if ((str(options.format) ?? guessFormat(path)) !== 'imdb') return undefined;
  const files = filesOf(context, 'data');
  const isRoot = (await files.kind(path)) === 'file' || (await files.list(path)).includes('test');
  return isRoot ? loadOption({ ...options, split: 'test' }, context, 'data', 'test') : undefined;
}

/**
 * @example
 * const data = await prepareTaskData({}, hyperParameters, {}); // the embedded UCI sentences
 */
export async function prepareTaskData(
  options: OptionValues,
  hp: SentimentHyperParameters,
  context: PrepareContext,
): Promise<SentimentTaskData> {
  context.onLog?.('reading the data');
  const loaded = (await loadOption(options, context, 'data')) ?? (await loadUciSentences());
  const test = (await loadOption(options, context, 'test')) ?? (await imdbTest(options, context));
  const saved = context.resumeConfig;
  if (
    saved?.labels !== undefined &&
    JSON.stringify(saved.labels) !== JSON.stringify(loaded.labels)
  ) {
    throw new ConfigError(
      `--resume: this run was trained on the labels ${JSON.stringify(saved.labels)}; ${loaded.source} has ${JSON.stringify(loaded.labels)}. Resume with the same data, or start a new run with another --name.`,
    );
  }
  const data = prepareSentimentData(loaded, {
    hyperParameters: hp,
    ...(test ? { test } : {}),
    probe: options.probe !== false,
    tooLong: options.tooLong === 'error' ? 'error' : 'truncate',
    ...(saved?.vocabulary !== undefined
      ? { vocabulary: Vocabulary.fromJSON(saved.vocabulary) }
      : {}),
  });
  const provenance: Record<string, JsonValue> = {
    data: str(options.data) ?? (str(options.dataText) ? 'dataText' : EMBEDDED_DATASET),
    ...(str(options.format) ? { format: str(options.format)! } : {}),
    ...(str(options.test) ? { test: str(options.test)! } : {}),
    ...(str(options.textColumn) ? { textColumn: str(options.textColumn)! } : {}),
    ...(str(options.labelColumn) ? { labelColumn: str(options.labelColumn)! } : {}),
    ...(str(options.labels) ? { labelSet: str(options.labels)! } : {}),
    probe: data.probe !== undefined,
  };
  const path = str(options.embeddings);
  if (!path) return { ...data, provenance };
  if (hp.input === 'char') {
    throw new ConfigError('sentiment: --embeddings holds word vectors; it needs --input word.');
  }
  context.onLog?.(`reading word vectors from ${path}`);
  const vectors = await loadEmbeddings(
    filesOf(context, 'embeddings').textSource(path),
    data.vocabulary,
  );
  if (vectors.dim !== hp.embeddingDim) {
    throw new ConfigError(
      `sentiment: ${path} holds ${vectors.dim}-dimensional vectors but embeddingDim is ${hp.embeddingDim}. Pass --embedding-dim ${vectors.dim}.`,
    );
  }
  return {
    ...data,
    embeddings: { ...vectors, freeze: options.freezeEmbeddings === true },
    provenance: { ...provenance, embeddings: path },
  };
}
