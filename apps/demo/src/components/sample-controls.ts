/**
 * Controls for sampling from a language model: prime text, temperature, top-k, top-p, length
 * and seed, a Sample button and the generated text (the prime shown in bold), which grows as
 * the worker streams characters (`begin`, `append`, then `showText` with the final text).
 * Prime characters the model never saw are dropped, and the note under the text says which.
 * An empty or out-of-range number is not clamped: the message under its field says what to
 * type, and Sample does nothing until it is fixed. A progress bar shows the time left.
 */
import { checkNumber, type NumberRule } from '../lib/check-number.js';
import { h, replaceChildren } from '../lib/dom.js';
import { createFieldMessage } from './field-message.js';
import { createProgressLine, formatEta } from './progress-line.js';
import { createSlider } from './slider.js';

/** The options of a char-LM's `generate` verb, as the controls read them. */
export interface SampleOptions {
  readonly prime: string;
  readonly length: number;
  readonly temperature: number;
  /** 0 = no top-k cut. */
  readonly topK: number;
  /** 1 = no top-p (nucleus) cut. */
  readonly topP: number;
  readonly seed: number;
}

export const sampleDefaults = Object.freeze({
  prime: 'Call me ', // the book's first words: the model has seen them
  temperature: 0.8, // a little sharper than the model's distribution: fewer typos, still varied
  topK: 0, // no cut by default; try 5 to see a safer, more repetitive text
  topP: 1, // no nucleus cut by default; 0.9 drops the unlikely tail
  length: 200, // a few lines, fast on every backend
  seed: 1, // the same text for the same settings until you change it
});

/** The accepted ranges, as the worker's generate verb and the session check them. */
const rules: Readonly<Record<'topK' | 'topP' | 'length' | 'seed', NumberRule>> = Object.freeze({
  topK: { min: 0, max: 200, integer: true },
  topP: { min: 0.05, max: 1 },
  length: {
    min: 1,
    max: 1000,
    integer: true,
    maxWhy: 'one request draws at most 1,000 characters',
  },
  seed: { min: 0, max: 2 ** 32 - 1, integer: true },
});

export interface SampleControls {
  readonly element: HTMLElement;
  setEnabled(enabled: boolean, why?: string): void;
  /** Starts a new output of `length` characters: the prime in bold, the generated text to follow. */
  begin(prime: string, length: number): void;
  /** The prime field's text (for the URL). */
  prime: string;
  /** Called after the reader edits the prime. */
  onPrimeChange(listener: () => void): void;
  /** Appends streamed characters. */
  append(text: string): void;
  /** The final text (prime + sample); marks the output done. */
  showText(prime: string, text: string): void;
  /** Shows a note under the output (e.g. characters dropped from the prime); ends the progress bar. */
  note(text: string): void;
  /** Forgets the output (the model it came from is gone). */
  reset(): void;
  /**
   * The characters the model knows: others are dropped from the prime before `onSample`
   * (the model could not read them), and the note under the output names them.
   */
  setCharacters(characters: Iterable<string>): void;
  /** Called with the options, the prime already reduced to known characters. */
  onSample(listener: (options: SampleOptions) => void): void;
}

