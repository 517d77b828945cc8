/**
 * Picks a tfjs backend and says why. `selectBackend('auto')` tries the adapters of this
 * runtime by priority (Node: node-gpu > node > node-webgpu > wasm > cpu; browser: webgpu >
 * webgl > wasm > cpu), passes by those whose probe says auto should not use them (a software
 * GPU adapter), records why each refused, activates the first that works, and returns the
 * report.
 *
 * @example
 * const { name, report } = await selectBackend('auto');
 * // name === 'wasm' in Node without tfjs-node; report[0] ===
 * // { name: 'node-gpu', available: false, reason: '@tensorflow/tfjs-node-gpu is not installed. ...' }
 */

import { BackendError, ConfigError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import type {
  AdapterContext,
  BackendAdapter,
  BackendName,
  ModuleImporter,
  Runtime,
} from './backend-adapter.js';
import { defaultImporter } from './default-importer.js';
import { detectRuntime } from './detect-runtime.js';
import { knownAdapters } from './known-adapters.js';

export interface SelectBackendOptions {
  /** When the named backend is unavailable, fall back to 'auto' instead of throwing. Default false. */
  readonly allowFallback?: boolean;
  /** Backends to try first, in this order, before the priority order. Default none. */
  readonly prefer?: readonly BackendName[];
  /** Override runtime detection (tests, workers). Default: detected. */
  readonly runtime?: Runtime;
  /** Where the wasm backend's `.wasm` files are served (browser). Default: resolved in Node. */
  readonly wasmPaths?: string | Record<string, string>;
  /** How optional packages are imported; tests inject failures here. Default: dynamic import(). */
  readonly importModule?: ModuleImporter;
  /** The adapters to choose from. Default: every adapter this package ships. */
  readonly adapters?: readonly BackendAdapter[];
}

export interface BackendReportEntry {
  readonly name: BackendName;
  /** Whether this backend can run here (it was activated successfully, or it passed its probe and was not tried). */
  readonly available: boolean;
  /** Why it cannot run here (`available` false), or why auto passed it by (`available` true). */
  readonly reason?: string;
  /** A detail line when it ran (e.g. 'SIMD on, threads off'). */
  readonly detail?: string;
  readonly chosen: boolean;
  /** False when a higher-priority backend was chosen before this one was tried. */
  readonly tried: boolean;
}

export interface BackendSelection {
  readonly name: BackendName;
  readonly tfjsName: string;
  readonly runtime: Runtime;
  readonly detail?: string;
  readonly report: readonly BackendReportEntry[];
}

function byPriority(
  adapters: readonly BackendAdapter[],
  runtime: Runtime,
  prefer: readonly BackendName[],
): BackendAdapter[] {
  const rank = (a: BackendAdapter) => {
    const preferred = prefer.indexOf(a.name);
    return preferred >= 0 ? 1000 - preferred : (a.priority[runtime] ?? -1);
  };
  return [...adapters].sort((a, b) => rank(b) - rank(a));
}

export async function selectBackend(
  request: BackendName | 'auto' = 'auto',
  options: SelectBackendOptions = {},
): Promise<BackendSelection> {
  const adapters = options.adapters ?? knownAdapters;
  const runtime = options.runtime ?? detectRuntime();
  const context: AdapterContext = {
    runtime,
    request,
    importModule: options.importModule ?? defaultImporter,
    ...(options.wasmPaths !== undefined ? { wasmPaths: options.wasmPaths } : {}),
  };
  if (request !== 'auto' && !adapters.some((a) => a.name === request)) {
    const known = adapters.map((a) => a.name).join(', ');
    throw new ConfigError(`Unknown backend "${request}". Available: auto, ${known}.`);
  }
  for (const name of options.prefer ?? []) {
    if (!adapters.some((a) => a.name === name)) {
      throw new ConfigError(
        `selectBackend: unknown backend "${name}" in prefer. Available: ${adapters.map((a) => a.name).join(', ')}.`,
      );
    }
  }

  const ordered = byPriority(adapters, runtime, options.prefer ?? []);
  const candidates =
    request === 'auto'
      ? ordered.filter((a) => a.priority[runtime] !== undefined || options.prefer?.includes(a.name))
      : [ordered.find((a) => a.name === request)!];
  const results = new Map<BackendName, Omit<BackendReportEntry, 'name'>>();
  let chosen: BackendAdapter | undefined;
  let chosenDetail: string | undefined;

  const tryAdapters = async (list: BackendAdapter[], auto: boolean) => {
    for (const adapter of list) {
      if (chosen || results.has(adapter.name)) continue;
      const probe = await adapter.probe(context);
      if (!probe.available) {
        results.set(adapter.name, {
          available: false,
          reason: probe.reason,
          chosen: false,
          tried: true,
        });
        continue;
      }
      if (auto && probe.skipInAuto) {
        // It runs here, but a lower-priority backend is the better default; say why.
        results.set(adapter.name, {
          available: true,
          reason: probe.skipInAuto,
          chosen: false,
          tried: true,
        });
        continue;
      }
      try {
        const detail = (await adapter.activate(context)) ?? probe.detail;
        chosen = adapter;
        chosenDetail = detail;
        results.set(adapter.name, {
          available: true,
          chosen: true,
          tried: true,
          ...(detail ? { detail } : {}),
        });
      } catch (error) {
        const reason =
          error instanceof Error
            ? error.message.replace(new RegExp(`^${adapter.name}: `), '')
            : String(error);
        results.set(adapter.name, { available: false, reason, chosen: false, tried: true });
      }
    }
  };

  await tryAdapters(candidates, request === 'auto');
  if (!chosen && request !== 'auto') {
    const reason = results.get(request)?.reason ?? 'unknown reason';
    if (!options.allowFallback) {
      throw new BackendError(
        `Backend "${request}" is not available: ${reason} Pass allowFallback (or --backend auto) to use the best available one instead.`,
      );
    }
    await tryAdapters(
      ordered.filter((a) => a.priority[runtime] !== undefined),
      true,
    );
  }
  if (!chosen) {
    const reasons = [...results].map(([n, r]) => `${n}: ${r.reason}`).join('; ');
    throw new BackendError(`No tensor backend could start in ${runtime}. ${reasons}`);
  }

  // Probe (without activating) the lower-priority adapters, so the report covers every backend.
  for (const adapter of ordered) {
    if (results.has(adapter.name)) continue;
    const probe = await adapter.probe(context);
    results.set(
      adapter.name,
      probe.available
        ? {
            available: true,
            chosen: false,
            tried: false,
            ...(probe.skipInAuto ? { reason: probe.skipInAuto } : {}),
          }
        : { available: false, reason: probe.reason, chosen: false, tried: false },
    );
  }
  const report = ordered.map((a) => ({ name: a.name, ...results.get(a.name)! }));
  const picked = chosen as BackendAdapter;
  return {
    name: picked.name,
    tfjsName: picked.tfjsName,
    runtime,
    ...(chosenDetail ? { detail: chosenDetail } : {}),
    report,
  };
}

/** The version of @tensorflow/tfjs-core in use (one engine at run time). */
export const tfjsVersion: string = tf.version_core;
