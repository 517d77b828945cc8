/**
 * The `n` most likely tokens of one row of logits with their log-probabilities (internal,
 * for beam search). Log-softmax in float64; -Infinity logits are never returned; ties go
 * to the lower token id. O(vocab x n), no sort of the whole vocabulary.
 */
import { DataFormatError } from '@recurrent/errors';

export interface TokenLogProb {
  readonly token: number;
  readonly logProb: number;
}

export function topLogProbs(fn: string, logits: ArrayLike<number>, n: number): TokenLogProb[] {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < logits.length; i++) {
    const v = logits[i] as number;
    if (Number.isNaN(v) || v === Number.POSITIVE_INFINITY) {
      throw new DataFormatError(
        `${fn}: expected finite logits (or -Infinity for forbidden tokens), got ${v} at token ${i}. ` +
          'The model produced NaN: check its weights and inputs.',
      );
    }
    if (v > max) max = v;
  }
  if (max === Number.NEGATIVE_INFINITY) {
    throw new DataFormatError(`${fn}: every logit of a row is -Infinity: no token can be chosen.`);
  }
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp((logits[i] as number) - max);
  const logZ = max + Math.log(sum);
  // Keep the best n in `best`, sorted by logit descending (insertion into a short list).
  const best: number[] = [];
  for (let i = 0; i < logits.length; i++) {
    const v = logits[i] as number;
    if (v === Number.NEGATIVE_INFINITY) continue;
    if (best.length === n && v <= (logits[best[n - 1] as number] as number)) continue;
    let at = best.length;
    while (at > 0 && v > (logits[best[at - 1] as number] as number)) at--;
    best.splice(at, 0, i);
    if (best.length > n) best.pop();
  }
  return best.map((token) => ({ token, logProb: (logits[token] as number) - logZ }));
}
