import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration } from './format-duration.js';

describe('formatDuration', () => {
  it('formats seconds, minutes and hours', () => {
    expect(formatDuration(4_400)).toBe('4s');
    expect(formatDuration(130_000)).toBe('2m10s');
    expect(formatDuration(3_725_000)).toBe('1h02m');
    expect(formatDuration(Number.NaN)).toBe('?');
  });
  it('groups thousands', () => {
    expect(formatCount(4210.4)).toBe('4,210');
  });
});
