/**
 * "Units that track features" (Karpathy, Johnson & Fei-Fei 2015): for each feature of the
 * text (inside quotes, inside parentheses, position in line, ...) the units whose value
 * follows it best, with Pearson's r (sign kept), from `rankUnits` of `@recurrent/lab`, the
 * function behind `recurrent lab units`. Click a unit to colour the text by it. The text is
 * the lab's default (Moby-Dick, chapter 48) until the reader types another.
 */
import { h, replaceChildren } from '../lib/dom.js';
import type { CharLmUnits } from '../worker/char-lm-units.js';
import { createFieldMessage, type FieldMessage } from './field-message.js';
import { unitTextNodes } from './unit-text.js';
import './units-panel.css';

export interface UnitsPanel {
  readonly element: HTMLElement;
  setEnabled(enabled: boolean): void;
  /** The text to read, or undefined for the default one (the field holds it unchanged). */
  readonly text: string | undefined;
  readonly message: FieldMessage;
  /** Called when the user asks for a ranking. */
  onRank(listener: () => void): void;
  show(units: CharLmUnits): void;
  /** Forgets the drawn ranking (a new model is coming). */
  clear(hint: string): void;
}

const signed = (r: number) => `${r >= 0 ? '+' : '−'}${Math.abs(r).toFixed(2)}`;

export function createUnitsPanel(): UnitsPanel {
  const listeners: (() => void)[] = [];
  /** The default text as the worker sent it: the field holds it until the reader edits it. */
  let defaultText: string | undefined;
  const input = h('textarea', {
    rows: 4,
    'aria-label': 'text the model reads',
    placeholder: 'The default text (Moby-Dick, chapter 48) loads with the first ranking.',
    dataset: { testid: 'units-text' },
  });
  const message = createFieldMessage(input, 'units-text-message');
  input.addEventListener('input', () => message.clear());
  const button = h(
    'button',
    { type: 'button', disabled: true, dataset: { testid: 'units-button' } },
    'Find units',
  );
  const source = h('p', { className: 'hint', dataset: { testid: 'units-source' } });
  const table = h('table', { className: 'units-table', dataset: { testid: 'units-table' } });
  const caption = h('p', { className: 'units-caption', dataset: { testid: 'units-caption' } });
  const text = h('div', { className: 'activation-text', dataset: { testid: 'units-text-view' } });
  const host = h(
    'div',
    { dataset: { testid: 'units-panel' } },
    h('p', { className: 'hint' }, 'Load or train a model, then press “Find units”.'),
  );
  let data: CharLmUnits | undefined;

  function colour(feature: number, rank: number): void {
    const f = data?.features[feature];
    const unit = f?.top[rank];
    if (!data || !f || !unit) return;
    for (const b of table.querySelectorAll('button')) {
      const on = b.dataset.feature === f.name && b.dataset.rank === String(rank);
      b.setAttribute('aria-pressed', String(on));
    }
    caption.textContent = `Coloured by ${unit.name} (${f.label}, r = ${signed(unit.r)}): blue −1, white 0, red +1${/(^| )c\d/.test(unit.name) ? ', c through tanh' : ''}.`;
    replaceChildren(
      text,
      ...unitTextNodes(
        data.chars,
        unit.values,
        (ch, t, v) => `t=${t + 1} '${ch}' ${unit.name}=${v.toFixed(3)}`,
      ),
    );
    host.dataset.feature = f.name;
    host.dataset.unit = unit.name;
  }

  function draw(d: CharLmUnits): void {
    const rows = d.features.map((f, k) =>
      h(
        'tr',
        {
          dataset: {
            feature: f.name,
            ...(f.top[0] ? { topUnit: f.top[0].name, topR: String(f.top[0].r) } : {}),
          },
        },
        h('th', { scope: 'row' }, f.label),
        f.top.length
          ? h(
              'td',
              {},
              ...f.top.map((u, rank) =>
                h(
                  'button',
                  {
                    type: 'button',
                    className: 'unit-choice',
                    title: `colour the text by ${u.name}`,
                    'aria-pressed': 'false',
                    dataset: { feature: f.name, rank: String(rank), unit: u.name, r: String(u.r) },
                    onclick: () => colour(k, rank),
                  },
                  `${u.name} ${signed(u.r)}`,
                ),
              ),
            )
          : h('td', { className: 'hint' }, 'constant on this text: nothing to track'),
      ),
    );
    replaceChildren(
      table,
      h('thead', {}, h('tr', {}, h('th', {}, 'feature'), h('th', {}, 'top units (r)'))),
      h('tbody', {}, ...rows),
    );
    const n = d.chars.length.toLocaleString('en');
    source.textContent = `${d.source}: ${n} characters, ${d.ranked} units ranked (h and tanh(c) of every layer), Pearson r over every character.${d.unseen.length ? ` Read as <unk> (never seen in training): ${d.unseen.join(' ')}` : ''}`;
    if (!host.contains(table)) replaceChildren(host, source, table, caption, text);
    host.dataset.chars = String(d.chars.length);
    const first = d.features.findIndex((f) => f.top.length > 0);
    if (first >= 0) colour(first, 0);
  }

  button.addEventListener('click', () => {
    for (const l of listeners) l();
  });

  const element = h(
    'div',
    {},
    input,
    message.element,
    h('div', { className: 'controls-row' }, button),
    host,
  );
  return {
    element,
    setEnabled(enabled) {
      button.disabled = !enabled;
    },
    get text() {
      return defaultText !== undefined && input.value === defaultText
        ? undefined
        : input.value || undefined;
    },
    message,
    onRank(listener) {
      listeners.push(listener);
    },
    show(next) {
      data = next;
      if (input.value === '' && next.source !== 'your text') {
        defaultText = next.chars.join('');
        input.value = defaultText;
      }
      draw(next);
    },
    clear(hint) {
      data = undefined;
      delete host.dataset.chars;
      delete host.dataset.unit;
      delete host.dataset.feature;
      replaceChildren(host, h('p', { className: 'hint' }, hint));
    },
  };
}
