/**
 * Form controls generated from a task's option specs (`@recurrent/task`), the way the CLI
 * generates its flags: a number input for integers and numbers (bounds from the spec), a
 * select for choices, a checkbox for booleans, a text input otherwise; the spec's help and
 * accepted range as the tooltip. A page picks which options to show, and may relabel them.
 *
 * @example
 * const fields = createOptionFields(info.hyperParameters, ['units', { key: 'timeSteps', label: 'window (chars)' }], initial);
 * fields.values(); // { units: 64, timeSteps: 32 }
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
import { h } from '../lib/dom.js';

/** One shown option: its key in the specs, and the label and test id when not the defaults. */
export interface OptionField {
  readonly key: string;
  /** Default: the key as words (`learningRate` -> `learning rate`). */
  readonly label?: string;
  /** `data-testid`; default: the key in kebab-case (`learning-rate`). */
  readonly testid?: string;
}

export interface OptionFields {
  /** The controls in a `.form-grid`. */
  readonly element: HTMLElement;
  /** The values shown, by key; an empty or unreadable number falls back to its initial value. */
  values(): OptionValues;
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

function read(spec: OptionSpec, control: Control, initial: OptionValue | undefined) {
  if (control instanceof HTMLInputElement && control.type === 'checkbox') return control.checked;
  if (spec.type === 'integer' || spec.type === 'number') {
    const v = control.value.trim() === '' ? Number.NaN : Number(control.value);
    if (!Number.isFinite(v)) return initial;
    return spec.type === 'integer' ? Math.round(v) : v;
  }
  return control.value;
}

export function createOptionFields(
  specs: OptionSpecs,
  fields: readonly (string | OptionField)[],
  initial: Readonly<Record<string, OptionValue | undefined>> = {},
): OptionFields {
  const shown = fields.map((f) => (typeof f === 'string' ? { key: f } : f));
  const controls = new Map<string, { spec: OptionSpec; control: Control }>();
  const labels = shown.map((field) => {
    const spec = specs[field.key];
    if (!spec) {
      throw new ConfigError(
        `createOptionFields: no option "${field.key}" in the task's specs. Known: ${Object.keys(specs).join(', ')}.`,
      );
    }
    const label = field.label ?? kebabCase(field.key).replaceAll('-', ' ');
    const value = initial[field.key] ?? spec.default;
    const control = controlFor(spec, value, {
      'aria-label': label,
      dataset: { testid: field.testid ?? kebabCase(field.key), option: field.key },
    });
    controls.set(field.key, { spec, control });
    return h(
      'label',
      { title: `${spec.help} (${describeSpec(spec)})` },
      h('span', {}, label),
      control,
    );
  });
  return {
    element: h('div', { className: 'form-grid', dataset: { testid: 'option-fields' } }, ...labels),
    values() {
      const out: OptionValues = {};
      for (const [key, { spec, control }] of controls) {
        out[key] = read(spec, control, initial[key] ?? spec.default);
      }
      return out;
    },
  };
}
