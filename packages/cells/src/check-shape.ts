/**
 * Shape checks shared by the cells, the time loop and the stepper. Each throws a
 * `ShapeError` that says what failed, what was expected, what was received and how to fix it.
 */
import { ConfigError, describeValue, ShapeError } from '@recurrent/errors';
import type { Tensor } from '@tensorflow/tfjs-core';

/** `[batch, 32]` style text for an expected shape; `null` means any size. */
function formatShape(expected: readonly (number | string | null)[]): string {
  return `[${expected.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

/**
 * Throws unless `tensor` has `expected.length` axes and every numeric entry of `expected`
 * matches (string entries such as `'batch'` only name the axis).
 */
export function checkShape(
  who: string,
  what: string,
  tensor: Tensor | undefined,
  expected: readonly (number | string | null)[],
  fix: string,
): void {
  if (tensor === undefined || tensor === null || !Array.isArray(tensor.shape)) {
    throw new ShapeError(
      `${who}: expected ${what} to be a tensor of shape ${formatShape(expected)}, got ${describeValue(tensor)}. ${fix}`,
    );
  }
  const ok =
    tensor.shape.length === expected.length &&
    expected.every((d, i) => typeof d !== 'number' || tensor.shape[i] === d);
  if (!ok) {
    throw new ShapeError(
      `${who}: expected ${what} of shape ${formatShape(expected)}, got [${tensor.shape.join(', ')}]. ${fix}`,
    );
  }
}

/** Throws a `ConfigError` unless `value` is an integer >= `min`. */
export function checkInteger(who: string, what: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ConfigError(
      `${who}: expected ${what} to be an integer >= ${min}, got ${describeValue(value)}. Pass e.g. ${what}: ${Math.max(min, 32)}.`,
    );
  }
  return value;
}

/** Throws a `ConfigError` unless `value` is one of `allowed`. */
export function checkChoice<T extends string>(
  who: string,
  what: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(
      `${who}: unknown ${what} ${typeof value === 'string' ? `"${value}"` : describeValue(value)}. Available: ${allowed.join(', ')}.`,
    );
  }
  return value as T;
}
