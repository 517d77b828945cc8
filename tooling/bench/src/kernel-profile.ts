/**
 * Where a training step's time goes, from `tf.profile`'s kernel list: kernels grouped by
 * name (matmuls also by shape and transpose flags, with their FLOPs and GFLOP/s), the time
 * inside kernels against the step's wall time (the rest is tfjs' engine, the gradient tape,
 * and our JavaScript), and the reference matmul rate of the backend measured in the same
 * process, so a machine change is explained in one run.
 */
import * as tf from '@tensorflow/tfjs-core';

/** The part of one `tf.profile` kernel record this module reads. */
export interface KernelRecord {
  readonly name: string;
  readonly inputShapes: readonly (readonly number[] | null)[];
  readonly outputShapes: readonly (readonly number[])[];
  // tf.profile has awaited the promise by the time it returns.
  readonly kernelTimeMs: number | { error: string } | Promise<unknown>;
}

/** One group of kernels of a profiled step. */
export interface KernelGroup {
  /** `Tanh -> [32x256]` (name and output shape), or for a matmul `BatchMatMul [32x1024] @ [1024x256]^T`. */
  readonly label: string;
  readonly calls: number;
  readonly ms: number;
  /** Floating-point operations of the group (matmuls: 2 m k n per call; others 0). */
  readonly flops: number;
}

export interface StepProfile {
  /** Wall time of the profiled step (profiler overhead included). */
  readonly stepMs: number;
  /** Sum of the kernels' own times. */
  readonly kernelMs: number;
  readonly kernelCalls: number;
  /** Matmul FLOPs of one step. */
  readonly matmulFlops: number;
  /** Time in matmul kernels. */
  readonly matmulMs: number;
  /** The groups, slowest first. */
  readonly groups: readonly KernelGroup[];
}

const MATMULS = new Set(['BatchMatMul', '_FusedMatMul', 'MatMul']);

/**
 * A matmul's shape and transpose flags from its input and output shapes (tf.profile keeps
 * no attributes): `a` is `[.., m, k]` or, transposed, `[.., k, m]`; likewise `b`. Where a
 * square operand makes both readings fit, the untransposed one is taken.
 */
export function describeMatmul(
  a: readonly number[],
  b: readonly number[],
  out: readonly number[],
): { label: string; flops: number } {
  const m = out[out.length - 2]!;
  const n = out[out.length - 1]!;
  const batch = out.slice(0, -2).reduce((p, d) => p * d, 1);
  const [a0, a1] = [a[a.length - 2]!, a[a.length - 1]!];
  const [b0, b1] = [b[b.length - 2]!, b[b.length - 1]!];
  const transposeA = a0 !== m && a1 === m;
  const k = transposeA ? a0 : a1;
  const transposeB = !(b0 === k && b1 === n) && b0 === n && b1 === k;
  const dims = (x: number, y: number) => `[${x}x${y}]`;
  const lead = batch > 1 ? `${batch} x ` : '';
  const label = `${lead}${dims(a0, a1)}${transposeA ? '^T' : ''} @ ${dims(b0, b1)}${transposeB ? '^T' : ''}`;
  return { label, flops: 2 * batch * m * k * n };
}

/** A kernel registered on the active backend (not a custom-gradient scope around kernels). */
const registeredKernel = (name: string) => tf.getKernel(name, tf.getBackend()) !== undefined;

/**
 * Groups a profiled step's kernels; `stepMs` is its wall time. tf.profile also lists each
 * custom-gradient call (`unnamed scope`, or its name) with the time of the kernels inside
 * it: `isKernel` tells the two apart, and the scopes are left out so that no time counts twice.
 */
export function summarizeKernels(
  kernels: readonly KernelRecord[],
  stepMs: number,
  isKernel: (name: string) => boolean = registeredKernel,
): StepProfile {
  const groups = new Map<string, { calls: number; ms: number; flops: number }>();
  let kernelMs = 0;
  let matmulFlops = 0;
  let matmulMs = 0;
  let calls = 0;
  for (const k of kernels) {
    if (!isKernel(k.name)) continue;
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    const [a, b] = k.inputShapes;
    const out = k.outputShapes[0];
    let label = out ? `${k.name} -> [${out.join('x')}]` : k.name;
    let flops = 0;
    if (MATMULS.has(k.name) && a && b && out && a.length >= 2 && b.length >= 2) {
      const mm = describeMatmul(a, b, out);
      label = `${k.name} ${mm.label}`;
      flops = mm.flops;
      matmulFlops += flops;
      matmulMs += ms;
    }
    const g = groups.get(label) ?? { calls: 0, ms: 0, flops: 0 };
    g.calls++;
    g.ms += ms;
    g.flops += flops;
    groups.set(label, g);
    kernelMs += ms;
    calls++;
  }
  return {
    stepMs,
    kernelMs,
    kernelCalls: calls,
    matmulFlops,
    matmulMs,
    groups: [...groups]
      .map(([label, g]) => ({ label, ...g }))
      .sort((x, y) => y.ms - x.ms || x.label.localeCompare(y.label)),
  };
}

/** A reference matmul rate: `[m, k] @ [k, n]`, the best of `reps` timed runs. */
export interface MatmulRate {
  readonly shape: string;
  readonly gflops: number;
}

/** Times `[m, k] @ [k, n]` on the active backend (after one warm-up) and returns its rate. */
export async function measureMatmulRate(
  m: number,
  k: number,
  n: number,
  reps = 5,
): Promise<MatmulRate> {
  const a = tf.randomUniform([m, k], -1, 1, 'float32', 1); // [m, k]
  const b = tf.randomUniform([k, n], -1, 1, 'float32', 2); // [k, n]
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i <= reps; i++) {
    const start = performance.now();
    const c = tf.matMul(a, b); // [m, n]
    await c.data();
    const ms = performance.now() - start;
    c.dispose();
    if (i > 0) best = Math.min(best, ms);
  }
  a.dispose();
  b.dispose();
  return { shape: `[${m}x${k}] @ [${k}x${n}]`, gflops: (2 * m * k * n) / (best * 1e6) };
}
