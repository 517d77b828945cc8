/**
 * Items and tokens per second of training time (the forward, backward and update of each
 * step, not evaluation or checkpoints), and the wall-clock time since the meter started.
 */
export interface ThroughputMeter {
  /** Adds one batch: countBatch()'s items and tokens (tokens unknown: no tokens/s at all). */
  count(counts: { items: number; tokens?: number }): void;
  /** Adds the training time of one step. */
  addTrainTime(ms: number): void;
  /** Items (and tokens, when every batch reported them) per second of training time. */
  rates(): { itemsPerSecond: number; tokensPerSecond?: number };
  /** Milliseconds since the meter was created. */
  elapsedMs(): number;
}

export function throughputMeter(): ThroughputMeter {
  const started = performance.now();
  let trainMs = 0;
  let items = 0;
  let tokens = 0;
  let tokensKnown = true;
  return {
    count(counts) {
      items += counts.items;
      if (counts.tokens === undefined) tokensKnown = false;
      else tokens += counts.tokens;
    },
    addTrainTime(ms) {
      trainMs += ms;
    },
    rates() {
      const perSecond = 1000 / Math.max(trainMs, 1e-9);
      return {
        itemsPerSecond: items * perSecond,
        ...(tokensKnown ? { tokensPerSecond: tokens * perSecond } : {}),
      };
    },
    elapsedMs: () => performance.now() - started,
  };
}
