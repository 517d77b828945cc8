/**
 * The input sequence as a strip: one tile per time step with its character, t, and its
 * one-hot vector x_t drawn as a column of squares (filled where the entry is 1).
 */
import { h, replaceChildren } from '../lib/dom.js';
import { visibleChar } from './heat-map.js';

export interface SequenceStrip {
  readonly element: HTMLElement;
  update(
    tokens: readonly string[],
    alphabet: readonly string[],
    inputs: readonly (readonly number[])[],
  ): void;
}

export function createSequenceStrip(): SequenceStrip {
  const element = h('div', { className: 'strip', dataset: { testid: 'input-strip' } });
  return {
    element,
    update(tokens, alphabet, inputs) {
      replaceChildren(
        element,
        h(
          'div',
          { className: 'strip-tile strip-legend' },
          h('div', { className: 'strip-t' }, 't'),
          h('div', { className: 'strip-char' }, 'x'),
          h(
            'div',
            { className: 'onehot' },
            ...alphabet.map((a) => h('span', { className: 'onehot-label' }, visibleChar(a))),
          ),
        ),
        ...tokens.map((tok, t) =>
          h(
            'div',
            { className: 'strip-tile', dataset: { step: String(t + 1) } },
            h('div', { className: 'strip-t' }, String(t + 1)),
            h('div', { className: 'strip-char' }, visibleChar(tok)),
            h(
              'div',
              { className: 'onehot' },
              ...(inputs[t] ?? []).map((v) => h('span', { className: v > 0 ? 'bit on' : 'bit' })),
            ),
          ),
        ),
      );
    },
  };
}
