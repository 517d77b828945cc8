/**
 * The counts BLEU is built from (internal), as NLTK 3.8's `modified_precision`,
 * `closest_ref_length` and `brevity_penalty`:
 * - clipped n-gram matches: each hypothesis n-gram counts at most as often as it occurs in
 *   the single reference where it occurs most; the denominator is the number of hypothesis
 *   n-grams, at least 1;
 * - the reference length is the one closest to the hypothesis length, ties to the shorter;
 * - brevity penalty BP = 1 if c > r, 0 if c = 0, else exp(1 - r / c), over corpus totals.
 * Tokens are compared as strings.
 */
import { DataFormatError, ShapeError } from '@recurrent/errors';

/** A token: a word or an id (compared by `String(token)`). */
export type BleuToken = string | number;

export interface BleuStatistics {
  /** Clipped n-gram matches for n = 1..maxOrder (index n-1). */
  readonly matches: number[];
  /** Hypothesis n-gram counts for n = 1..maxOrder, each at least 1 per sentence. */
  readonly totals: number[];
  readonly hypothesisLength: number;
  /** Sum over sentences of the closest reference length. */
  readonly referenceLength: number;
}

function ngramCounts(tokens: readonly BleuToken[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens
      .slice(i, i + n)
      .map(String)
      .join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** NLTK's closest_ref_length: the reference length nearest `length`, ties to the shorter. */
export function closestReferenceLength(
  references: readonly (readonly BleuToken[])[],
  length: number,
): number {
  let best = Number.POSITIVE_INFINITY;
  for (const ref of references) {
    const d = Math.abs(ref.length - length);
    const bestD = Math.abs(best - length);
    if (d < bestD || (d === bestD && ref.length < best)) best = ref.length;
  }
  return best;
}

export function brevityPenalty(referenceLength: number, hypothesisLength: number): number {
  if (hypothesisLength > referenceLength) return 1;
  if (hypothesisLength === 0) return 0;
  return Math.exp(1 - referenceLength / hypothesisLength);
}

/** Pooled BLEU counts of a corpus: `references[i]` are the references of `hypotheses[i]`. */
export function bleuStatistics(
  fn: string,
  references: readonly (readonly (readonly BleuToken[])[])[],
  hypotheses: readonly (readonly BleuToken[])[],
  maxOrder: number,
): BleuStatistics {
  if (!Array.isArray(references) || !Array.isArray(hypotheses)) {
    throw new DataFormatError(
      `${fn}: expected arrays of token arrays, got ${typeof references} and ${typeof hypotheses}. ` +
        "Split sentences into tokens first, e.g. 'a red circle'.split(' ').",
    );
  }
  if (references.length !== hypotheses.length) {
    throw new ShapeError(
      `${fn}: expected one list of references per hypothesis, got ${references.length} reference lists ` +
        `for ${hypotheses.length} hypotheses. Pass references[i] = the reference captions of hypotheses[i].`,
    );
  }
  if (hypotheses.length === 0) {
    throw new DataFormatError(
      `${fn}: expected at least one hypothesis, got none. BLEU of nothing is undefined.`,
    );
  }
  const matches = new Array<number>(maxOrder).fill(0);
  const totals = new Array<number>(maxOrder).fill(0);
  let hypothesisLength = 0;
  let referenceLength = 0;
  hypotheses.forEach((hypothesis, s) => {
    const refs = references[s] as readonly (readonly BleuToken[])[];
    if (!Array.isArray(hypothesis) || typeof hypothesis[0] === 'object') {
      throw new DataFormatError(
        `${fn}: expected hypothesis ${s} to be an array of tokens, got ${JSON.stringify(hypothesis).slice(0, 60)}.`,
      );
    }
    if (!Array.isArray(refs) || refs.length === 0 || !refs.every((r) => Array.isArray(r))) {
      throw new DataFormatError(
        `${fn}: expected at least one reference (an array of tokens) for hypothesis ${s}, got ` +
          `${JSON.stringify(refs).slice(0, 60)}. Wrap a single reference: [[...tokens]].`,
      );
    }
    for (let n = 1; n <= maxOrder; n++) {
      const hyp = ngramCounts(hypothesis, n);
      const maxRef = new Map<string, number>();
      for (const ref of refs) {
        for (const [key, count] of ngramCounts(ref, n)) {
          if (hyp.has(key)) maxRef.set(key, Math.max(maxRef.get(key) ?? 0, count));
        }
      }
      let clipped = 0;
      let total = 0;
      for (const [key, count] of hyp) {
        clipped += Math.min(count, maxRef.get(key) ?? 0);
        total += count;
      }
      matches[n - 1] = (matches[n - 1] as number) + clipped;
      totals[n - 1] = (totals[n - 1] as number) + Math.max(1, total);
    }
    hypothesisLength += hypothesis.length;
    referenceLength += closestReferenceLength(refs, hypothesis.length);
  });
  return { matches, totals, hypothesisLength, referenceLength };
}

/** Python's sys.float_info.min: what NLTK uses for a zero precision without smoothing. */
export const SMALLEST_NORMAL = 2.2250738585072014e-308;

/**
 * BLEU from pooled counts with uniform weights 1/order over n = 1..order, as NLTK: 0 when
 * no unigram matches; otherwise BP * exp(sum w_n log p_n), where a zero p_n becomes
 * (0 + epsilon) / total with smoothing 'method1', else the smallest normal double.
 */
export function bleuFromStatistics(
  stats: BleuStatistics,
  order: number,
  smoothing: { readonly method: 'none' | 'method1'; readonly epsilon: number },
): number {
  if (stats.matches[0] === 0) return 0;
  let logSum = 0;
  for (let n = 1; n <= order; n++) {
    const m = stats.matches[n - 1] as number;
    const t = stats.totals[n - 1] as number;
    let p: number;
    if (m > 0) p = m / t;
    else if (smoothing.method === 'method1') p = smoothing.epsilon / t;
    else p = SMALLEST_NORMAL;
    logSum += Math.log(p) / order;
  }
  return brevityPenalty(stats.referenceLength, stats.hypothesisLength) * Math.exp(logSum);
}
