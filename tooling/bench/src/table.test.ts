import { describe, expect, it } from 'vitest';
import { formatCount, formatMarkdown, formatMegabytes, formatRatio, formatTable } from './table.js';

describe('formatTable', () => {
  it('aligns text left and numbers right under a rule', () => {
    const text = formatTable(
      [{ title: 'model' }, { title: 'tok/s', right: true }],
      [
        ['lstm', '12,345'],
        ['gru', '987'],
      ],
    );
    expect(text.split('\n')).toEqual([
      'model   tok/s',
      '-----  ------',
      'lstm   12,345',
      'gru       987',
    ]);
  });
});

describe('formatMarkdown', () => {
  it('writes a markdown table, keeping empty cells', () => {
    const text = formatMarkdown(
      [{ title: 'model' }, { title: 'ratio', right: true }],
      [['lstm', '5.0x'], ['gru']],
    );
    expect(text.split('\n')).toEqual([
      '| model | ratio |',
      '|---|---:|',
      '| lstm | 5.0x |',
      '| gru |  |',
    ]);
  });
});

describe('number formats', () => {
  it('formats counts, ratios and megabytes, with - for what is missing', () => {
    expect(formatCount(12345.6)).toBe('12,346');
    expect(formatCount(undefined)).toBe('-');
    expect(formatRatio(5000, 1000)).toBe('5.0x');
    expect(formatRatio(5000, undefined)).toBe('-');
    expect(formatMegabytes(3 * 2 ** 20)).toBe('3');
  });
});
