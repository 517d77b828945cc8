/**
 * One sentence to read with the sentiment model: a text field (the lecture's sentence to
 * start with, a "reset" button to bring it back) and its reading (`sentiment-trajectory.ts`).
 * An empty sentence is explained under the field and never sent; the page asks the worker
 * for a prediction after the reader pauses typing.
 */
import { h } from '../lib/dom.js';
import { createFieldMessage } from './field-message.js';
import { createSentimentTrajectory, type SentenceReading } from './sentiment-trajectory.js';

export interface SentenceProbe {
  readonly element: HTMLElement;
  /** The sentence to read; null after saying why it cannot be read (empty). */
  read(): string | null;
  show(reading: SentenceReading): void;
  /** No reading (no model yet, or the prediction failed), with a line saying why. */
  clear(text: string): void;
  /** Says something under the field (an error the worker gave for this sentence). */
  error(text: string): void;
  onInput(listener: () => void): void;
}

export const sentenceLimits = Object.freeze({
  maxChars: 400, // a sentence, not a review: the trajectory chart stays readable
});

export function createSentenceProbe(initial: string, index: number): SentenceProbe {
  const input = h('input', {
    type: 'text',
    value: initial,
    maxLength: sentenceLimits.maxChars,
    'aria-label': `sentence ${index + 1}`,
    className: 'sentence-input',
    dataset: { testid: `sentence-input-${index}` },
  });
  const reset = h(
    'button',
    { type: 'button', title: 'bring back the lecture’s sentence' },
    'Lecture sentence',
  );
  const message = createFieldMessage(input, `sentence-message-${index}`);
  const reading = createSentimentTrajectory();
  reading.element.dataset.testid = `sentence-reading-${index}`;
  const listeners: (() => void)[] = [];
  const changed = () => {
    message.clear();
    for (const l of listeners) l();
  };
  input.addEventListener('input', changed);
  reset.addEventListener('click', () => {
    input.value = initial;
    changed();
  });
  return {
    element: h(
      'div',
      { className: 'sentence-probe' },
      h('div', { className: 'controls-row sentence-row' }, input, reset),
      message.element,
      reading.element,
    ),
    read() {
      const text = input.value.trim();
      if (text === '') {
        message.error(
          'Type a sentence: the model reads it word by word and says after every word how positive it sounds.',
        );
        reading.clear('No sentence to read.');
        return null;
      }
      return text;
    },
    show: (r) => reading.show(r),
    clear: (text) => reading.clear(text),
    error(text) {
      message.error(text);
      reading.clear('This sentence could not be read.');
    },
    onInput(listener) {
      listeners.push(listener);
    },
  };
}
