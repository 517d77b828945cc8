import { describe, expect, it } from 'vitest';
import { optimizationSpecs, specsWithDefaults } from './optimization-specs.js';
import { checkOption } from './option-spec.js';

describe('optimizationSpecs and specsWithDefaults', () => {
  it('attaches defaults in the given order and keeps the bounds', () => {
    const specs = specsWithDefaults(
      { steps: 1500, learningRate: 5e-3 },
      { steps: optimizationSpecs.steps, learningRate: optimizationSpecs.learningRate },
    );
    expect(Object.keys(specs)).toEqual(['steps', 'learningRate']);
    expect(specs.steps.default).toBe(1500);
    expect(specs.learningRate.default).toBe(5e-3);
    expect(Object.isFrozen(specs.steps)).toBe(true);
    expect(() => checkOption('t', 'steps', specs.steps, 1e20)).toThrow(
      'expected steps to be an integer in [1, 100000000]',
    );
    expect(() => checkOption('t', 'learningRate', specs.learningRate, 0)).toThrow(
      'expected learningRate to be a number in (0, 10]',
    );
  });
});
