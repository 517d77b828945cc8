/**
 * The char-LM page's training text: a textarea that starts with chapters of Moby Dick (read
 * in the worker from @recurrent/data's embedded corpus), a line saying what it holds, and the
 * message under it when it cannot be trained on (empty, or too short to hold out a validation
 * tail), so a mistake is explained next to the field instead of failing in the worker.
 */
import { h } from '../lib/dom.js';
import { createFieldMessage } from './field-message.js';

export const trainingTextLimits = Object.freeze({
  minChars: 1000, // the held-out 5 % tail must hold a few windows to measure anything
  windowsInTail: 2, // ... and at least two training windows: min = 40 x window
});

export interface TrainingText {
  readonly element: HTMLElement;
  /** Puts the default text in (unless the reader already typed one) and says what it is. */
  setDefault(text: string, about: string): void;
  /** The text; null after saying why it cannot be trained on with this window. */
  read(window: number): string | null;
  value: string;
  onChange(listener: () => void): void;
}

export function createTrainingText(): TrainingText {
  const textarea = h('textarea', {
    rows: 6,
    'aria-label': 'training text',
    placeholder: 'Loading chapters of Moby Dick…',
    dataset: { testid: 'training-text' },
  });
  const about = h('p', { className: 'hint', dataset: { testid: 'training-text-about' } });
  const message = createFieldMessage(textarea, 'training-text-message');
  const listeners: (() => void)[] = [];
  let edited = false;
  const describe = () => {
    const n = textarea.value.length;
    if (edited) about.textContent = `Your text: ${n.toLocaleString('en')} characters.`;
  };
  textarea.addEventListener('input', () => {
    edited = true;
    describe();
    message.clear();
    for (const l of listeners) l();
  });
  return {
    element: h('div', { className: 'training-text' }, about, textarea, message.element),
    setDefault(text, line) {
      if (edited && textarea.value !== '') return;
      textarea.value = text;
      edited = false;
      about.textContent = line;
    },
    read(window) {
      const text = textarea.value;
      const min = Math.max(
        trainingTextLimits.minChars,
        20 * trainingTextLimits.windowsInTail * window,
      );
      if (text.trim() === '') {
        message.error(
          `training text: expected a text to train on, got none. Paste a text of at least ${min.toLocaleString('en')} characters (or reload the page for Moby Dick).`,
        );
        return null;
      }
      if (text.length < min) {
        message.error(
          `training text: at least ${min.toLocaleString('en')} characters with a ${window}-character window (got ${text.length.toLocaleString('en')}): the model learns from the first 95 % and checks itself on the last 5 %.`,
        );
        return null;
      }
      message.clear();
      return text;
    },
    get value() {
      return textarea.value;
    },
    set value(text) {
      textarea.value = text;
      edited = true;
      describe();
    },
    onChange(listener) {
      listeners.push(listener);
    },
  };
}
