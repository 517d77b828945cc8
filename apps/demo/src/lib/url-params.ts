/**
 * The page's URL switches: `?backend=webgpu|webgl|wasm|cpu|auto` and the debug hook
 * `?inject-worker-error=1` (or `reject`) that makes the worker fail at start-up (e2e tests).
 */
import type { BackendRequest, InjectMode } from '../worker/protocol.js';

export const backendChoices: readonly BackendRequest[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

export function backendFromUrl(search = location.search): BackendRequest {
  const value = new URLSearchParams(search).get('backend') ?? 'auto';
  return (backendChoices as readonly string[]).includes(value) ? (value as BackendRequest) : 'auto';
}

export function injectFromUrl(search = location.search): InjectMode {
  const value = new URLSearchParams(search).get('inject-worker-error');
  if (value === 'reject') return 'reject';
  if (value === null || value === '0' || value === 'false') return 'none';
  return 'throw';
}

/** Writes `?backend=` into the address bar without reloading (keeps the #/route). */
export function setBackendInUrl(backend: BackendRequest): void {
  const url = new URL(location.href);
  if (backend === 'auto') url.searchParams.delete('backend');
  else url.searchParams.set('backend', backend);
  history.replaceState(null, '', url);
}
