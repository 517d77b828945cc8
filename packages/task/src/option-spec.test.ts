import { describe, expect, it } from 'vitest';
import {
  camelCase,
  checkOption,
  describeSpec,
  kebabCase,
  type OptionSpec,
  resolveOptions,
} from './option-spec.js';

const units: OptionSpec = { type: 'integer', min: 1, max: 4096, help: 'units', default: 256 };

describe('option specs', () => {
  it('converts names both ways', () => {
    expect(kebabCase('timeSteps')).toBe('time-steps');
    expect(camelCase('time-steps')).toBe('timeSteps');
    expect(camelCase(kebabCase('stateResetProbability'))).toBe('stateResetProbability');
  });

  it('describes what a spec accepts', () => {
    expect(describeSpec(units)).toBe('an integer in [1, 4096]');
    expect(describeSpec({ type: 'number', min: 0, exclusiveMin: true, help: '' })).toBe(
      'a number > 0',
    );
    expect(describeSpec({ type: 'number', min: 0, max: 1, exclusiveMax: true, help: '' })).toBe(
      'a number in [0, 1)',
    );
    expect(describeSpec({ type: 'string', choices: ['lstm', 'gru'], help: '' })).toBe(
      'one of lstm, gru',
    );
  });

  it('rejects out-of-range, fractional, NaN and wrong-typed values with the fix', () => {
    expect(() => checkOption('char-lm', 'units', units, -5)).toThrow(
      'char-lm: expected units to be an integer in [1, 4096], got the number -5.',
    );
    expect(() => checkOption('char-lm', 'units', units, 2.5)).toThrow('an integer in [1, 4096]');
    expect(() => checkOption('char-lm', 'units', units, Number.NaN)).toThrow('got NaN');
    expect(() => checkOption('char-lm', 'units', units, 1e20)).toThrow(
      'got the number 100000000000000000000',
    );
    expect(() => checkOption('char-lm', 'units', units, '8')).toThrow('got the string "8"');
    expect(checkOption('char-lm', 'units', units, 4096)).toBe(4096);
    expect(() =>
      checkOption('x', 'cell', { type: 'string', choices: ['lstm'], help: '' }, 'lsmt'),
    ).toThrow('expected cell to be one of lstm, got the string "lsmt"');
  });

  it('resolves defaults and refuses unknown names', () => {
    expect(resolveOptions('t', { units, seed: { type: 'integer', help: '' } })).toEqual({
      units: 256,
      seed: undefined,
    });
    expect(resolveOptions('t', { units }, { units: 8 })).toEqual({ units: 8 });
    expect(() => resolveOptions('t', { units }, { unit: 8 })).toThrow(
      't: unknown option "unit". Known: units.',
    );
  });
});
