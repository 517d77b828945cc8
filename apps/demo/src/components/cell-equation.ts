/**
 * The cell lab's equations, typeset with real subscripts (`h<sub>t−1</sub>`, `U<sub>g</sub>`),
 * each LSTM line beside what it means; lines wrap on a narrow screen instead of running off.
 */
import { h } from '../lib/dom.js';
import type { CellLabParams } from '../worker/protocol.js';

/** `v('h', 't−1')` -> h<sub>t−1</sub>. */
const v = (name: string, sub: string) => h('span', { className: 'var' }, name, h('sub', {}, sub));

type Piece = string | HTMLElement;
const line = (...pieces: Piece[]) => h('span', { className: 'eq-line' }, ...pieces);

export function cellEquation(kind: CellLabParams['kind'], p: CellLabParams): HTMLElement {
  if (kind === 'rnn') {
    return h(
      'div',
      { className: 'equation', dataset: { testid: 'equation' } },
      h(
        'span',
        { className: 'eq-main' },
        v('h', 't'),
        ' = tanh(',
        v('h', 't−1'),
        ' W + ',
        v('x', 't'),
        ' U + b)',
      ),
      h(
        'span',
        { className: 'eq-note' },
        `W = ${p.wScale.toFixed(2)} × W₀,  U = ${p.uScale.toFixed(2)} × U₀,  b = ${p.bias.toFixed(2)}`,
      ),
    );
  }
  const rows: [HTMLElement, string][] = [
    [
      line(
        v('i', 't'),
        ', ',
        v('f', 't'),
        ', ',
        v('o', 't'),
        ' = σ(',
        v('x', 't'),
        ' U + ',
        v('h', 't−1'),
        ' W + b)',
      ),
      'three gates in [0, 1], one U, W, b block each',
    ],
    [
      line(
        v('g', 't'),
        ' = tanh(',
        v('x', 't'),
        ' ',
        v('U', 'g'),
        ' + ',
        v('h', 't−1'),
        ' ',
        v('W', 'g'),
        ' + ',
        v('b', 'g'),
        ')',
      ),
      'the candidate to write',
    ],
    [
      line(
        v('c', 't'),
        ' = ',
        v('f', 't'),
        ' ⊙ ',
        v('c', 't−1'),
        ' + ',
        v('i', 't'),
        ' ⊙ ',
        v('g', 't'),
      ),
      'keep some memory, write some new',
    ],
    [line(v('h', 't'), ' = ', v('o', 't'), ' ⊙ tanh(', v('c', 't'), ')'), 'show some of it'],
  ];
  return h(
    'div',
    { className: 'equation', dataset: { testid: 'equation' } },
    h(
      'div',
      { className: 'eq-grid' },
      ...rows.flatMap(([eq, why]) => [eq, h('span', { className: 'eq-why' }, why)]),
    ),
    h(
      'span',
      { className: 'eq-note' },
      `W × ${p.wScale.toFixed(2)}, U × ${p.uScale.toFixed(2)}, b = ${p.bias.toFixed(2)}, forget bias = ${p.forgetBias.toFixed(2)}`,
    ),
  );
}
