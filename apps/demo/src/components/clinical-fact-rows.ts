/**
 * The clinical model's rows in the model-facts table, from the generic facts: cell, units,
 * grid, imputation, parameters, trained steps, the stays it was trained on, and the metrics
 * its checkpoint (or training here) recorded: validation AUROC of fold 1, the cross-validated
 * test AUROC beside the logistic-regression baseline, AUPRC and Event-1.
 */
import type { ModelFacts } from '../worker/protocol.js';
import type { FactRow } from './model-facts.js';

const int = (n: number) => n.toLocaleString('en');
const f3 = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(3));

export function clinicalFactRows(f: ModelFacts): FactRow[] {
  const hp = f.hyperParameters;
  const m = f.metrics;
  const d = f.details;
  const later = f.origin === 'pretrained' ? 'not recorded in config.json' : 'after training';
  const rows: FactRow[] = [
    ['cell', String(hp.cell).toUpperCase(), 'cell'],
    ['units', String(hp.units), 'units'],
    ['grid', `${hp.stepHours} h bins, ${String(hp.imputation)} imputation`, 'grid'],
    ['parameters', typeof d.parameters === 'number' ? int(d.parameters) : 'unknown', 'parameters'],
    ['trained steps', f.trainedSteps === null ? 'unknown' : int(f.trainedSteps), 'steps'],
  ];
  if (typeof d.stays === 'number') {
    rows.push(['data', `${int(d.stays)} generated stays, ${String(d.folds)} folds`, 'data']);
  }
  rows.push(['validation AUROC', m.auroc === undefined ? later : f3(m.auroc), 'val-auroc']);
  if (m.cvAuroc !== undefined) {
    rows.push([
      'test AUROC',
      `${f3(m.cvAuroc)} ± ${f3(m.cvAurocSd)} over the folds · baseline ${f3(m.baselineAuroc)} ± ${f3(m.baselineAurocSd)}`,
      'test-auroc',
    ]);
    rows.push([
      'AUPRC · Event-1',
      `${f3(m.cvAuprc)} · ${f3(m.cvEvent1)} (baseline ${f3(m.baselineAuprc)} · ${f3(m.baselineEvent1)})`,
      'auprc',
    ]);
  }
  return rows;
}
