/**
 * The sentiment model's rows in the model-facts table, from the generic facts: input, cell
 * (bidirectional or not), layers, units, embedding, pooling, trained steps, and the metrics
 * the checkpoint (or training here) recorded: validation and test accuracy, the order probe.
 */
import type { ModelFacts } from '../worker/protocol.js';
import type { FactRow } from './model-facts.js';

const int = (n: number) => n.toLocaleString('en');
const f3 = (x: number) => x.toFixed(3);

export function sentimentFactRows(f: ModelFacts): FactRow[] {
  const hp = f.hyperParameters;
  const m = f.metrics;
  const later = f.origin === 'pretrained' ? 'not recorded in config.json' : 'after training';
  const rows: FactRow[] = [
    ['input', String(hp.input), 'input'],
    ['cell', `${hp.bidirectional ? 'bidirectional ' : ''}${String(hp.cell).toUpperCase()}`, 'cell'],
    ['layers', String(hp.layers), 'layers'],
    ['units', `${int(Number(hp.units))}${hp.bidirectional ? ' per direction' : ''}`, 'units'],
    ['embedding', `${hp.embeddingDim} dimensions`, 'embedding'],
    ['pooling', String(hp.pooling), 'pooling'],
    ['trained steps', f.trainedSteps === null ? 'unknown' : int(f.trainedSteps), 'steps'],
    ['validation accuracy', m.accuracy === undefined ? later : f3(m.accuracy), 'val-accuracy'],
    [
      'test accuracy',
      m.testAccuracy === undefined
        ? later
        : `${f3(m.testAccuracy)} (UCI, held out)${m.testAuroc === undefined ? '' : ` · AUROC ${f3(m.testAuroc)}`}`,
      'test-accuracy',
    ],
  ];
  if (m.probeAccuracy !== undefined) {
    rows.push([
      'order probe',
      `${f3(m.probeAccuracy)} (negation ${f3(m.probeNegation ?? Number.NaN)}, contrast ${f3(m.probeContrast ?? Number.NaN)})`,
      'probe',
    ]);
  }
  return rows;
}
