/**
 * The facts of the model a task's session holds, as a small table: where it came from (the
 * first two rows, for every task), then the rows its page derives from the facts (for the
 * char-LM: cell, layers, units, embedding, vocabulary, parameters, steps, validation loss).
 * Each hyper-parameter is also a `data-*` attribute (`data-units="256"`) for tests.
 */
import { h, replaceChildren } from '../lib/dom.js';
import type { ModelFacts } from '../worker/protocol.js';

/** One row: the term, the value shown, and its key (`data-fact`, class `fact-<key>`). */
export type FactRow = readonly [term: string, value: string, key: string];

export interface ModelFactsView {
  readonly element: HTMLElement;
  show(facts: ModelFacts | null, emptyText?: string): void;
}

export function createModelFacts(rowsOf: (facts: ModelFacts) => FactRow[]): ModelFactsView {
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
      for (const [key, value] of Object.entries(facts.hyperParameters)) {
        if (typeof value !== 'object') element.dataset[key] = String(value);
      }
      const rows: FactRow[] = [
        ['model', facts.origin === 'pretrained' ? 'pretrained' : 'trained here', 'origin'],
        ['from', facts.source, 'source'],
        ...rowsOf(facts),
      ];
      replaceChildren(
        element,
        ...rows.map(([term, value, key]) =>
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
