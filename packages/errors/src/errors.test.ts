import { describe, expect, it } from 'vitest';
import { ConfigError, describeValue, RecurrentError, ShapeError } from './index.js';

describe('errors', () => {
  it('are typed, named and keep their cause', () => {
    const cause = new Error('disk full');
    const err = new ConfigError('maxLength: expected an integer >= 1, got 0.', { cause });
    expect(err).toBeInstanceOf(RecurrentError);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err).not.toBeInstanceOf(ShapeError);
    expect(err.name).toBe('ConfigError');
    expect(err.cause).toBe(cause);
    expect(String(err)).toBe('ConfigError: maxLength: expected an integer >= 1, got 0.');
  });

  it('describes values for messages', () => {
    expect(describeValue([1, 2])).toBe('an array of length 2');
    expect(describeValue('x')).toBe('the string "x"');
    expect(describeValue(Number.NaN)).toBe('NaN');
    expect(describeValue({ shape: [8, 20, 32] })).toBe('a tensor of shape [8, 20, 32]');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(new Map())).toBe('a Map');
  });
});
