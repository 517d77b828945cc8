import { describe, expect, it } from 'vitest';
import { parseSentimentFlags } from './sentiment-flags.js';

describe('parseSentimentFlags', () => {
  it('defaults to wasm, one run, the default steps', () => {
    const f = parseSentimentFlags([]);
    expect(f.backends).toEqual(['wasm']);
    expect(f.repeat).toBe(1);
    expect(f.steps).toBeUndefined();
    expect(f.quick).toBe(false);
  });

  it('reads backends, counts, --quick and --markdown', () => {
    const f = parseSentimentFlags([
      '--backend',
      'all',
      '--steps',
      '4',
      '--repeat',
      '3',
      '--quick',
      '--markdown',
    ]);
    expect(f.backends).toEqual(['wasm', 'cpu']);
    expect(f.steps).toBe(4);
    expect(f.repeat).toBe(3);
    expect(f.quick && f.markdown).toBe(true);
  });

  it('names what it accepts when a value is wrong', () => {
    expect(() => parseSentimentFlags(['--backend', 'webgpu'])).toThrow(
      'Unknown --backend "webgpu". Available: wasm, cpu, all.',
    );
    expect(() => parseSentimentFlags(['--warmup', '0'])).toThrow(
      '--warmup expects a whole number of at least 1, got "0".',
    );
  });
});
