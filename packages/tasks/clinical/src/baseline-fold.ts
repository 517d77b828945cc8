/**
 * The baseline on one fold: logistic regression on per-variable aggregates (first, last,
 * min, max, mean, count) and the static descriptors, fitted on the same training part the
 * RNN trains on (normalised with that part's normaliser), its Event-1 threshold chosen on
 * the same validation slice, scored on the same test part.
 *
 * @example
 * const b = baselineFold(data, 0); // { validation, test, testRisks }
 */
import { AGGREGATE_SIZE, aggregateFeatures } from './aggregate-features.js';
import { fitLogisticRegression } from './logistic-regression.js';
import { fitNormalizer } from './normalizer.js';
import type { ClinicalData } from './prepare-clinical-data.js';
import { bestEvent1Threshold, type RiskScores, scoreRisks } from './score-risks.js';

export interface BaselineOutcome {
  readonly validation: RiskScores;
  readonly test: RiskScores;
  readonly testRisks: Float64Array;
}

export function baselineFold(data: ClinicalData, f: number): BaselineOutcome {
  const { train, validation, test } = data.split(f);
  const { stays, labels } = data.set;
  const normalizer = fitNormalizer(data.grids, stays, train);
  const labelsOf = (ids: Int32Array) => Uint8Array.from(ids, (i) => labels[i]!);
  const lr = fitLogisticRegression(
    aggregateFeatures(stays, train, normalizer),
    labelsOf(train),
    AGGREGATE_SIZE,
  );
  const valRisks = lr.predict(aggregateFeatures(stays, validation, normalizer));
  const threshold = bestEvent1Threshold(labelsOf(validation), valRisks);
  const testRisks = lr.predict(aggregateFeatures(stays, test, normalizer));
  return {
    validation: scoreRisks(labelsOf(validation), valRisks, threshold),
    test: scoreRisks(labelsOf(test), testRisks, threshold),
    testRisks,
  };
}
