import { describe, expect, it } from 'vitest';
import { parseCellsFlags } from './cells-flags.js';

describe('parseCellsFlags', () => {
  it('defaults to every backend, config, model and implementation', () => {
    const f = parseCellsFlags([]);
    expect(f.backends).toEqual(['wasm', 'cpu']);
    expect(f.configs).toEqual(['A', 'B']);
    expect(f.models).toEqual(['lstm', 'gru', 'rnn']);
    expect(f.impls).toEqual(['ours', 'layers']);
    expect(f.steps).toBeUndefined();
  });

  it('reads lists, counts and --quick', () => {
    const f = parseCellsFlags([
      '--backend',
      'wasm',
      '--models',
      'lstm,gru',
      '--steps',
      '4',
      '--quick',
    ]);
    expect(f.backends).toEqual(['wasm']);
    expect(f.models).toEqual(['lstm', 'gru']);
    expect(f.steps).toBe(4);
    expect(f.quick).toBe(true);
    expect(parseCellsFlags(['--quick']).models).toEqual(['lstm']);
    expect(f.profile).toBe(false);
    expect(parseCellsFlags(['--profile']).profile).toBe(true);
  });

  it('names what it accepts when a value is unknown', () => {
    expect(() => parseCellsFlags(['--backend', 'webgpu'])).toThrow(
      'Unknown --backend "webgpu". Available: wasm, cpu, node-webgpu, all.',
    );
    expect(() => parseCellsFlags(['--steps', 'many'])).toThrow('--steps expects a whole number');
    expect(parseCellsFlags(['--backend', 'node-webgpu']).backends).toEqual(['node-webgpu']);
    expect(parseCellsFlags(['--backend', 'all']).backends).toEqual(['wasm', 'cpu']);
  });

  it('reads --workers counts (LSTM only by default) and refuses bad ones', () => {
    const f = parseCellsFlags(['--workers', '1,2']);
    expect(f.workers).toEqual([1, 2]);
    expect(f.models).toEqual(['lstm']);
    expect(parseCellsFlags([]).workers).toBeUndefined();
    expect(() => parseCellsFlags(['--workers', '0,2'])).toThrow(
      '--workers expects worker counts from 1 to 64 separated by commas, e.g. --workers 1,2; got "0,2".',
    );
  });
});
