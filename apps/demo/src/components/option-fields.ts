/**
 * Form controls generated from a task's option specs (`@recurrent/task`), the way the CLI
 * generates its flags: a number input for integers and numbers (bounds from the spec), a
 * select for choices, a checkbox for booleans, a text input otherwise; the spec's help and
 * accepted range as the tooltip. A page picks which options to show, and may relabel them.
 *
 * @example
 * const fields = createOptionFields(info.hyperParameters, ['units', { key: 'timeSteps', label: 'window (chars)' }], initial);
 * fields.values(); // { units: 64, timeSteps: 32 }, or null when a field is empty or out of range
 *
 * A number outside its range (the spec's, or the page's tighter `max`) or an empty field is
 * never clamped or replaced: the message under the field says what to type, and `values()`
 * is null until it is fixed.
 */

import { ConfigError } from '@recurrent/errors';
import {
  describeSpec,
  kebabCase,
  type OptionSpec,
  type OptionSpecs,
  type OptionValue,
  type OptionValues,
} from '@recurrent/task';
import { checkNumber } from '../lib/check-number.js';
import { h } from '../lib/dom.js';
import { createFieldMessage, type FieldMessage } from './field-message.js';

/** One shown option: its key in the specs, and the label and test id when not the defaults. */
export interface OptionField {
  readonly key: string;
  /** Default: the key as words (`learningRate` -> `learning rate`). */
  readonly label?: string;
  /** `data-testid`; default: the key in kebab-case (`learning-rate`). */
  readonly testid?: string;
  /** A tighter maximum than the spec's, for the page (units 512: a page should stay responsive). */
  readonly max?: number;
  /** Why `max` is there, shown when a value goes past it. */
  readonly maxWhy?: string;
}

export interface OptionFields {
  /** The controls in a `.form-grid`. */
  readonly element: HTMLElement;
  /** The values shown, by key; null (and a message under each bad field) when one is invalid. */
  values(): OptionValues | null;
  /** Puts values in the fields (e.g. from the URL, or a restored model's settings). */
  set(values: Readonly<Record<string, OptionValue | undefined>>): void;
  /** Called after the reader changes a field. */
  onChange(listener: () => void): void;
}

type Control = HTMLInputElement | HTMLSelectElement;

/**
 * Spinner steps for a number: a tenth of its initial value's order of magnitude (0.01 steps
 * by 0.001), so the arrows nudge a learning rate instead of jumping by 1.
 */
function numberStep(spec: OptionSpec, initial: OptionValue | undefined): number | 'any' {
  if (spec.type === 'integer') return 1;
  const v = Math.abs(Number(initial));
  return v > 0 && Number.isFinite(v) ? 10 ** (Math.floor(Math.log10(v)) - 1) : 'any';
}

function controlFor(
  spec: OptionSpec,
  initial: OptionValue | undefined,
  attrs: Record<string, unknown>,
): Control {
  if (spec.choices) {
    const select = h(
      'select',
      attrs,
      ...spec.choices.map((c) => h('option', { value: c, selected: c === initial }, c)),
    );
    return select;
  }
  if (spec.type === 'boolean')
    return h('input', { ...attrs, type: 'checkbox', checked: initial === true });
  if (spec.type === 'integer' || spec.type === 'number') {
    return h('input', {
      ...attrs,
      type: 'number',
      value: initial ?? '',
      min: spec.min,
      max: spec.max,
      step: numberStep(spec, initial),
    });
  }
  return h('input', { ...attrs, type: 'text', value: initial ?? '' });
}

interface Shown {
  readonly spec: OptionSpec;
  readonly control: Control;
  readonly label: string;
  readonly message: FieldMessage;
  readonly max: number | undefined;
  readonly maxWhy: string | undefined;
}

/** The field's value, or undefined after showing why it is not one. */
function read(f: Shown): OptionValue | undefined {
  const { spec, control } = f;
  if (control instanceof HTMLInputElement && control.type === 'checkbox') return control.checked;
  if (spec.type === 'integer' || spec.type === 'number') {
    const checked = checkNumber(f.label, control.value, {
      ...(spec.min !== undefined ? { min: spec.min } : {}),
      ...(f.max !== undefined ? { max: f.max } : spec.max !== undefined ? { max: spec.max } : {}),
      ...(f.maxWhy && f.max !== undefined ? { maxWhy: f.maxWhy } : {}),
      integer: spec.type === 'integer',
    });
    if (!checked.ok) {
      f.message.error(checked.message);
      return undefined;
    }
    f.message.clear();
    return checked.value;
  }
  return control.value;
}

export function createOptionFields(
  specs: OptionSpecs,
  fields: readonly (string | OptionField)[],
  initial: Readonly<Record<string, OptionValue | undefined>> = {},
): OptionFields {
  const shown = fields.map((f) => (typeof f === 'string' ? { key: f } : f));
  const controls = new Map<string, Shown>();
  const listeners: (() => void)[] = [];
  const labels = shown.map((field) => {
    const spec = specs[field.key];
    if (!spec) {
      throw new ConfigError(
        `createOptionFields: no option "${field.key}" in the task's specs. Known: ${Object.keys(specs).join(', ')}.`,
      );
    }
    const label = field.label ?? kebabCase(field.key).replaceAll('-', ' ');
    const value = initial[field.key] ?? spec.default;
    const testid = field.testid ?? kebabCase(field.key);
    const max = field.max !== undefined ? Math.min(field.max, spec.max ?? field.max) : undefined;
    const control = controlFor(spec, value, {
      'aria-label': label,
      dataset: { testid, option: field.key },
      ...(max !== undefined ? { max } : {}),
    });
    const message = createFieldMessage(control, `${testid}-message`);
    const shown: Shown = { spec, control, label, message, max, maxWhy: field.maxWhy };
    controls.set(field.key, shown);
    control.addEventListener('input', () => {
      read(shown); // the message follows the typing; the action checks again
      for (const l of listeners) l();
    });
    return h(
      'label',
      { title: `${spec.help} (${describeSpec(spec)})` },
      h('span', {}, label),
      control,
      message.element,
    );
  });
  return {
    element: h('div', { className: 'form-grid', dataset: { testid: 'option-fields' } }, ...labels),
    values() {
      const out: OptionValues = {};
      let ok = true;
      for (const [key, shown] of controls) {
        const v = read(shown);
        if (v === undefined) ok = false;
        else out[key] = v;
      }
      return ok ? out : null;
    },
    set(values) {
      for (const [key, { control }] of controls) {
        const v = values[key];
        if (v === undefined) continue;
        if (control instanceof HTMLInputElement && control.type === 'checkbox') {
          control.checked = v === true;
        } else control.value = String(v);
        read(controls.get(key)!);
      }
    },
    onChange(listener) {
      listeners.push(listener);
    },
  };
}
