/**
 * Human lines for results: one metrics line, the confusion matrix, and the order probe's
 * held-out compositions per construction with the baseline beside the RNN.
 */
import type { ClassificationMetrics } from './classification-metrics.js';
import { formatConfusion } from './classification-metrics.js';
import type { ProbeMetrics } from './evaluate-sentiment.js';
import { probeSubsets } from './order-probe.js';

const f3 = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(3));

/** `accuracy 0.842 | macro-F1 0.842 | AUROC 0.920 | 298 sentences` */
export function metricsLine(m: ClassificationMetrics): string {
  return `accuracy ${f3(m.accuracy)} | macro-F1 ${f3(m.macroF1)} | AUROC ${f3(m.auroc)} | ${m.count.toLocaleString('en-US')} sentences`;
}

/** The metrics line and the confusion matrix. */
export function describeMetrics(m: ClassificationMetrics, labels: readonly string[]): string[] {
  return [metricsLine(m), ...formatConfusion(m.confusion, labels)];
}

/** One row per construction: `negation      169   1.000   0.047`. */
export function describeProbe(rnn: ProbeMetrics, baseline?: ProbeMetrics): string[] {
  const head = `${'construction'.padEnd(14)}${'count'.padStart(6)}${'RNN'.padStart(8)}${baseline ? 'BoW'.padStart(8) : ''}`;
  const row = (name: string, count: number, a: number | undefined, b: number | undefined) =>
    `${name.padEnd(14)}${String(count).padStart(6)}${f3(a).padStart(8)}${baseline ? f3(b).padStart(8) : ''}`;
  return [
    head,
    ...probeSubsets
      .filter((s) => rnn.subsets[s])
      .map((s) =>
        row(s, rnn.subsets[s]!.count, rnn.subsets[s]!.accuracy, baseline?.subsets[s]?.accuracy),
      ),
    row('all', rnn.count, rnn.accuracy, baseline?.accuracy),
  ];
}
