/**
 * Wall-clock timing with warm-up: run `step` `warmup` times untimed (kernel compilation,
 * allocator growth, first-call tracing), then `steps` times timed; report every time and
 * the median. `step` must finish its work before it returns (read a value back).
 */

export interface Timing {
  readonly medianMs: number;
  readonly timesMs: readonly number[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function timeSteps(
  step: () => Promise<void> | void,
  warmup: number,
  steps: number,
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await step();
  const timesMs: number[] = [];
  for (let i = 0; i < steps; i++) {
    const start = performance.now();
    await step();
    timesMs.push(performance.now() - start);
  }
  return { medianMs: median(timesMs), timesMs };
}
