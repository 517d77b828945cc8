/**
 * The vanishing-gradients page's URL settings: read over the defaults, a wrong value ignored
 * with a note that says what was expected, and the labModels name of each cell.
 */
import { describe, expect, it } from 'vitest';
import {
  modelName,
  vanishingPageDefaults,
  vanishingSettingsFromUrl,
} from './vanishing-defaults.js';

describe('vanishingSettingsFromUrl', () => {
  it('gives the defaults for a bare route', () => {
    expect(vanishingSettingsFromUrl('#/vanishing-gradients')).toEqual({
      settings: vanishingPageDefaults,
      notes: [],
    });
  });

  it('reads every setting from the hash', () => {
    const { settings, notes } = vanishingSettingsFromUrl(
      '#/vanishing-gradients?cell=gru&forget-bias=0&k=30&steps=40&every=5&sweep=5,10&seed=3',
    );
    expect(notes).toEqual([]);
    expect(settings).toEqual({
      cell: 'gru',
      forgetBias: 0,
      k: 30,
      steps: 40,
      every: 5,
      sweep: [5, 10],
      seed: 3,
    });
  });

  it('ignores wrong values and says why, keeping the defaults', () => {
    const { settings, notes } = vanishingSettingsFromUrl(
      '#/vanishing-gradients?cell=transformer&k=0&steps=abc&forget-bias=2&sweep=5,x',
    );
    expect(settings).toEqual(vanishingPageDefaults);
    expect(notes).toEqual([
      'ignored cell=transformer: expected rnn, gru or lstm.',
      'ignored forget-bias=2: expected 0, 1 or chrono.',
      'ignored k=0: expected a whole number 1 to 200.',
      'ignored steps=abc: expected 1 to 2000.',
      "ignored sweep=5,x: expected k's separated by commas, each 1 to 200.",
    ]);
  });
});

describe('modelName', () => {
  it('names the cells as labModels does', () => {
    expect(modelName('rnn', 1)).toBe('rnn');
    expect(modelName('gru', 'chrono')).toBe('gru');
    expect(['lstm-f0', 'lstm-f1', 'lstm-chrono']).toEqual(
      [0, 1, 'chrono'].map((b) => modelName('lstm', b as 0 | 1 | 'chrono')),
    );
  });
});
