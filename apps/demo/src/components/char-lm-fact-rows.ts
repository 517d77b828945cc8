/**
 * The char-LM's rows in the model-facts table, from the generic facts: its corpus when the
 * checkpoint names one, cell, layers, units, embedding, vocabulary, parameters, trained
 * steps and validation loss (the last two only when the checkpoint, or training here, says).
 */
import type { ModelFacts } from '../worker/protocol.js';
import type { FactRow } from './model-facts.js';

const int = (n: number) => n.toLocaleString('en');

export function charLmFactRows(f: ModelFacts): FactRow[] {
  const hp = f.hyperParameters;
  const d = f.details;
  const characters = Array.isArray(d.characters) ? d.characters.length : 0;
  const specials = Number(d.specialTokens ?? 0);
  const valLoss = f.metrics.valLoss;
  const loss =
    valLoss === undefined
      ? f.origin === 'pretrained'
        ? 'not recorded in config.json'
        : 'after the first evaluation'
      : `${valLoss.toFixed(3)} nats/char (${(valLoss / Math.LN2).toFixed(2)} bits/char)`;
  return [
    ...(typeof d.corpus === 'string' ? [['corpus', d.corpus, 'corpus'] as const] : []),
    ['cell', String(hp.cell).toUpperCase(), 'cell'],
    ['layers', String(hp.layers), 'layers'],
    ['units', int(Number(hp.units)), 'units'],
    ['embedding', `${hp.embeddingDim} dimensions`, 'embedding'],
    ['vocabulary', `${characters + specials} tokens (${specials} special)`, 'vocab'],
    ['parameters', int(Number(d.parameters)), 'parameters'],
    ['trained steps', f.trainedSteps === null ? 'unknown' : int(f.trainedSteps), 'steps'],
    ['validation loss', loss, 'val-loss'],
  ];
}
