/**
 * Beam search: keeps the `beamWidth` most likely partial sequences per input row and
 * returns the `beamWidth` best finished ones, best first. All beams of all rows run as one
 * batch through the stepper; after each step the state's rows are reordered with
 * `stepper.selectRows` to follow the surviving beams.
 *
 * Per step and row, as Hugging Face's `BeamSearchScorer`: the 2k best continuations of
 * all live beams are ranked by total log-probability; an end token among the first k
 * finishes a hypothesis; the first k others stay live. A hypothesis scores
 * `logProb / length ** lengthPenalty` (length counts the generated tokens, end token
 * included; alpha 0 ranks by probability, 1 by mean log-probability per token, which
 * favours longer outputs). A row stops once it has k finished hypotheses and no live beam
 * can still beat the worst of them; beams still live at `maxLength` are returned with
 * `finished: false`. With beamWidth 1 and lengthPenalty 0 this is greedy decoding.
 *
 * @example
 * const [beams] = await beamSearch(stepper, { start: bos, initialState, endToken: eos, beamWidth: 3 });
 * beams[0]; // { tokens: [4, 9, 2, eos], logProb: -3.1, score: -3.1, finished: true }
 */
import { ConfigError } from '@recurrent/errors';
import { type CommonDecodeOptions, checkLogits, resolveCommon } from './decode-options.js';
import { releaseState } from './release-state.js';
import type { BeamStepper } from './stepper.js';
import { topLogProbs } from './top-log-probs.js';

export interface BeamSearchOptions<S> extends CommonDecodeOptions<S> {
  /** Beams kept per row, and results returned per row (k). */
  readonly beamWidth?: number;
  /** Length normalisation alpha >= 0: score = logProb / length ** alpha. */
  readonly lengthPenalty?: number;
}

export const beamSearchDefaults = Object.freeze({
  beamWidth: 3, // a few beams give most of the gain over greedy at a few times its cost
  lengthPenalty: 0, // rank by probability (textbook beam search); ~0.6-1 favours longer outputs
});

export interface Beam {
  /** Generated tokens (start token excluded, end token included when finished). */
  readonly tokens: number[];
  /** Natural-log probability of `tokens` under the model. */
  readonly logProb: number;
  /** `logProb / tokens.length ** lengthPenalty`: what the beams are ranked by. */
  readonly score: number;
  /** True when the beam ended with `endToken`; false when it hit `maxLength`. */
  readonly finished: boolean;
}

interface Live {
  readonly tokens: number[];
  readonly logProb: number;
}

export async function beamSearch<S>(
  stepper: BeamStepper<S>,
  options: BeamSearchOptions<S>,
): Promise<Beam[][]> {
  const fn = 'beamSearch';
  const { start, maxLength, endToken } = resolveCommon(fn, options);
  const k = options.beamWidth ?? beamSearchDefaults.beamWidth;
  const alpha = options.lengthPenalty ?? beamSearchDefaults.lengthPenalty;
  if (!Number.isInteger(k) || k < 1) {
    throw new ConfigError(`${fn}: expected beamWidth to be an integer >= 1, got ${k}.`);
  }
  if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha < 0) {
    throw new ConfigError(
      `${fn}: expected lengthPenalty (alpha) to be a finite number >= 0, got ${alpha}. Try 0 or 0.7.`,
    );
  }
  if (!stepper || typeof stepper.step !== 'function' || typeof stepper.selectRows !== 'function') {
    throw new ConfigError(
      `${fn}: expected a stepper with step(tokens, state) and selectRows(state, rows) methods. ` +
        'Beam search reorders the state to follow the beams; use selectRows: gatherStateRows for tensor states.',
    );
  }
  const score = (logProb: number, length: number): number => logProb / length ** alpha;
  // The best score a live beam could still reach: its log-prob only falls, its length only grows.
  const bestReachable = (logProb: number, length: number): number =>
    alpha > 0 ? logProb / maxLength ** alpha : score(logProb, length);

  const rows = start.length;
  const live: Live[][] = Array.from({ length: rows }, () => [{ tokens: [], logProb: 0 }]);
  const done: Beam[][] = Array.from({ length: rows }, () => []);
  let tokens = Int32Array.from(start); // [current batch]: last token of every live beam, row-major
  const initialState = options.initialState;
  let state = initialState;
  try {
    for (let step = 0; step < maxLength && tokens.length > 0; step++) {
      options.signal?.throwIfAborted();
      const result = stepper.step(tokens, state);
      releaseState(stepper, state, initialState, [result.state]);
      state = result.state;
      let values: Float32Array;
      let vocab: number;
      try {
        vocab = checkLogits(fn, result.logits, tokens.length);
        values = (await result.logits.data()) as Float32Array; // [batch * vocab]
      } finally {
        result.logits?.dispose?.();
      }
      const parents: number[] = [];
      const nextTokens: number[] = [];
      let flat = 0; // index of the current row's first beam in the batch
      for (let row = 0; row < rows; row++) {
        const beams = live[row] as Live[];
        const finished = done[row] as Beam[];
        const candidates: { parent: number; token: number; logProb: number }[] = [];
        beams.forEach((beam, b) => {
          const rowLogits = values.subarray((flat + b) * vocab, (flat + b + 1) * vocab);
          for (const c of topLogProbs(fn, rowLogits, 2 * k)) {
            candidates.push({ parent: b, token: c.token, logProb: beam.logProb + c.logProb });
          }
        });
        // Best first; ties to the earlier beam, then the lower token: deterministic.
        candidates.sort(
          (a, b) => b.logProb - a.logProb || a.parent - b.parent || a.token - b.token,
        );
        const survivors: Live[] = [];
        const survivorParents: number[] = [];
        for (const [rank, c] of candidates.slice(0, 2 * k).entries()) {
          const seq = [...(beams[c.parent] as Live).tokens, c.token];
          if (c.token === endToken) {
            if (rank < k)
              finished.push({
                tokens: seq,
                logProb: c.logProb,
                score: score(c.logProb, seq.length),
                finished: true,
              });
          } else if (survivors.length < k) {
            survivors.push({ tokens: seq, logProb: c.logProb });
            survivorParents.push(flat + c.parent);
          }
        }
        flat += beams.length;
        finished.sort((a, b) => b.score - a.score);
        const worstKept =
          finished.length >= k ? (finished[k - 1] as Beam).score : Number.NEGATIVE_INFINITY;
        const canImprove = survivors.some(
          (s) => bestReachable(s.logProb, s.tokens.length) > worstKept,
        );
        if (step === maxLength - 1) {
          for (const s of survivors) {
            finished.push({ ...s, score: score(s.logProb, s.tokens.length), finished: false });
          }
          live[row] = [];
        } else if (!canImprove) {
          live[row] = [];
        } else {
          live[row] = survivors;
          parents.push(...survivorParents);
          nextTokens.push(...survivors.map((s) => s.tokens[s.tokens.length - 1] as number));
        }
      }
      tokens = Int32Array.from(nextTokens);
      if (tokens.length === 0) break;
      const reordered = stepper.selectRows(state, Int32Array.from(parents));
      releaseState(stepper, state, initialState, [reordered]);
      state = reordered;
    }
  } finally {
    releaseState(stepper, state, initialState, []);
  }
  return done.map((finished) => finished.sort((a, b) => b.score - a.score).slice(0, k));
}
