/**
 * Declarative command-line flags: each has a type, a default and help text; parsing checks
 * types and choices and says what was expected. Built on node:util's parseArgs.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

export interface FlagSpec {
  readonly name: string; // kebab-case, without dashes
  readonly type: 'string' | 'number' | 'integer' | 'boolean';
  readonly help: string;
  /** Shown in help; undefined means "none" (the flag is optional). */
  readonly default?: string | number | boolean;
  readonly choices?: readonly string[];
  readonly short?: string;
}

export type FlagValues = Record<string, string | number | boolean | undefined>;

export function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function parseFlags(
  specs: readonly FlagSpec[],
  argv: readonly string[],
): { values: FlagValues; positionals: string[] } {
  const options = Object.fromEntries(
    specs.map((s) => [
      s.name,
      {
        type: s.type === 'boolean' ? ('boolean' as const) : ('string' as const),
        ...(s.short ? { short: s.short } : {}),
      },
    ]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  const values: FlagValues = {};
  for (const spec of specs) {
    const raw = parsed.values[spec.name];
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
    const n = Number(text);
    if (
      text.trim() === '' ||
      !Number.isFinite(n) ||
      (spec.type === 'integer' && !Number.isInteger(n))
    ) {
      throw new UsageError(
        `--${spec.name}: expected ${spec.type === 'integer' ? 'an integer' : 'a number'}, got "${text}".`,
      );
    }
    values[key] = n;
  }
  return { values, positionals: parsed.positionals };
}

export function formatFlags(specs: readonly FlagSpec[]): string {
  const rows = specs.map((s) => {
    const left = `  --${s.name}${s.type === 'boolean' ? '' : ` <${s.choices ? s.choices.join('|') : s.type === 'string' ? 'text' : 'n'}>`}`;
    const def = s.default === undefined || s.default === false ? '' : ` (default ${s.default})`;
    return [left, `${s.help}${def}`] as const;
  });
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  return rows.map(([l, r]) => l.padEnd(width) + r).join('\n');
}
