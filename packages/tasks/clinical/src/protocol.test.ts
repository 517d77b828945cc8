// The protocol's pieces: Hosmer-Lemeshow (chi-square tail against tabulated values),
// Event-1 threshold choice, stratified folds and splits, and the logistic-regression
// baseline (recovers the weights that generated its data).
import { mixSeed } from '@recurrent/data';
import { createRandom } from '@recurrent/random';
import { describe, expect, it } from 'vitest';
import { spread } from './cross-validate.js';
import { chiSquareSurvival, hosmerLemeshow } from './hosmer-lemeshow.js';
import { fitLogisticRegression } from './logistic-regression.js';
import { bestEvent1Threshold, scoreRisks } from './score-risks.js';
import { foldSplit, stratifiedFolds } from './stratified-folds.js';

describe('Hosmer-Lemeshow', () => {
  it('has the chi-square tail of the tables (8 degrees of freedom: 15.507 -> 0.05, 8 -> 0.4335)', () => {
    expect(chiSquareSurvival(15.507, 8)).toBeCloseTo(0.05, 4);
    expect(chiSquareSurvival(8, 8)).toBeCloseTo(0.43347, 4);
    expect(chiSquareSurvival(3.841, 1)).toBeCloseTo(0.05, 3);
  });

  it('is 0 when every decile predicts its observed rate, large when risks are off by 2x', () => {
    const labels: number[] = [];
    const risks: number[] = [];
    for (let g = 0; g < 10; g++) {
      for (let k = 0; k < 20; k++) {
        labels.push(k < 2 * g ? 1 : 0); // group g: 2g deaths of 20
        risks.push((2 * g) / 20 + 1e-6 * k); // tiny spread keeps the groups apart when sorted
      }
    }
    const calibrated = hosmerLemeshow(labels, risks);
    expect(calibrated.statistic).toBeLessThan(1e-3);
    expect(calibrated.table.map((r) => r.observedRate)).toEqual(
      Array.from({ length: 10 }, (_, g) => g / 10),
    );
    const off = hosmerLemeshow(
      labels,
      risks.map((r) => Math.min(0.99, 2 * r + 0.01)),
    );
    expect(off.statistic).toBeGreaterThan(30);
    expect(off.pValue).toBeLessThan(1e-4);
  });
});

describe('Event-1 threshold', () => {
  it('picks the threshold with the best min(Se, +P) and scores test data with it unchanged', () => {
    const labels = [1, 1, 0, 0, 1];
    const scores = [0.9, 0.3, 0.6, 0.1, 0.7];
    expect(bestEvent1Threshold(labels, scores)).toBe(0.3); // Se 1, +P 3/4
    const s = scoreRisks([1, 0, 0, 1, 0, 0], [0.8, 0.2, 0.35, 0.25, 0.1, 0.5], 0.3);
    expect(s.sensitivity).toBe(0.5);
    expect(s.positivePredictivity).toBeCloseTo(1 / 3, 10);
    expect(s.event1).toBeCloseTo(1 / 3, 10);
  });
});

describe('stratified folds', () => {
  it('keeps the death rate in every fold and splits each training part into train and validation', () => {
    const rng = createRandom(3);
    const labels: number[] = Array.from({ length: 1000 }, () => (rng.next() < 0.14 ? 1 : 0));
    const deaths = labels.reduce((a, b) => a + b, 0);
    const folds = stratifiedFolds(labels, 5, 42);
    expect(stratifiedFolds(labels, 5, 42)).toEqual(folds);
    for (let f = 0; f < 5; f++) {
      const inFold = labels.filter((_, i) => folds[i] === f);
      expect(Math.abs(inFold.length - 200)).toBeLessThanOrEqual(1);
      expect(Math.abs(inFold.reduce((a, b) => a + b, 0) - deaths / 5)).toBeLessThanOrEqual(1);
      const { train, validation, test } = foldSplit(folds, f, labels, 0.15, 42);
      const all = new Set([...train, ...validation, ...test]);
      expect(all.size).toBe(1000);
      expect(train.length + validation.length + test.length).toBe(1000);
      expect(validation.length).toBe(120);
    }
    expect(() => stratifiedFolds([1, 0, 0, 0], 2, 1)).toThrow(
      /expected folds to be an integer in \[2, 1\]/,
    );
  });

  it('reports mean and sample standard deviation', () => {
    const s = spread([0.8, 0.9]);
    expect(s.mean).toBeCloseTo(0.85, 12);
    expect(s.sd).toBeCloseTo(Math.sqrt(0.005), 12);
  });
});

describe('fitLogisticRegression', () => {
  it('recovers the weights that generated the labels', () => {
    const rng = createRandom(mixSeed(1, 2));
    const n = 8000;
    const truth = [1.5, -2, 0.5];
    const rows = new Float64Array(n * 3);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      let z = -1;
      for (let j = 0; j < 3; j++) {
        const x = 3 * j + rng.normal(); // offsets: the standardisation must fold back
        rows[i * 3 + j] = x;
        z += truth[j]! * (x - 3 * j);
      }
      labels[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    const lr = fitLogisticRegression(rows, labels, 3, { l2: 1e-6 });
    for (const [j, w] of truth.entries()) expect(Math.abs(lr.weights[j]! - w)).toBeLessThan(0.12);
    expect(lr.iterations).toBeLessThan(15);
    const p = lr.predict(Float64Array.of(0, 3, 6));
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(1)), 1);
  });
});
