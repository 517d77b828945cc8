/**
 * Reads a number field the way a person typed it: empty, not a number, not whole, below or
 * above the range each get a sentence that says what to type instead. Nothing is clamped
 * silently: a page shows the message next to the field and does not run.
 *
 * @example
 * checkNumber('length', '100000', { min: 1, max: 1000, integer: true });
 * // { ok: false, message: 'length: at most 1,000 (got 100,000).' }
 */
export interface NumberRule {
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
  /** Why the maximum is where it is, added to the message (`one request draws at most 1,000`). */
  readonly maxWhy?: string;
}

export type Checked = { ok: true; value: number } | { ok: false; message: string };

const fmt = (v: number) => v.toLocaleString('en', { maximumFractionDigits: 6 });

function range(rule: NumberRule): string {
  if (rule.min !== undefined && rule.max !== undefined)
    return `${fmt(rule.min)} to ${fmt(rule.max)}`;
  if (rule.min !== undefined) return `at least ${fmt(rule.min)}`;
  if (rule.max !== undefined) return `at most ${fmt(rule.max)}`;
  return 'a number';
}

export function checkNumber(label: string, raw: string, rule: NumberRule): Checked {
  const text = raw.trim();
  const kind = rule.integer ? 'a whole number' : 'a number';
  if (text === '') return { ok: false, message: `${label}: enter ${kind} (${range(rule)}).` };
  const value = Number(text);
  if (!Number.isFinite(value)) {
    return { ok: false, message: `${label}: "${text}" is not ${kind} (${range(rule)}).` };
  }
  if (rule.integer && !Number.isInteger(value)) {
    return { ok: false, message: `${label}: enter a whole number (got ${fmt(value)}).` };
  }
  if (rule.min !== undefined && value < rule.min) {
    return { ok: false, message: `${label}: at least ${fmt(rule.min)} (got ${fmt(value)}).` };
  }
  if (rule.max !== undefined && value > rule.max) {
    const why = rule.maxWhy ? `: ${rule.maxWhy}` : '';
    return { ok: false, message: `${label}: at most ${fmt(rule.max)} (got ${fmt(value)})${why}.` };
  }
  return { ok: true, value };
}
