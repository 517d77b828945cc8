/**
 * The side-input contract (see `cell.ts`): checks that a call passes exactly the side inputs
 * a cell declares, with the right shapes, and the plumbing composite cells need (the union
 * of their parts' declarations, and the subset each part reads).
 *
 * Per step a side input is `[batch, size]`; per sequence `[batch, time, size]`, aligned with
 * `x` step for step (a padded step's side inputs are read but its state is not kept).
 */
import { ConfigError, describeValue } from '@recurrent/errors';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Cell, SideInput } from './cell.js';
import { checkShape } from './check-shape.js';

/** The side inputs a cell declares (none for most cells). */
export function sideInputsOf(cell: Pick<Cell, 'sideInputs'>): readonly SideInput[] {
  return cell.sideInputs ?? [];
}

function describeDeclared(cell: Pick<Cell, 'name' | 'sideInputs'>, axes: string): string {
  const declared = sideInputsOf(cell);
  if (declared.length === 0) return `"${cell.name}" reads no side inputs`;
  return `"${cell.name}" reads ${declared.map((s) => `${s.name} [${axes}${s.size}]`).join(' and ')} at every step`;
}

/**
 * Throws unless `given` holds exactly the cell's side inputs, each of shape `[...lead,
 * size]` (`lead` is `[batch]` for a step, `[batch, time]` for a sequence).
 */
function checkGiven(
  who: string,
  cell: Pick<Cell, 'name' | 'sideInputs'>,
  lead: readonly number[],
  given: Readonly<Record<string, Tensor>> | undefined,
  call: string,
): void {
  const axes = lead.length === 1 ? 'batch, ' : 'batch, time, ';
  if (given !== undefined && (given === null || typeof given !== 'object')) {
    throw new ConfigError(
      `${who}: expected sideInputs to be an object of tensors keyed by name, got ${describeValue(given)}. ${call}`,
    );
  }
  const declared = sideInputsOf(cell);
  const names = new Set(declared.map((s) => s.name));
  for (const name of Object.keys(given ?? {})) {
    if (!names.has(name)) {
      throw new ConfigError(
        `${who}: unexpected side input "${name}": ${describeDeclared(cell, axes)}. ${
          declared.length === 0
            ? 'Remove sideInputs, or use a cell that declares them (e.g. gruDCell).'
            : call
        }`,
      );
    }
  }
  for (const spec of declared) {
    const tensor = given?.[spec.name];
    if (tensor === undefined) {
      throw new ConfigError(
        `${who}: missing side input "${spec.name}": ${describeDeclared(cell, axes)}. ${call}`,
      );
    }
    checkShape(
      who,
      `side input "${spec.name}"`,
      tensor,
      [...lead, spec.size],
      `Pass one [${axes}${spec.size}] tensor, aligned with x.`,
    );
  }
}

/** Checks the side inputs of a `step(x, state, { sideInputs })` call with `batch` rows. */
export function checkStepSideInputs(
  who: string,
  cell: Pick<Cell, 'name' | 'sideInputs'>,
  batch: number,
  given: Readonly<Record<string, Tensor>> | undefined,
): void {
  const names = sideInputsOf(cell).map((s) => s.name);
  checkGiven(
    who,
    cell,
    [batch],
    given,
    `Pass step(x, state, { sideInputs: { ${names.join(', ')} } }).`,
  );
}

/** Checks the side inputs of a `runRnn(cell, x, { sideInputs })` call over `[batch, time]`. */
export function checkSequenceSideInputs(
  who: string,
  cell: Pick<Cell, 'name' | 'sideInputs'>,
  batch: number,
  time: number,
  given: Readonly<Record<string, Tensor>> | undefined,
): void {
  const names = sideInputsOf(cell).map((s) => s.name);
  checkGiven(
    who,
    cell,
    [batch, time],
    given,
    `Pass runRnn(cell, x, { sideInputs: { ${names.join(', ')} } }).`,
  );
}

/**
 * The side inputs of a composite cell: every name its parts declare, once. Throws when two
 * parts declare one name with different widths (one name is one tensor).
 */
export function combineSideInputs(who: string, parts: readonly Cell[]): readonly SideInput[] {
  const seen = new Map<string, { spec: SideInput; part: Cell }>();
  for (const part of parts) {
    for (const spec of sideInputsOf(part)) {
      const before = seen.get(spec.name);
      if (before && before.spec.size !== spec.size) {
        throw new ConfigError(
          `${who}: "${before.part.name}" reads side input "${spec.name}" of width ${before.spec.size} but "${part.name}" of width ${spec.size}; a name is one tensor shared by every part. Give the parts equal input sizes, or use them in separate models.`,
        );
      }
      if (!before) seen.set(spec.name, { spec, part });
    }
  }
  return Object.freeze([...seen.values()].map((v) => v.spec));
}

/** The subset of `given` that `part` declares, or `undefined` when it declares none. */
export function sideInputsFor<T extends Tensor>(
  part: Pick<Cell, 'sideInputs'>,
  given: Readonly<Record<string, T>> | undefined,
): Readonly<Record<string, T>> | undefined {
  const declared = sideInputsOf(part);
  if (declared.length === 0 || given === undefined) return undefined;
  return Object.fromEntries(declared.map((s) => [s.name, given[s.name]!]));
}
