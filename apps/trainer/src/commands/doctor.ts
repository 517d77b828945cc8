/**
 * `recurrent doctor`: which tensor backends this machine offers, which one `auto` picks, and
 * why the others cannot run; plus tfjs, wasm SIMD/threads, Node and CPU facts.
 */
import { availableParallelism } from 'node:os';
import { type BackendName, selectBackend, tfjsVersion } from '@recurrent/backends';
import * as tf from '@tensorflow/tfjs-core';
import { formatTable } from '../format-table.js';
import type { Io } from '../io.js';

export interface DoctorOptions {
  readonly backend: BackendName | 'auto';
  readonly json: boolean;
}

export async function doctor(options: DoctorOptions, io: Io): Promise<number> {
  const selection = await selectBackend(options.backend, { allowFallback: true });
  const facts = {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: availableParallelism(),
    tfjsCore: tfjsVersion,
    backend: selection.name,
    requested: options.backend,
    wasmSimd: tf.getBackend() === 'wasm' ? tf.env().getBool('WASM_HAS_SIMD_SUPPORT') : null,
    wasmThreads:
      tf.getBackend() === 'wasm' ? tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') : null,
  };
  if (options.json) {
    io.out(JSON.stringify({ ...facts, report: selection.report }, null, 2));
    return 0;
  }
  io.out('recurrent doctor');
  io.out(`  node        ${facts.node} (${facts.platform}), ${facts.cpus} CPUs`);
  io.out(`  tfjs-core   ${facts.tfjsCore}`);
  io.out(
    `  backend     ${selection.name} (${options.backend === 'auto' ? 'chosen by auto' : `requested ${options.backend}`}${selection.detail ? `: ${selection.detail}` : ''})`,
  );
  if (facts.wasmSimd !== null)
    io.out(
      `  wasm        SIMD ${facts.wasmSimd ? 'on' : 'off'}, threads ${facts.wasmThreads ? 'on' : 'off (Node runs wasm on 1 thread)'}`,
    );
  io.out('');
  const rows = selection.report.map((r) => [
    r.name,
    r.available ? 'yes' : 'no',
    r.chosen ? '*' : '',
    r.available
      ? // An available backend auto passed by (a software GPU adapter) carries the reason.
        (r.reason ?? r.detail ?? (r.tried ? '' : 'not tried: a higher-priority backend was chosen'))
      : (r.reason ?? ''),
  ]);
  for (const line of formatTable(['backend', 'available', 'chosen', 'notes'], rows))
    io.out(`  ${line}`);
  return 0;
}
