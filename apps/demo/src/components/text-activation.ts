/**
 * Text coloured by one recurrent unit's activation, character by character (Karpathy, Johnson &
 * Fei-Fei, "Visualizing and Understanding Recurrent Networks", 2015): blue where the unit is
 * negative, red where positive. A picker chooses the unit and whether to show h_t or tanh(c_t).
 */
import { colorOf } from '../lib/colors.js';
import { h, replaceChildren } from '../lib/dom.js';
import { unitTextNodes } from './unit-text.js';

export interface TextActivationData {
  readonly chars: readonly string[];
  /** `[time][units]` */
  readonly h: readonly (readonly number[])[];
  /** `[time][units]`, the cell state (shown through tanh); LSTM only. */
  readonly c?: readonly (readonly number[])[];
}

export type StateShown = 'h' | 'c';

export interface TextActivation {
  readonly element: HTMLElement;
  update(data: TextActivationData): void;
  /** Called when the user picks another unit or state. */
  onChange(listener: (unit: number, shown: StateShown) => void): void;
  readonly unit: number;
}

export function createTextActivation(): TextActivation {
  let data: TextActivationData | undefined;
  let unit = 0;
  let shown: StateShown = 'h';
  const listeners: ((unit: number, shown: StateShown) => void)[] = [];
  const unitInput = h('input', {
    type: 'number',
    min: 0,
    value: 0,
    className: 'unit-input',
    'aria-label': 'unit',
    dataset: { testid: 'unit-picker' },
  });
  const stateSelect = h(
    'select',
    { 'aria-label': 'state shown' },
    h('option', { value: 'h' }, 'h_t (hidden state)'),
    h('option', { value: 'c' }, 'tanh(c_t) (cell state)'),
  );
  const text = h('div', { className: 'activation-text', dataset: { testid: 'activation-text' } });
  const legend = h(
    'div',
    { className: 'legend' },
    h('span', { className: 'swatch', style: { background: colorOf(-1, 'diverging') } }),
    ' −1 ',
    h('span', { className: 'swatch', style: { background: colorOf(0, 'diverging') } }),
    ' 0 ',
    h('span', { className: 'swatch', style: { background: colorOf(1, 'diverging') } }),
    ' +1',
  );
  const step = (delta: number) => () => {
    setUnit(unit + delta);
  };
  const element = h(
    'div',
    { className: 'text-activation' },
    h(
      'div',
      { className: 'controls-row' },
      h('button', { type: 'button', onclick: step(-1), 'aria-label': 'previous unit' }, '◀'),
      h('label', {}, 'unit ', unitInput),
      h('button', { type: 'button', onclick: step(1), 'aria-label': 'next unit' }, '▶'),
      stateSelect,
      legend,
    ),
    text,
  );

  function units(): number {
    return data?.h[0]?.length ?? 1;
  }

  function setUnit(next: number): void {
    unit = ((Math.round(next) % units()) + units()) % units();
    unitInput.value = String(unit);
    render();
    for (const l of listeners) l(unit, shown);
  }

  unitInput.addEventListener('change', () => setUnit(Number(unitInput.value)));
  stateSelect.addEventListener('change', () => {
    shown = stateSelect.value as StateShown;
    render();
    for (const l of listeners) l(unit, shown);
  });

  function render(): void {
    if (!data) return;
    const d = data;
    unitInput.max = String(units() - 1);
    stateSelect.hidden = !d.c; // only an LSTM has a cell state
    const values = d.chars.map((_, t) =>
      shown === 'c' && d.c ? Math.tanh(d.c[t]![unit]!) : d.h[t]![unit]!,
    );
    const parts = unitTextNodes(
      d.chars,
      values,
      (ch, t, raw) => `t=${t + 1} '${ch}' ${shown}=${raw.toFixed(3)}`,
    );
    replaceChildren(text, ...parts);
  }

  return {
    element,
    update(next) {
      data = next;
      if (unit >= units()) unit = 0;
      render();
    },
    onChange(listener) {
      listeners.push(listener);
    },
    get unit() {
      return unit;
    },
  };
}
