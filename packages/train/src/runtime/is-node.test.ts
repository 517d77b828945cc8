import { afterEach, describe, expect, it } from 'vitest';
import { isNode } from './is-node.js';

const g = globalThis as { process?: unknown };
const real = g.process;
afterEach(() => {
  g.process = real;
});

describe('isNode', () => {
  it('is true under Node and false where process.versions.node is not a string', () => {
    expect(isNode()).toBe(true);
    g.process = { versions: {} }; // a bundler's process shim
    expect(isNode()).toBe(false);
    g.process = undefined; // a page or a worker
    expect(isNode()).toBe(false);
  });
});
