/**
 * Controls for sampling from a language model: prime text, temperature, top-k, length and
 * seed, a Sample button and the generated text (the prime shown in bold).
 */
import { h, replaceChildren } from '../lib/dom.js';
import type { CharLmSampleOptions } from '../worker/protocol.js';
import { createSlider } from './slider.js';

export const sampleDefaults = Object.freeze({
  prime: 'Call me ', // the book's first words: the model has seen them
  temperature: 0.8, // a little sharper than the model's distribution: fewer typos, still varied
  topK: 0, // no cut by default; try 5 to see a safer, more repetitive text
  length: 200, // a few lines, fast on every backend
  seed: 1, // the same text for the same settings until you change it
});

export interface SampleControls {
  readonly element: HTMLElement;
  setEnabled(enabled: boolean, why?: string): void;
  showText(prime: string, text: string): void;
  onSample(listener: (options: CharLmSampleOptions) => void): void;
}

export function createSampleControls(): SampleControls {
  const listeners: ((o: CharLmSampleOptions) => void)[] = [];
  const prime = h('input', {
    type: 'text',
    value: sampleDefaults.prime,
    'aria-label': 'prime',
    dataset: { testid: 'prime' },
  });
  const temperature = createSlider({
    label: 'temperature',
    min: 0,
    max: 2,
    step: 0.05,
    value: sampleDefaults.temperature,
    testid: 'temperature',
    format: (v) => (v === 0 ? '0 (greedy)' : v.toFixed(2)),
    onInput: () => {},
  });
  const topK = h('input', {
    type: 'number',
    min: 0,
    max: 200,
    value: sampleDefaults.topK,
    'aria-label': 'top-k',
    dataset: { testid: 'top-k' },
  });
  const length = h('input', {
    type: 'number',
    min: 1,
    max: 1000,
    value: sampleDefaults.length,
    'aria-label': 'length',
    dataset: { testid: 'length' },
  });
  const seed = h('input', {
    type: 'number',
    min: 0,
    value: sampleDefaults.seed,
    'aria-label': 'seed',
  });
  const button = h(
    'button',
    { type: 'button', className: 'primary', dataset: { testid: 'sample-button' } },
    'Sample',
  );
  const hint = h('span', { className: 'hint' });
  const output = h(
    'pre',
    { className: 'sample-output', dataset: { testid: 'sample-output' } },
    'No sample yet.',
  );
  button.addEventListener('click', () => {
    const options: CharLmSampleOptions = {
      prime: prime.value,
      temperature: temperature.value,
      topK: Math.max(0, Math.round(Number(topK.value) || 0)),
      length: Math.max(1, Math.round(Number(length.value) || sampleDefaults.length)),
      seed: Math.round(Number(seed.value) || 0),
    };
    for (const l of listeners) l(options);
  });
  const element = h(
    'div',
    { className: 'sample-controls' },
    h(
      'div',
      { className: 'form-grid' },
      h('label', {}, h('span', {}, 'prime'), prime),
      temperature.element,
      h('label', {}, h('span', {}, 'top-k (0 = off)'), topK),
      h('label', {}, h('span', {}, 'length'), length),
      h('label', {}, h('span', {}, 'seed'), seed),
    ),
    h('div', { className: 'controls-row' }, button, hint),
    output,
  );
  return {
    element,
    setEnabled(enabled, why) {
      button.disabled = !enabled;
      hint.textContent = enabled ? '' : (why ?? '');
    },
    showText(p, text) {
      const rest = text.startsWith(p) ? text.slice(p.length) : text;
      replaceChildren(output, text.startsWith(p) ? h('b', {}, p) : null, rest);
    },
    onSample(listener) {
      listeners.push(listener);
    },
  };
}
