/**
 * Picks the next token from one row of logits with temperature and top-k, using a seeded
 * `@recurrent/random` generator (the same seed gives the same text).
 */
import type { Random } from '@recurrent/random';

/**
 * @param logits next-token logits `[vocab]`
 * @param temperature > 0; below 1 sharpens, above 1 flattens. 0 means greedy (argmax).
 * @param topK keep only the k most likely tokens; 0 keeps all.
 */
export function sampleLogits(
  logits: ArrayLike<number>,
  temperature: number,
  topK: number,
  rng: Random,
): number {
  const n = logits.length;
  let order = Array.from({ length: n }, (_, i) => i).sort((a, b) => logits[b]! - logits[a]!);
  if (temperature <= 0) return order[0]!;
  if (topK > 0 && topK < n) order = order.slice(0, topK);
  const top = logits[order[0]!]!;
  const weights = order.map((i) => Math.exp((logits[i]! - top) / temperature));
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rng.next() * total;
  for (let k = 0; k < order.length; k++) {
    r -= weights[k]!;
    if (r <= 0) return order[k]!;
  }
  return order[order.length - 1]!;
}
