/**
 * Text for the notes of a cross-validation (the fold table with the baseline beside it,
 * the pooled reliability table) and the flat metrics record the trainer prints and logs.
 *
 * @example
 * describeFolds(cv).join('\n');
 * // fold  test  deaths | AUROC  AUPRC  Event-1   H-L  step | baseline AUROC  AUPRC  Event-1
 * //    1   800     106 | 0.876  0.564    0.528   19.1   100 |          0.854  0.526    0.505
 */
import type { CrossValidation, Spread } from './cross-validate.js';
import { hosmerLemeshow } from './hosmer-lemeshow.js';
import type { RiskScores } from './score-risks.js';

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '  -  ');
const pm = (s: Spread) => `${f3(s.mean)} ± ${f3(s.sd)}`;

function row(label: string, best: number, s: RiskScores, b: RiskScores | undefined): string {
  const ours = `${f3(s.auroc)}  ${f3(s.auprc)}    ${f3(s.event1)}  ${s.calibration.statistic.toFixed(1).padStart(5)}  ${String(best).padStart(4)}`;
  const theirs = b ? `          ${f3(b.auroc)}  ${f3(b.auprc)}    ${f3(b.event1)}` : '';
  return `${label.padStart(4)}  ${String(s.count).padStart(4)}  ${String(s.deaths).padStart(6)} | ${ours} |${theirs}`;
}

/** The fold table: per fold the test metrics of the RNN and of the baseline, then mean ± sd. */
export function describeFolds(cv: CrossValidation): string[] {
  const lines = [
    'fold  test  deaths | AUROC  AUPRC  Event-1   H-L  step | baseline AUROC  AUPRC  Event-1',
    ...cv.folds.map((o, f) => row(String(f + 1), o.bestStep, o.test, cv.baselines[f]?.test)),
  ];
  const s = cv.summary;
  const b = cv.baselineSummary;
  lines.push(
    `mean ± sd: AUROC ${pm(s.auroc)} | AUPRC ${pm(s.auprc)} | Event-1 ${pm(s.event1)} | H-L ${s.hosmerLemeshow.mean.toFixed(1)}`,
  );
  if (cv.baselines.length > 0) {
    lines.push(
      `baseline (logistic regression on first/last/min/max/mean/count): AUROC ${pm(b.auroc)} | AUPRC ${pm(b.auprc)} | Event-1 ${pm(b.event1)}`,
    );
    const wins = cv.folds.filter(
      (o, f) => o.test.auroc > (cv.baselines[f]?.test.auroc ?? Number.POSITIVE_INFINITY),
    ).length;
    lines.push(
      `RNN - baseline AUROC: ${s.auroc.mean - b.auroc.mean >= 0 ? '+' : ''}${(s.auroc.mean - b.auroc.mean).toFixed(3)} (RNN ahead on ${wins} of ${cv.folds.length} folds)`,
    );
  }
  lines.push(
    "Event-1 threshold: chosen on each fold's validation slice, applied unchanged to its test part",
  );
  return lines;
}

/** Reliability of the out-of-fold risks pooled over folds (every stay scored once). */
export function describeCalibration(cv: CrossValidation, labels: Uint8Array): string[] {
  const ids = Array.from(cv.outOfFold.keys()).filter((i) => !Number.isNaN(cv.outOfFold[i]!));
  const hl = hosmerLemeshow(
    ids.map((i) => labels[i]!),
    ids.map((i) => cv.outOfFold[i]!),
  );
  return [
    `Hosmer-Lemeshow H ${hl.statistic.toFixed(2)} on ${hl.degreesOfFreedom} degrees of freedom (p ${hl.pValue.toFixed(3)}), ${ids.length} out-of-fold stays`,
    'risk decile   stays  predicted  observed',
    ...hl.table.map(
      (r, g) =>
        `${String(g + 1).padStart(4)} ${r.low.toFixed(3)}-${r.high.toFixed(3)} ${String(r.count).padStart(5)}    ${r.meanPredicted.toFixed(3)}     ${r.observedRate.toFixed(3)}`,
    ),
  ];
}

/** The flat record for `lastMetrics`: validation metrics of the run's model and the CV summary. */
export function crossValidationMetrics(cv: CrossValidation): Record<string, number> {
  const s = cv.summary;
  const b = cv.baselineSummary;
  const out: Record<string, number> = {
    auroc: cv.main.validation.auroc,
    auprc: cv.main.validation.auprc,
    event1: cv.main.validation.event1,
    testAuroc: cv.main.test.auroc,
    testAuprc: cv.main.test.auprc,
    testEvent1: cv.main.test.event1,
    cvAuroc: s.auroc.mean,
    cvAurocSd: s.auroc.sd,
    cvAuprc: s.auprc.mean,
    cvAuprcSd: s.auprc.sd,
    cvEvent1: s.event1.mean,
    cvEvent1Sd: s.event1.sd,
    cvHosmerLemeshow: s.hosmerLemeshow.mean,
    folds: cv.folds.length,
  };
  if (cv.baselines.length > 0) {
    Object.assign(out, {
      baselineAuroc: b.auroc.mean,
      baselineAurocSd: b.auroc.sd,
      baselineAuprc: b.auprc.mean,
      baselineEvent1: b.event1.mean,
    });
  }
  return out;
}