export function createSampleControls(): SampleControls {
  const listeners: ((o: SampleOptions) => void)[] = [];
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
  const topP = h('input', {
    type: 'number',
    min: 0.05,
    max: 1,
    step: 0.05,
    value: sampleDefaults.topP,
    'aria-label': 'top-p',
    dataset: { testid: 'top-p' },
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
    dataset: { testid: 'seed' },
  });
  const button = h(
    'button',
    { type: 'button', className: 'primary', dataset: { testid: 'sample-button' } },
    'Sample',
  );
  const numbers = {
    topK: { input: topK, label: 'top-k', message: createFieldMessage(topK, 'top-k-message') },
    topP: { input: topP, label: 'top-p', message: createFieldMessage(topP, 'top-p-message') },
    length: {
      input: length,
      label: 'length',
      message: createFieldMessage(length, 'length-message'),
    },
    seed: { input: seed, label: 'seed', message: createFieldMessage(seed, 'seed-message') },
  };
  /** The four numbers, or null after showing what is wrong under each bad field. */
  function readNumbers(): Record<keyof typeof numbers, number> | null {
    const out = {} as Record<keyof typeof numbers, number>;
    let ok = true;
    for (const [key, f] of Object.entries(numbers) as [
      keyof typeof numbers,
      (typeof numbers)['seed'],
    ][]) {
      const checked = checkNumber(f.label, f.input.value, rules[key]);
      if (checked.ok) {
        f.message.clear();
        out[key] = checked.value;
      } else {
        f.message.error(checked.message);
        ok = false;
      }
    }
    return ok ? out : null;
  }
  for (const f of Object.values(numbers)) f.input.addEventListener('input', () => readNumbers());
  const primeListeners: (() => void)[] = [];
  prime.addEventListener('input', () => {
    for (const l of primeListeners) l();
  });
  const bar = createProgressLine('sample-progress');
  let expected = 0;
  let drawn = 0;
  let startedAt = 0;
  const hint = h('span', { className: 'hint' });
  const output = h(
    'pre',
    { className: 'sample-output', dataset: { testid: 'sample-output', state: 'empty' } },
    'No sample yet.',
  );
  const noteLine = h('p', { className: 'hint', dataset: { testid: 'sample-note' } });
  let generated: Text | undefined;
  let known = new Set<string>();
  let dropped: string[] = [];
  button.addEventListener('click', () => {
    const n = readNumbers();
    if (!n) return;
    const chars = Array.from(prime.value.normalize('NFC'));
    dropped = [...new Set(chars.filter((c) => !known.has(c)))];
    const options: SampleOptions = {
      prime: chars.filter((c) => known.has(c)).join(''),
      temperature: temperature.value,
      ...n,
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
      h('label', {}, h('span', {}, 'top-k (0 = off)'), topK, numbers.topK.message.element),
      h('label', {}, h('span', {}, 'top-p (1 = off)'), topP, numbers.topP.message.element),
      h('label', {}, h('span', {}, 'length'), length, numbers.length.message.element),
      h('label', {}, h('span', {}, 'seed'), seed, numbers.seed.message.element),
    ),
    h('div', { className: 'controls-row' }, button, hint),
    bar.element,
    output,
    noteLine,
  );
  return {
    element,
    setEnabled(enabled, why) {
      button.disabled = !enabled;
      hint.textContent = enabled ? '' : (why ?? '');
    },
    begin(p, n) {
      expected = n;
      drawn = 0;
      startedAt = performance.now();
      bar.show(0, n, `0 of ${n} characters`);
      generated = document.createTextNode('');
      replaceChildren(output, p ? h('b', {}, p) : null, generated);
      output.dataset.state = 'streaming';
      noteLine.textContent = '';
    },
    append(text) {
      generated?.appendData(text);
      drawn += Array.from(text).length;
      const perSecond = drawn / ((performance.now() - startedAt) / 1000);
      const left = formatEta((expected - drawn) / perSecond);
      bar.show(drawn, expected, `${drawn} of ${expected} characters · ${left} left`);
    },
    showText(p, text) {
      const rest = text.startsWith(p) ? text.slice(p.length) : text;
      generated = undefined;
      bar.hide();
      replaceChildren(output, p && text.startsWith(p) ? h('b', {}, p) : null, rest);
      output.dataset.state = 'done';
      if (dropped.length > 0) {
        noteLine.textContent = `Dropped from the prime (the model never saw them): ${dropped.map((c) => JSON.stringify(c)).join(' ')}`;
      }
    },
    note(text) {
      bar.hide();
      noteLine.textContent = text;
    },
    reset() {
      generated = undefined;
      bar.hide();
      replaceChildren(output, 'No sample yet.');
      output.dataset.state = 'empty';
      noteLine.textContent = '';
    },
    get prime() {
      return prime.value;
    },
    set prime(value) {
      prime.value = value;
    },
    onPrimeChange(listener) {
      primeListeners.push(listener);
    },
    setCharacters(characters) {
      known = new Set(characters);
    },
    onSample(listener) {
      listeners.push(listener);
    },
  };
}
