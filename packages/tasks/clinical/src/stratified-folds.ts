/**
 * Stratified k-fold assignment and a stratified hold-out slice: deaths and survivors are
 * shuffled apart (seeded) and dealt round-robin, so every fold keeps the ~14% death rate.
 *
 * @example
 * const folds = stratifiedFolds(labels, 5, 42); // fold id 0..4 per stay
 * const { train, validation, test } = foldSplit(folds, 0, labels, 0.15, 42);
 */
import { mixSeed } from '@recurrent/data';
import { ConfigError } from '@recurrent/errors';
import { createRandom } from '@recurrent/random';

export function stratifiedFolds(labels: ArrayLike<number>, k: number, seed: number): Int32Array {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i]! ? 1 : 0;
  const smaller = Math.min(positives, labels.length - positives);
  if (!(Number.isInteger(k) && k >= 2 && k <= smaller)) {
    throw new ConfigError(
      `stratifiedFolds: expected folds to be an integer in [2, ${smaller}] (each fold needs deaths and survivors), got ${k} for ${labels.length} stays with ${positives} deaths. Pass --folds 5, or more data.`,
    );
  }
  const rng = createRandom(mixSeed(seed, 1));
  const fold = new Int32Array(labels.length);
  let dealt = 0;
  for (const cls of [1, 0]) {
    const members = Array.from({ length: labels.length }, (_, i) => i).filter(
      (i) => (labels[i] ? 1 : 0) === cls,
    );
    for (const i of rng.shuffle(members)) fold[i] = dealt++ % k;
  }
  return fold;
}

export interface FoldSplit {
  readonly train: Int32Array;
  readonly validation: Int32Array;
  readonly test: Int32Array;
}

/** Fold `f` is the test part; a stratified `validationFraction` of the rest is the validation slice. */
export function foldSplit(
  folds: Int32Array,
  f: number,
  labels: ArrayLike<number>,
  validationFraction: number,
  seed: number,
): FoldSplit {
  const test: number[] = [];
  const byClass: [number[], number[]] = [[], []];
  for (let i = 0; i < folds.length; i++) {
    if (folds[i] === f) test.push(i);
    else byClass[labels[i] ? 1 : 0].push(i);
  }
  const rng = createRandom(mixSeed(seed, 2, f));
  const train: number[] = [];
  const validation: number[] = [];
  for (const members of byClass) {
    rng.shuffle(members);
    const held = Math.max(1, Math.round(validationFraction * members.length));
    validation.push(...members.slice(0, held));
    train.push(...members.slice(held));
  }
  const sorted = (a: number[]) => Int32Array.from(a.sort((x, y) => x - y));
  return { train: sorted(train), validation: sorted(validation), test: sorted(test) };
}
