/**
 * Scores a classifier on the validation and test parts of prepared data and on the order
 * probe's held-out compositions (per construction): the numbers `train` reports at every
 * evaluation, the README's table and the baseline's line.
 */
import { type ClassificationMetrics, classificationMetrics } from './classification-metrics.js';
import type { EncodedSentences } from './encode-sentences.js';
import type { ProbeSubset } from './order-probe.js';
import type { SentimentData } from './prepare-sentiment-data.js';
import { type Classifier, scoreSentences } from './score-sentences.js';

export interface ProbeMetrics {
  readonly accuracy: number;
  readonly count: number;
  readonly subsets: Readonly<Partial<Record<ProbeSubset, { accuracy: number; count: number }>>>;
}

export interface SentimentEvaluation {
  readonly validation: ClassificationMetrics;
  readonly test: ClassificationMetrics;
  readonly probe?: ProbeMetrics;
}

/** Metrics of one encoded set. */
export async function evaluateSet(
  model: Classifier,
  set: EncodedSentences,
  maxLength: number,
): Promise<ClassificationMetrics> {
  return classificationMetrics(set.labels, await scoreSentences(model, set.sequences, maxLength));
}

/** Accuracy on the probe's held-out compositions, overall and per construction. */
export async function evaluateProbe(
  model: Classifier,
  probe: EncodedSentences & { readonly subsets: readonly ProbeSubset[] },
  maxLength: number,
): Promise<ProbeMetrics> {
  const scores = await scoreSentences(model, probe.sequences, maxLength);
  const subsets: Partial<Record<ProbeSubset, { accuracy: number; count: number }>> = {};
  let correct = 0;
  probe.subsets.forEach((subset, i) => {
    const hit = +(scores.predictions[i] === probe.labels[i]);
    correct += hit;
    const s = subsets[subset] ?? { accuracy: 0, count: 0 };
    subsets[subset] = s;
    s.accuracy += hit; // a sum until divided below
    s.count++;
  });
  for (const s of Object.values(subsets)) s.accuracy /= s.count;
  return {
    accuracy: correct / Math.max(1, probe.labels.length),
    count: probe.labels.length,
    subsets,
  };
}

/**
 * @example
 * const { test, probe } = await evaluateSentiment(model, data);
 * test.accuracy; probe?.subsets.negation?.accuracy;
 */
export async function evaluateSentiment(
  model: Classifier,
  data: SentimentData,
): Promise<SentimentEvaluation> {
  const maxLength = data.report.maxLength;
  const validation = await evaluateSet(model, data.validation, maxLength);
  const test = await evaluateSet(model, data.test, maxLength);
  const probe = data.probe ? await evaluateProbe(model, data.probe, maxLength) : undefined;
  return { validation, test, ...(probe ? { probe } : {}) };
}

/** The flat record `train()` watches and `Task.evaluate` returns. */
export function metricsRecord(e: SentimentEvaluation): Record<string, number> {
  return {
    accuracy: e.validation.accuracy,
    macroF1: e.validation.macroF1,
    auroc: e.validation.auroc,
    loss: e.validation.loss,
    testAccuracy: e.test.accuracy,
    testMacroF1: e.test.macroF1,
    testAuroc: e.test.auroc,
    ...(e.probe ? { probeAccuracy: e.probe.accuracy } : {}),
    ...(e.probe?.subsets.negation ? { probeNegation: e.probe.subsets.negation.accuracy } : {}),
    ...(e.probe?.subsets.contrast ? { probeContrast: e.probe.subsets.contrast.accuracy } : {}),
  };
}
