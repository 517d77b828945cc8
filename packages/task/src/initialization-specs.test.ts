import { describe, expect, it } from 'vitest';
import { initializationSpecs } from './initialization-specs.js';
import { specsWithDefaults } from './optimization-specs.js';
import { checkOption } from './option-spec.js';

describe('initializationSpecs', () => {
  it("accept Keras' and PyTorch's choices and refuse others with what was expected", () => {
    const specs = specsWithDefaults(
      { kernelInit: 'keras', forgetBias: 1, adamEpsilon: 1e-7 },
      {
        kernelInit: initializationSpecs.kernelInit,
        forgetBias: initializationSpecs.forgetBias,
        adamEpsilon: initializationSpecs.adamEpsilon,
      },
    );
    expect(specs.kernelInit.default).toBe('keras');
    for (const value of ['keras', 'pytorch'])
      expect(checkOption('t', 'kernelInit', specs.kernelInit, value)).toBe(value);
    expect(() => checkOption('t', 'kernelInit', specs.kernelInit, 'xavier')).toThrow(
      'expected kernelInit to be one of keras, pytorch',
    );
    expect(() =>
      checkOption('t', 'embeddingInit', initializationSpecs.embeddingInit, 'gauss'),
    ).toThrow('expected embeddingInit to be one of uniform, normal');
    expect(() => checkOption('t', 'forgetBias', specs.forgetBias, 2)).toThrow(
      'expected forgetBias to be an integer in [0, 1], got the number 2.',
    );
    expect(() => checkOption('t', 'adamEpsilon', specs.adamEpsilon, 0)).toThrow(
      'expected adamEpsilon to be a number in (0, 1], got the number 0.',
    );
    expect(() => checkOption('t', 'secondBias', initializationSpecs.secondBias, 'yes')).toThrow(
      'expected secondBias to be true or false',
    );
  });
});
