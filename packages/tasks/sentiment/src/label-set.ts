/**
 * Label names -> class ids while a file is read. A fixed set (SST, UCI, `--labels`) turns
 * any other value into an error naming the file and line; an open set (CSV/TSV/JSONL
 * without `--labels`) collects the values and numbers them at the end: numerically when
 * every value is an integer, else alphabetically; `0`/`1` read as negative/positive.
 */
import { DataFormatError } from '@recurrent/errors';
import { BINARY_LABELS } from './labelled-sentence.js';

export interface LabelSet {
  /** The class id of `value`, read at `where` (`file:line`). */
  id(value: string, where: string): number;
  /** The final names by id, and the id remapping for an open set. */
  finish(): { labels: readonly string[]; remap: (id: number) => number };
}

/**
 * @example
 * const set = labelSet(['0', '1'], BINARY_LABELS); set.id('1', 'a.txt:3'); // 1
 */
export function labelSet(values?: readonly string[], names?: readonly string[]): LabelSet {
  if (values) {
    const index = new Map(values.map((v, i) => [v, i]));
    return {
      id(value, where) {
        const id = index.get(value.trim());
        if (id === undefined) {
          throw new DataFormatError(
            `${where}: label ${JSON.stringify(value)} is not in the label set (${values.join(', ')}). Fix the line, or choose the --format (or --labels) that matches the file.`,
          );
        }
        return id;
      },
      finish: () => ({ labels: names ?? values, remap: (id) => id }),
    };
  }
  const seen = new Map<string, number>();
  return {
    id(value, where) {
      const v = value.trim();
      if (v === '') {
        throw new DataFormatError(`${where}: the label is empty; expected a class name or number.`);
      }
      if (!seen.has(v)) seen.set(v, seen.size);
      return seen.get(v)!;
    },
    finish() {
      const raw = [...seen.keys()];
      const numeric = raw.every((v) => /^-?\d+$/.test(v));
      const sorted = [...raw].sort((a, b) =>
        numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0,
      );
      const order = new Map(sorted.map((v, i) => [v, i]));
      const labels = sorted.join(',') === '0,1' ? BINARY_LABELS : sorted;
      return { labels, remap: (id) => order.get(raw[id]!)! };
    },
  };
}
