/**
 * The one place `@recurrent/train` asks "can I use Node's built-ins (node:fs, node:module)?".
 *
 * True when `process.versions.node` is a string: Node itself, and Node-hosted test
 * environments such as jsdom, where the filesystem still works. (`@recurrent/backends` asks a
 * different question, which backend family fits, and also treats a page or a worker as a
 * browser; libraries must not import it, so it keeps its own `detectRuntime()`.)
 */
export function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: unknown } } }).process;
  return typeof p?.versions?.node === 'string';
}
