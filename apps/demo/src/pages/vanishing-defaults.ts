/**
 * The vanishing-gradients page's settings: what it trains by default, the choices it offers,
 * and the same values read from the URL (`#/vanishing-gradients?cell=gru&k=50&steps=300`),
 * so a view can be shared and a test can shrink the budget. A value the URL gets wrong is
 * ignored and said so (`notes`), never silently replaced.
 */
import type { ForgetBias } from '@recurrent/lab';
import { pageSettings } from '../lib/page-settings.js';

export type PageCell = 'rnn' | 'gru' | 'lstm';

export interface VanishingSettings {
  readonly cell: PageCell;
  /** LSTM only. */
  readonly forgetBias: ForgetBias;
  readonly k: number;
  /** Training steps of every (cell, k): the same budget for all. */
  readonly steps: number;
  /** A heat-map row every N steps. */
  readonly every: number;
  /** The k's the sweep button runs. */
  readonly sweep: readonly number[];
  readonly seed: number;
}

export const vanishingPageDefaults: VanishingSettings = Object.freeze({
  cell: 'lstm', // the cell the lecture ends on
  forgetBias: 'chrono', // the one LSTM initialisation that learned k = 50 in our sweeps (README)
  k: 50, // the lecture's "born in France ... speaks fluently": far enough for cells to differ
  steps: 300, // the CLI uses 2500; 300 take 1-5 s per (cell, k) on wasm and already separate them
  every: 10, // a heat-map row every 10 steps: 31 rows for 300 steps
  sweep: Object.freeze([5, 10, 20, 50]), // the CLI's quick sweep
  seed: 0, // the CLI's seed: the numbers at initialisation equal `recurrent lab vanishing`'s
});

export const pageChoices = Object.freeze({
  ks: Object.freeze([5, 10, 20, 30, 50, 100]),
  forgetBias: Object.freeze([0, 1, 'chrono'] as ForgetBias[]),
  cells: Object.freeze(['rnn', 'gru', 'lstm'] as PageCell[]),
  maxSteps: 2000, // past this a page run takes minutes per (cell, k); use the CLI
  maxK: 200,
});

/** The `labModels` name of a cell (rnn, gru, lstm-f0, lstm-f1, lstm-chrono). */
export function modelName(cell: PageCell, forgetBias: ForgetBias): string {
  return cell === 'lstm' ? `lstm-${forgetBias === 'chrono' ? 'chrono' : `f${forgetBias}`}` : cell;
}

const wholeIn = (text: string, min: number, max: number): number | null => {
  const v = Number(text);
  return Number.isInteger(v) && v >= min && v <= max ? v : null;
};

/** The settings in the URL's hash, over the defaults; `notes` says what was ignored and why. */
export function vanishingSettingsFromUrl(hash = location.hash): {
  settings: VanishingSettings;
  notes: string[];
} {
  const url = pageSettings(hash);
  const notes: string[] = [];
  const out = { ...vanishingPageDefaults };
  const take = <T>(key: string, parse: (text: string) => T | null, expected: string): T | null => {
    const text = url.get(key);
    if (text === null) return null;
    const value = parse(text);
    if (value === null) notes.push(`ignored ${key}=${text}: expected ${expected}.`);
    return value;
  };
  const cell = take(
    'cell',
    (t) => (pageChoices.cells.includes(t as PageCell) ? (t as PageCell) : null),
    'rnn, gru or lstm',
  );
  const bias = take(
    'forget-bias',
    (t) => (t === 'chrono' ? 'chrono' : t === '0' ? 0 : t === '1' ? 1 : null) as ForgetBias | null,
    '0, 1 or chrono',
  );
  const k = take(
    'k',
    (t) => wholeIn(t, 1, pageChoices.maxK),
    `a whole number 1 to ${pageChoices.maxK}`,
  );
  const steps = take(
    'steps',
    (t) => wholeIn(t, 1, pageChoices.maxSteps),
    `1 to ${pageChoices.maxSteps}`,
  );
  const every = take('every', (t) => wholeIn(t, 1, pageChoices.maxSteps), 'a whole number >= 1');
  const sweep = take(
    'sweep',
    (t) => {
      const ks = t.split(',').map((s) => wholeIn(s.trim(), 1, pageChoices.maxK));
      return ks.length > 0 && ks.every((v) => v !== null) ? (ks as number[]) : null;
    },
    `k's separated by commas, each 1 to ${pageChoices.maxK}`,
  );
  const seed = take('seed', (t) => wholeIn(t, 0, 2 ** 31 - 1), 'a whole number >= 0');
  return {
    settings: {
      cell: cell ?? out.cell,
      forgetBias: bias ?? out.forgetBias,
      k: k ?? out.k,
      steps: steps ?? out.steps,
      every: every ?? out.every,
      sweep: sweep ?? out.sweep,
      seed: seed ?? out.seed,
    },
    notes,
  };
}
