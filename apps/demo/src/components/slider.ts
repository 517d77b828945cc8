/** A labelled range slider that shows its value and reports changes live (while dragging). */
import { h } from '../lib/dom.js';

export interface SliderOptions {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly value: number;
  readonly testid?: string;
  readonly format?: (value: number) => string;
  readonly onInput: (value: number) => void;
}

export interface Slider {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  readonly value: number;
}

export function createSlider(o: SliderOptions): Slider {
  const format = o.format ?? ((v: number) => v.toFixed(2));
  const output = h('output', { className: 'slider-value' }, format(o.value));
  const input = h('input', {
    type: 'range',
    min: o.min,
    max: o.max,
    step: o.step,
    value: o.value,
    'aria-label': o.label,
    dataset: o.testid ? { testid: o.testid } : {},
  });
  input.addEventListener('input', () => {
    const v = Number(input.value);
    output.textContent = format(v);
    o.onInput(v);
  });
  const element = h(
    'label',
    { className: 'slider' },
    h('span', { className: 'slider-label' }, o.label),
    input,
    output,
  );
  return {
    element,
    input,
    get value() {
      return Number(input.value);
    },
  };
}
