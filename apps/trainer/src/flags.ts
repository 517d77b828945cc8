/**
 * Declarative command-line flags: each has a type, a default and help text; parsing checks
 * types and choices and says what was expected. Built on node:util's parseArgs.
 */
import { parseArgs } from 'node:util';
import { describeSpec, kebabCase, type OptionSpecs, satisfiesSpec } from '@recurrent/task';
import { UsageError } from './usage-error.js';

export interface FlagSpec {
  readonly name: string; // kebab-case, without dashes
  readonly type: 'string' | 'number' | 'integer' | 'boolean' | 'path';
  readonly help: string;
  /** Shown in help; undefined means "none" (the flag is optional). */
  readonly default?: string | number | boolean;
  readonly choices?: readonly string[];
  readonly short?: string;
  /** Bounds of a number, as in an OptionSpec. */
  readonly min?: number;
  readonly exclusiveMin?: boolean;
  readonly max?: number;
  readonly exclusiveMax?: boolean;
  /** A boolean that `--no-<name>` turns off (task options; their defaults may be true). */
  readonly negatable?: boolean;
}

/**
 * A task's options as flags (`timeSteps` -> `--time-steps`). `withDefault: false` leaves the
 * default out of parsing (a hyper-parameter's default comes from the preset) and `help`
 * rewrites each help line.
 */
export function optionFlags(
  specs: OptionSpecs,
  options: {
    readonly withDefault?: boolean;
    readonly help?: (help: string, name: string) => string;
  } = {},
): FlagSpec[] {
  return Object.entries(specs).map(([name, spec]) => {
    const { default: value, help, ...rest } = spec;
    return {
      ...rest,
      name: kebabCase(name),
      ...(spec.type === 'boolean' ? { negatable: true } : {}),
      help: options.help ? options.help(help, name) : help,
      ...(options.withDefault === false || value === undefined ? {} : { default: value }),
    };
  });
}

/** `--units -5`: a negative number after a flag that takes a value is that value, not a flag. */
function joinNegativeValues(specs: readonly FlagSpec[], argv: readonly string[]): string[] {
  const valued = new Set(specs.filter((s) => s.type !== 'boolean').map((s) => `--${s.name}`));
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (valued.has(arg) && next !== undefined && /^-(\d|\.\d|Infinity|NaN)/.test(next)) {
      out.push(`${arg}=${next}`);
      i += 1;
    } else out.push(arg);
  }
  return out;
}

export type FlagValues = Record<string, string | number | boolean | undefined>;

export function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function parseFlags(
  specs: readonly FlagSpec[],
  argv: readonly string[],
): { values: FlagValues; positionals: string[]; given: Set<string> } {
  const options = Object.fromEntries([
    ...specs.map((s) => [
      s.name,
      {
        type: s.type === 'boolean' ? ('boolean' as const) : ('string' as const),
        ...(s.short ? { short: s.short } : {}),
      },
    ]),
    // Every boolean can be turned off: `--no-bidirectional`.
    ...specs.filter((s) => s.negatable).map((s) => [`no-${s.name}`, { type: 'boolean' as const }]),
  ]);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(specs, argv),
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  const values: FlagValues = {};
  const given = new Set<string>();
  for (const spec of specs) {
    const negated = spec.negatable === true && parsed.values[`no-${spec.name}`] === true;
    if (negated && parsed.values[spec.name] !== undefined) {
      throw new UsageError(`--${spec.name} and --no-${spec.name} contradict each other: pass one.`);
    }
    const raw = negated ? false : parsed.values[spec.name];
    if (raw !== undefined) given.add(spec.name);
    const key = camel(spec.name);
    if (raw === undefined) {
      values[key] = spec.default;
      continue;
    }
    if (spec.type === 'boolean') {
      values[key] = raw as boolean;
      continue;
    }
    const text = String(raw);
    if (spec.choices && !spec.choices.includes(text)) {
      throw new UsageError(
        `--${spec.name}: unknown value "${text}". Available: ${spec.choices.join(', ')}.`,
      );
    }
    if (spec.type === 'string') {
      values[key] = text;
      continue;
    }
    if (spec.type === 'path') {
      if (text.trim() === '') {
        throw new UsageError(`--${spec.name}: expected a path, got an empty text.`);
      }
      values[key] = text;
      continue;
    }
    const n = Number(text);
    if (
      text.trim() === '' ||
      !Number.isFinite(n) ||
      (spec.type === 'integer' && !Number.isInteger(n))
    ) {
      throw new UsageError(`--${spec.name}: expected ${describeSpec(spec)}, got "${text}".`);
    }
    if (!satisfiesSpec(spec, n)) {
      throw new UsageError(`--${spec.name}: expected ${describeSpec(spec)}, got ${text}.`);
    }
    values[key] = n;
  }
  return { values, positionals: parsed.positionals, given };
}

export function formatFlags(specs: readonly FlagSpec[]): string {
  const rows = specs.map((s) => {
    const name = s.negatable ? `[no-]${s.name}` : s.name;
    const left = `  --${name}${s.type === 'boolean' ? '' : ` <${s.choices ? s.choices.join('|') : s.type === 'string' ? 'text' : s.type === 'path' ? 'path' : 'n'}>`}`;
    const def = s.default === undefined || s.default === false ? '' : ` (default ${s.default})`;
    return [left, `${s.help}${def}`] as const;
  });
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  return rows.map(([l, r]) => l.padEnd(width) + r).join('\n');
}
