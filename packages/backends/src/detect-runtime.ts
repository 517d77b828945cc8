/** Which runtime this code runs in: Node (process.versions.node) or a browser/worker. */
import type { Runtime } from './backend-adapter.js';

export function detectRuntime(): Runtime {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  const isBrowserLike =
    typeof (globalThis as { document?: unknown }).document !== 'undefined' ||
    typeof (globalThis as { importScripts?: unknown }).importScripts === 'function';
  return proc?.versions?.node && !isBrowserLike ? 'node' : 'browser';
}
