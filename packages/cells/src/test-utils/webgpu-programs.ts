/**
 * Test helper: which WGSL programs ran. `countPrograms(f)` wraps the active webgpu backend's
 * `runWebGPUProgram` while `f` runs and counts every dispatch by its program's key (our step
 * programs' keys start with `recurrent`, tfjs' own are its kernels' keys), so a test can show
 * that the fused paths took our kernels and how many dispatches a call made.
 * `expectPrograms(case, prefixes)` makes a conformance case fail on webgpu when one of our
 * programs did not run (on other backends it runs the case unchanged).
 */
import type { ConformanceCase } from '@recurrent/backends/conformance';
import * as tf from '@tensorflow/tfjs-core';

interface Dispatching {
  runWebGPUProgram(program: { shaderKey: string }, ...rest: unknown[]): unknown;
}

export interface ProgramCounts {
  readonly total: number; // every dispatch, ours and tfjs'
  readonly byKey: ReadonlyMap<string, number>; // by the key's part before the first '_'
}

/** Runs `f` and counts the webgpu dispatches it made (`f` must not be async). */
export function countPrograms<T>(f: () => T): { result: T; counts: ProgramCounts } {
  const backend = tf.backend() as unknown as Partial<Dispatching>;
  const original = backend.runWebGPUProgram;
  if (tf.getBackend() !== 'webgpu' || typeof original !== 'function') {
    throw new Error(
      `countPrograms: expected the webgpu backend to be active, got "${tf.getBackend()}". Call selectBackend('node-webgpu') (or 'webgpu' in a browser) first.`,
    );
  }
  const own = Object.hasOwn(backend, 'runWebGPUProgram');
  const byKey = new Map<string, number>();
  let total = 0;
  backend.runWebGPUProgram = function (program, ...rest) {
    const key = program.shaderKey.split('_')[0]!; // read before the backend appends to it
    byKey.set(key, (byKey.get(key) ?? 0) + 1);
    total += 1;
    return original.call(this, program, ...rest);
  };
  try {
    const result = f();
    return { result, counts: { total, byKey } };
  } finally {
    if (own) backend.runWebGPUProgram = original;
    else delete backend.runWebGPUProgram; // the prototype's again
  }
}

/** `c`, failing on webgpu unless each program key in `prefixes` was dispatched. */
export function expectPrograms(c: ConformanceCase, prefixes: readonly string[]): ConformanceCase {
  return {
    ...c,
    run(t) {
      if (t.getBackend() !== 'webgpu') return c.run(t);
      const { result, counts } = countPrograms(() => c.run(t));
      const missing = prefixes.filter((p) => !counts.byKey.has(p));
      if (missing.length > 0) {
        tf.dispose(result);
        throw new Error(
          `${c.name}: expected our WGSL programs ${missing.join(', ')} to run on webgpu, got ${[...counts.byKey.keys()].filter((k) => k.startsWith('recurrent')).join(', ') || 'none of ours'}. Check the webgpuKernels selection in the fused path.`,
        );
      }
      return result;
    },
  };
}
