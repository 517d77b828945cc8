/**
 * Colour scales for activations. Diverging (tanh-like values in [-1, 1]): blue for negative,
 * white at 0, red for positive, as in Karpathy's "Visualizing and Understanding Recurrent
 * Networks". Sequential (gates in [0, 1]): white to deep teal.
 */
type Rgb = readonly [number, number, number];

const white: Rgb = [255, 255, 255];
const blue: Rgb = [37, 99, 235];
const red: Rgb = [220, 38, 38];
const teal: Rgb = [15, 94, 89];

function mix(a: Rgb, b: Rgb, t: number): string {
  const k = Math.max(0, Math.min(1, t));
  const c = a.map((v, i) => Math.round(v + (b[i]! - v) * k));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

export type ColorScale = 'diverging' | 'sequential';

/** Colour of `value` on a scale spanning [-range, range] (diverging) or [0, range] (sequential). */
export function colorOf(value: number, scale: ColorScale, range = 1): string {
  if (!Number.isFinite(value)) return 'rgb(200, 200, 200)';
  if (scale === 'sequential') return mix(white, teal, value / range);
  return value < 0 ? mix(white, blue, -value / range) : mix(white, red, value / range);
}

/** Black or white text, whichever reads better on `colorOf(value, ...)`. */
export function textColorOn(value: number, scale: ColorScale, range = 1): string {
  const strength = scale === 'sequential' ? value / range : Math.abs(value) / range;
  return strength > 0.55 ? '#fff' : '#1f2937';
}
