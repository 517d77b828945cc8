import { describe, expect, it } from 'vitest';
import { parseGenerateFlags } from './generate-suite.js';

describe('generate flags', () => {
  it('defaults to wasm, 300 characters, one run', () => {
    expect(parseGenerateFlags([])).toEqual({
      backends: ['wasm'],
      length: 300,
      repeat: 1,
      markdown: false,
    });
    expect(
      parseGenerateFlags(['--backend', 'wasm,node-webgpu', '--length', '50', '--repeat', '3']),
    ).toMatchObject({ backends: ['wasm', 'node-webgpu'], length: 50, repeat: 3 });
  });

  it('names what it accepts', () => {
    expect(() => parseGenerateFlags(['--backend', 'webgl'])).toThrow(
      'Unknown --backend "webgl". Available: wasm, cpu, node-webgpu.',
    );
    expect(() => parseGenerateFlags(['--length', '0'])).toThrow(
      '--length expects a whole number of at least 1, got "0".',
    );
  });
});
