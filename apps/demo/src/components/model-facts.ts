/**
 * The facts of the model the worker holds, as a small table: where it came from, its cell,
 * layers, units, embedding, vocabulary, parameter count, trained steps and validation loss
 * (the last two only when the checkpoint's config.json, or the training here, says them).
 */
import { h, replaceChildren } from '../lib/dom.js';
import type { CharLmFacts } from '../worker/protocol.js';

export interface ModelFacts {
  readonly element: HTMLElement;
  show(facts: CharLmFacts | null, emptyText?: string): void;
}

const int = (n: number) => n.toLocaleString('en');

function rows(f: CharLmFacts): [string, string, string][] {
  const valLoss =
    f.valLoss === null
      ? f.origin === 'pretrained'
        ? 'not recorded in config.json'
        : 'after the first evaluation'
      : `${f.valLoss.toFixed(3)} nats/char (${(f.valLoss / Math.LN2).toFixed(2)} bits/char)`;
  return [
    ['model', f.origin === 'pretrained' ? 'pretrained' : 'trained here', 'origin'],
    ['from', f.source, 'source'],
    ...(f.corpus ? ([['corpus', f.corpus, 'corpus']] as [string, string, string][]) : []),
    ['cell', f.cell.toUpperCase(), 'cell'],
    ['layers', String(f.layers), 'layers'],
    ['units', int(f.units), 'units'],
    ['embedding', `${f.embeddingDim} dimensions`, 'embedding'],
    ['vocabulary', `${f.vocabSize} tokens (4 special)`, 'vocab'],
    ['parameters', int(f.parameters), 'parameters'],
    ['trained steps', f.trainedSteps === null ? 'unknown' : int(f.trainedSteps), 'steps'],
    ['validation loss', valLoss, 'val-loss'],
  ];
}

export function createModelFacts(): ModelFacts {
  const element = h('div', { className: 'model-facts', dataset: { testid: 'model-facts' } });
  return {
    element,
    show(facts, emptyText = 'No model yet.') {
      if (!facts) {
        element.dataset.state = 'empty';
        replaceChildren(element, h('p', { className: 'hint' }, emptyText));
        return;
      }
      element.dataset.state = 'ready';
      element.dataset.origin = facts.origin;
      element.dataset.units = String(facts.units);
      element.dataset.layers = String(facts.layers);
      replaceChildren(
        element,
        ...rows(facts).map(([term, value, key]) =>
          h(
            'div',
            { className: `fact fact-${key}` },
            h('span', { className: 'fact-term' }, term),
            h('span', { className: 'fact-value', dataset: { fact: key } }, value),
          ),
        ),
      );
    },
  };
}
