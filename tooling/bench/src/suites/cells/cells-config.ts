/**
 * The `cells` suite's two workloads (from the issue) and the step counts each measurement
 * runs. Config A: a character LM (vocabulary 65 as one-hot, 256 units, 64 steps, batch 32,
 * dense softmax head, Adam). Config B: sentiment-like classification (embedding 10,000 x 64,
 * padding masks with lengths 50..200, 128 units, 200 steps, batch 64, sigmoid head, Adam).
 */

import type { MatmulRate, StepProfile } from '../../kernel-profile.js';

export type ConfigName = 'A' | 'B';
export type ModelKind = 'lstm' | 'gru' | 'rnn';
export type Impl = 'ours' | 'layers';
/** `node-webgpu`: tfjs' WebGPU in Node over Dawn (llvmpipe here: a check, not a speed). */
export type BackendChoice = 'wasm' | 'cpu' | 'node-webgpu';

export interface Workload {
  readonly name: ConfigName;
  readonly vocab: number;
  /** Input width of the recurrent layer: one-hot vocabulary (A) or embedding size (B). */
  readonly inputSize: number;
  readonly units: number;
  readonly time: number;
  readonly batch: number;
  /** B: real lengths drawn uniformly from [minLength, time]; A: every step is real. */
  readonly minLength?: number;
}

export const workloads: Readonly<Record<ConfigName, Workload>> = Object.freeze({
  A: { name: 'A', vocab: 65, inputSize: 65, units: 256, time: 64, batch: 32 },
  B: { name: 'B', vocab: 10_000, inputSize: 64, units: 128, time: 200, batch: 64, minLength: 50 },
});

/** One measurement, run in a child process. */
export interface CaseSpec {
  readonly backend: BackendChoice;
  readonly config: ConfigName;
  readonly model: ModelKind;
  readonly impl: Impl;
  readonly warmup: number;
  readonly steps: number;
  /** ours only: train on this many worker threads (`--workers`); absent: on this thread. */
  readonly workers?: number;
}

export interface CaseResult {
  readonly trainMs: number; // median per training step
  readonly inferMs: number; // median per forward pass
  readonly trainTimesMs: readonly number[];
  readonly tokensPerStep: number; // batch * time
  readonly peakRssBytes: number; // the child process's peak resident memory
  readonly tfPeakBytes: number; // tf.profile's peak bytes over one training step
  readonly tfBytes: number; // tf.memory().numBytes after training (weights + optimizer state)
  readonly tensorDrift: number; // numTensors after the timed steps minus before (0 = no leak)
  readonly detail: string; // e.g. the backend's own description
  /** The last warm-up step's kernels (this thread's; absent with workers). */
  readonly profile?: StepProfile;
  /** ours on this thread: the backend's matmul rate on the step's shapes, this process. */
  readonly matmulRates?: readonly MatmulRate[];
}

/** Warm-up and timed steps per measurement when the flags do not say. */
export const stepDefaults = Object.freeze({
  wasm: {
    ours: { warmup: 2, steps: 8 }, // ~0.2-0.5 s a step: 8 give a stable median
    layers: { warmup: 1, steps: 3 }, // tfjs-layers: ~1-3 s a step (A), ~15 s (B)
  },
  cpu: {
    ours: { warmup: 1, steps: 2 }, // cpu is ~100x slower at matmuls: fewer steps
    layers: { warmup: 1, steps: 1 },
  },
  'node-webgpu': {
    ours: { warmup: 1, steps: 3 }, // llvmpipe (no GPU here): seconds a step
    layers: { warmup: 1, steps: 1 },
  },
  layersB: { warmup: 1, steps: 2 }, // config B on tfjs-layers: 3-5 s a step on wasm here
});

/** Deterministic lengths and token ids for the workloads (mulberry32; no Math.random). */
export function seededInts(count: number, low: number, high: number, seed: number): Int32Array {
  let a = seed >>> 0;
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    out[i] = low + Math.floor(u * (high - low + 1));
  }
  return out;
}
