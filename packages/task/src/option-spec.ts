/**
 * Declarative options: a task describes each hyper-parameter, data option and inference
 * option once (type, default, bounds, help), and the apps generate from it what they show:
 * the CLI's flags (`--time-steps <n>`) and the demo's controls. `checkOption` checks one value
 * against its spec with a message that says what was expected, what came and how to fix it.
 */
import { ConfigError, describeValue } from '@recurrent/errors';

export type OptionValue = string | number | boolean;

export interface OptionSpec {
  /** 'path' is a string naming a file or folder; the app resolves it. */
  readonly type: 'integer' | 'number' | 'string' | 'boolean' | 'path';
  /** One line for `--help` and the page's tooltip. */
  readonly help: string;
  /** Undefined: optional, with no value unless given. */
  readonly default?: OptionValue;
  readonly choices?: readonly string[];
  /** Smallest allowed number (inclusive unless `exclusiveMin`). */
  readonly min?: number;
  readonly exclusiveMin?: boolean;
  /** Largest allowed number (inclusive unless `exclusiveMax`). */
  readonly max?: number;
  readonly exclusiveMax?: boolean;
  /** A one-letter CLI alias. */
  readonly short?: string;
}

/** Options by their camelCase name, in the order they are shown. */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export type OptionValues = Record<string, OptionValue | undefined>;

/** `timeSteps` -> `time-steps` (the CLI's flag name). */
export function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** `time-steps` -> `timeSteps`. */
export function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** "an integer in [1, 100000]", "a number > 0", "one of lstm, gru, rnn": what a spec accepts. */
export function describeSpec(spec: OptionSpec): string {
  if (spec.choices) return `one of ${spec.choices.join(', ')}`;
  if (spec.type === 'boolean') return 'true or false';
  if (spec.type === 'string' || spec.type === 'path') return 'a non-empty text';
  const kind = spec.type === 'integer' ? 'an integer' : 'a number';
  const { min, max } = spec;
  if (min !== undefined && max !== undefined) {
    return `${kind} in ${spec.exclusiveMin ? '(' : '['}${min}, ${max}${spec.exclusiveMax ? ')' : ']'}`;
  }
  if (min !== undefined) return `${kind} ${spec.exclusiveMin ? '>' : '>='} ${min}`;
  if (max !== undefined) return `${kind} ${spec.exclusiveMax ? '<' : '<='} ${max}`;
  return kind;
}

/** True when `value` satisfies `spec` (type, choices and bounds). */
export function satisfiesSpec(spec: OptionSpec, value: unknown): boolean {
  if (spec.choices) return typeof value === 'string' && spec.choices.includes(value);
  switch (spec.type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
    case 'path':
      return typeof value === 'string' && value.length > 0;
    default: {
      if (typeof value !== 'number' || !Number.isFinite(value)) return false;
      if (spec.type === 'integer' && !Number.isInteger(value)) return false;
      const { min, max } = spec;
      if (min !== undefined && (spec.exclusiveMin ? value <= min : value < min)) return false;
      if (max !== undefined && (spec.exclusiveMax ? value >= max : value > max)) return false;
      return true;
    }
  }
}

/**
 * Checks one value against its spec and returns it.
 *
 * @example
 * checkOption('char-lm', 'units', { type: 'integer', min: 1, max: 4096, help: '' }, -5);
 * // ConfigError: char-lm: expected units to be an integer in [1, 4096], got -5.
 */
export function checkOption(
  who: string,
  name: string,
  spec: OptionSpec,
  value: unknown,
): OptionValue {
  if (!satisfiesSpec(spec, value)) {
    throw new ConfigError(
      `${who}: expected ${name} to be ${describeSpec(spec)}, got ${describeValue(value)}.`,
    );
  }
  return value as OptionValue;
}

/**
 * Checks every value named in `values` against `specs` (unknown names are an error) and
 * fills in the defaults of the rest.
 */
export function resolveOptions(
  who: string,
  specs: OptionSpecs,
  values: OptionValues = {},
): OptionValues {
  const unknown = Object.keys(values).filter((k) => !(k in specs) && values[k] !== undefined);
  if (unknown.length > 0) {
    throw new ConfigError(
      `${who}: unknown option ${unknown.map((k) => `"${k}"`).join(', ')}. Known: ${Object.keys(specs).join(', ') || 'none'}.`,
    );
  }
  const out: OptionValues = {};
  for (const [name, spec] of Object.entries(specs)) {
    const value = values[name] ?? spec.default;
    out[name] = value === undefined ? undefined : checkOption(who, name, spec, value);
  }
  return out;
}
