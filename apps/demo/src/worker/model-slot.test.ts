import { ConfigError } from '@recurrent/errors';
import { describe, expect, it } from 'vitest';
import { ModelSlot } from './model-slot.js';

/** A model that records when it was disposed (and fails if disposed twice). */
function fakeModel(name: string, log: string[]) {
  let disposed = false;
  return {
    name,
    get disposed() {
      return disposed;
    },
    dispose() {
      if (disposed) throw new Error(`${name} disposed twice`);
      disposed = true;
      log.push(name);
    },
  };
}

/** A promise and the function that settles it: a request that is still reading. */
function gate() {
  let open!: () => void;
  const done = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { done, open };
}

describe('ModelSlot', () => {
  it('tells a request on an empty slot how to get a model', async () => {
    const slot = new ModelSlot('Load the pretrained model or train one.');
    await expect(slot.use('char-lm.generate', async () => 1)).rejects.toThrow(ConfigError);
    await expect(slot.use('char-lm.generate', async () => 1)).rejects.toThrow(
      'char-lm.generate: no model yet. Load the pretrained model or train one.',
    );
  });

  it('disposes a replaced model at once when nobody reads it', () => {
    const log: string[] = [];
    const slot = new ModelSlot();
    const a = fakeModel('a', log);
    slot.set(a);
    slot.set(a); // the same model again: kept
    expect(log).toEqual([]);
    slot.set(fakeModel('b', log));
    expect(log).toEqual(['a']);
    slot.set(undefined);
    expect(log).toEqual(['a', 'b']);
    expect(slot.model).toBeUndefined();
  });

  it('keeps a replaced model alive until its last reader ends, then disposes it once', async () => {
    const log: string[] = [];
    const slot = new ModelSlot<ReturnType<typeof fakeModel>>();
    const a = fakeModel('a', log);
    slot.set(a);
    const first = gate();
    const second = gate();
    const reads = [
      slot.use('x', async (m) => {
        await first.done;
        return m.disposed;
      }),
      slot.use('x', async (m) => {
        await second.done;
        return m.disposed;
      }),
    ];
    expect(slot.readers(a)).toBe(2);
    slot.set(fakeModel('b', log));
    expect(log).toEqual([]); // a is still read twice
    first.open();
    expect(await reads[0]).toBe(false);
    expect(log).toEqual([]);
    second.open();
    expect(await reads[1]).toBe(false); // a was alive for the whole read
    expect(log).toEqual(['a']);
    expect(slot.readers(a)).toBe(0);
    expect(slot.model?.name).toBe('b');
  });

  it('releases a reader whose request fails, and keeps the current model', async () => {
    const log: string[] = [];
    const slot = new ModelSlot<ReturnType<typeof fakeModel>>();
    const a = fakeModel('a', log);
    slot.set(a);
    await expect(
      slot.use('x', async () => {
        throw new Error('probe failed');
      }),
    ).rejects.toThrow('probe failed');
    expect(slot.readers(a)).toBe(0);
    expect(log).toEqual([]); // still the current model: not disposed
    slot.set(undefined);
    expect(log).toEqual(['a']);
  });

  it('a request started on the new model does not keep the old one alive', async () => {
    const log: string[] = [];
    const slot = new ModelSlot<ReturnType<typeof fakeModel>>();
    slot.set(fakeModel('a', log));
    const reading = gate();
    const read = slot.use('x', async () => reading.done);
    slot.set(fakeModel('b', log));
    const onB = await slot.use('x', async (m) => m.name);
    expect(onB).toBe('b');
    expect(log).toEqual([]);
    reading.open();
    await read;
    expect(log).toEqual(['a']);
  });
});
