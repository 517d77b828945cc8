/**
 * Line formats with a fixed label set, one sentence per line:
 * - `sst2` / `sst5`: `label sentence`, as the sentence-classification releases of the
 *   Stanford Sentiment Treebank (`stsa.binary.train`: 0/1, `stsa.fine.train`: 0-4).
 * - `uci`: `sentence<TAB>label` (0/1), the UCI Sentiment Labelled Sentences files
 *   (`amazon_cells_labelled.txt`, ...).
 * - `glue-sst2`: GLUE's SST-2 TSV with a header row naming `sentence` and `label`.
 * A malformed line is an error naming the file and line; blank lines are skipped and
 * counted in the notes.
 */
import type { TextSource } from '@recurrent/data';
import { DataFormatError } from '@recurrent/errors';
import { labelSet } from './label-set.js';
import { BINARY_LABELS, type LabelledSentence, type LoadedSentences } from './labelled-sentence.js';
import { readLines } from './read-lines.js';

export type LineFormat = 'sst2' | 'sst5' | 'uci' | 'glue-sst2';

export const SST5_LABELS = Object.freeze([
  'very negative',
  'negative',
  'neutral',
  'positive',
  'very positive',
]);

const shapes: Record<LineFormat, string> = {
  sst2: '"label sentence" with label 0 or 1 (e.g. "1 a gorgeous , witty film")',
  sst5: '"label sentence" with label 0-4 (e.g. "4 a gorgeous , witty film")',
  uci: '"sentence<TAB>label" with label 0 or 1',
  'glue-sst2': '"sentence<TAB>label" under a header row "sentence<TAB>label"',
};

/** Splits one line into text and label, or says what is wrong with it. */
function split(format: LineFormat, text: string, columns?: { text: number; label: number }) {
  if (format === 'sst2' || format === 'sst5') {
    const m = /^\s*(\S+)\s+(.*\S)\s*$/.exec(text);
    return m ? { label: m[1]!, text: m[2]! } : undefined;
  }
  if (format === 'uci') {
    const tab = text.lastIndexOf('\t');
    if (tab < 0) return undefined;
    const sentence = text.slice(0, tab).trim();
    return sentence ? { label: text.slice(tab + 1), text: sentence } : undefined;
  }
  const fields = text.split('\t');
  const sentence = fields[columns!.text]?.trim();
  const label = fields[columns!.label];
  return sentence && label !== undefined ? { label, text: sentence } : undefined;
}

/**
 * @example
 * const sst = await loadLabelledLines(files.textSource('stsa.binary.train'), 'sst2');
 */
export async function loadLabelledLines(
  source: TextSource,
  format: LineFormat,
): Promise<LoadedSentences> {
  const labels = labelSet(
    format === 'sst5' ? ['0', '1', '2', '3', '4'] : ['0', '1'],
    format === 'sst5' ? SST5_LABELS : BINARY_LABELS,
  );
  const sentences: LabelledSentence[] = [];
  let blank = 0;
  let columns: { text: number; label: number } | undefined;
  for await (const { text, line } of readLines(source)) {
    const where = `${source.name}:${line}`;
    if (text.trim() === '') {
      blank++;
      continue;
    }
    if (format === 'glue-sst2' && !columns) {
      const names = text.split('\t').map((h) => h.trim().toLowerCase());
      const t = names.indexOf('sentence');
      const l = names.indexOf('label');
      if (t < 0 || l < 0) {
        throw new DataFormatError(
          `${where}: expected a GLUE SST-2 header with columns "sentence" and "label", got ${JSON.stringify(text.slice(0, 80))}.${t >= 0 ? " GLUE's test.tsv has no labels: train on train.tsv and evaluate on dev.tsv." : ''}`,
        );
      }
      columns = { text: t, label: l };
      continue;
    }
    const parts = split(format, text, columns);
    if (!parts) {
      throw new DataFormatError(
        `${where}: expected ${shapes[format]}, got ${JSON.stringify(text.slice(0, 80))}. Fix or remove the line, or pick the --format of this file.`,
      );
    }
    sentences.push({ text: parts.text, label: labels.id(parts.label, where), origin: where });
  }
  if (sentences.length === 0) {
    throw new DataFormatError(
      `${source.name}: the file holds no labelled sentences (${blank} blank lines); expected lines of ${shapes[format]}.`,
    );
  }
  return {
    sentences,
    labels: labels.finish().labels,
    source: source.name,
    notes: blank > 0 ? [`${source.name}: skipped ${blank} blank lines`] : [],
  };
}
