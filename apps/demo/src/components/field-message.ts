/**
 * The line under a form field that says what is wrong with it (an error: the field is marked
 * `aria-invalid` and the action does not run) or what the page did with it (a note: "traced
 * the first 400 characters"). Empty when all is well.
 */
import { h } from '../lib/dom.js';

export interface FieldMessage {
  readonly element: HTMLElement;
  /** Shows an error; the field is marked invalid. */
  error(text: string): void;
  /** Shows a note (nothing wrong, but the reader should know). */
  note(text: string): void;
  clear(): void;
  readonly invalid: boolean;
}

export function createFieldMessage(
  field: HTMLElement | null,
  testid = 'field-message',
): FieldMessage {
  const element = h('p', {
    className: 'field-message',
    role: 'status',
    hidden: true,
    dataset: { testid },
  });
  let invalid = false;
  const set = (text: string, kind: 'error' | 'note') => {
    element.textContent = text;
    element.dataset.kind = kind;
    element.hidden = text === '';
    invalid = kind === 'error' && text !== '';
    if (invalid) field?.setAttribute('aria-invalid', 'true');
    else field?.removeAttribute('aria-invalid');
  };
  return {
    element,
    error: (text) => set(text, 'error'),
    note: (text) => set(text, 'note'),
    clear: () => set('', 'note'),
    get invalid() {
      return invalid;
    },
  };
}
