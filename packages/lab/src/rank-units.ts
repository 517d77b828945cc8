/**
 * Which units of a trained char-LM track which features of the text (Karpathy, Johnson &
 * Fei-Fei, "Visualizing and Understanding Recurrent Networks", 2015): the model reads the
 * text, and every hidden unit h and (LSTM) cell unit c is correlated, over the characters,
 * with each feature of `textFeatures` (inside quotes, position in line, ...). Units are
 * ranked per feature by |r|, Pearson's correlation, with its sign kept: r = -0.9 is a unit
 * that goes low inside quotes.
 *
 * A cell unit is correlated through tanh(c), the value the output gate passes on (and the
 * one the demo colours): a raw c can drift without bound, and the shipped model has a unit
 * whose c falls by about 1 per character read (a clock since the zero state, -145 after 230
 * characters) that would correlate with anything that trends over the text.
 */
import type { CharLm } from '@recurrent/char-lm';
import { ConfigError } from '@recurrent/errors';
import { type CharLmStates, charLmStates, type UnitName } from './char-lm-states.js';
import { pearson } from './pearson.js';
import { type TextFeature, textFeatures } from './text-features.js';
import { unitsTraceText } from './units-trace-text.js';

export type UnitStates = 'h' | 'c' | 'both';

export interface RankUnitsOptions {
  /** The text the model reads. */
  readonly text?: string;
  /** Which states to rank: h, c (LSTM only) or both. */
  readonly states?: UnitStates;
  /** Units kept per feature in `top`. */
  readonly top?: number;
  /** The features to correlate with. */
  readonly features?: readonly TextFeature[];
}

export const rankUnitsDefaults = Object.freeze({
  text: unitsTraceText.text, // Moby Dick, ch. 48: quotes, parentheses inside them, line breaks
  states: 'both' as UnitStates, // an LSTM's c holds what h only shows through the output gate
  top: 3, // enough to see whether one unit stands out or several share the job
  features: textFeatures,
});

export interface RankedUnit {
  /** Index into `UnitRanking.units`. */
  readonly unit: number;
  readonly name: string;
  readonly r: number;
}

export interface FeatureRanking {
  readonly name: string;
  readonly label: string;
  /** The feature at every character (NaN where it does not apply). */
  readonly values: Float64Array;
  /** r of every unit of `units`, in their order (NaN for a unit that never moves). */
  readonly r: Float64Array;
  /** The `top` units by |r|, strongest first; empty when the text never varies the feature. */
  readonly top: readonly RankedUnit[];
}

export interface UnitRanking {
  readonly chars: readonly string[];
  readonly unseen: readonly string[];
  /** The ranked units (those of `states`). */
  readonly units: readonly UnitName[];
  /** Row-major `[time, units]` values of the ranked units: h as it is, c through tanh. */
  readonly activations: Float32Array;
  readonly features: readonly FeatureRanking[];
}

/** The columns of the units of `states`, c through tanh. */
function selectUnits(all: CharLmStates, states: UnitStates) {
  const keep = all.units.flatMap((u, k) => (states === 'both' || u.state === states ? [k] : []));
  const time = all.chars.length;
  const width = all.units.length;
  const activations = new Float32Array(time * keep.length);
  for (let t = 0; t < time; t++) {
    keep.forEach((k, j) => {
      const v = all.values[t * width + k]!;
      activations[t * keep.length + j] = all.units[k]!.state === 'c' ? Math.tanh(v) : v;
    });
  }
  return { units: keep.map((k) => all.units[k]!), activations };
}

/** Column u of a row-major `[time, width]` matrix. */
function column(values: Float32Array, width: number, u: number): Float64Array {
  const time = values.length / width;
  return Float64Array.from({ length: time }, (_, t) => values[t * width + u]!);
}

/**
 * @example
 * const ranking = await rankUnits(model); // the default trace text, h and c, top 3
 * ranking.features[0].top[0]; // { unit: 470, name: 'c214', r: 0.28 } (inside quotes, the shipped model)
 */
export async function rankUnits(
  model: CharLm,
  options: RankUnitsOptions = {},
): Promise<UnitRanking> {
  const o = { ...rankUnitsDefaults, ...options };
  if (!(Number.isInteger(o.top) && o.top >= 1)) {
    throw new ConfigError(`rankUnits: expected top to be an integer >= 1, got ${o.top}.`);
  }
  if (!['h', 'c', 'both'].includes(o.states)) {
    throw new ConfigError(
      `rankUnits: expected states to be one of h, c, both, got ${JSON.stringify(o.states)}.`,
    );
  }
  const all = await charLmStates(model, o.text);
  if (o.states === 'c' && !all.units.some((u) => u.state === 'c')) {
    throw new ConfigError(
      `rankUnits: states "c" asks for cell states, and this ${model.hyperParameters.cell} model has none (only an LSTM has c). Use "h" or "both".`,
    );
  }
  const { units, activations } = selectUnits(all, o.states);
  const width = units.length;
  const columns = units.map((_, u) => column(activations, width, u));
  const features = o.features.map((feature): FeatureRanking => {
    const values = feature.of(all.chars);
    const r = Float64Array.from(columns, (col) => pearson(col, values));
    const top = [...r.keys()]
      .filter((u) => Number.isFinite(r[u]!))
      .sort((a, b) => Math.abs(r[b]!) - Math.abs(r[a]!) || a - b)
      .slice(0, o.top)
      .map((u) => ({ unit: u, name: units[u]!.name, r: r[u]! }));
    return { name: feature.name, label: feature.label, values, r, top };
  });
  return { chars: all.chars, unseen: all.unseen, units, activations, features };
}
