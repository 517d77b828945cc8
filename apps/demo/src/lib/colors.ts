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

const grey: Rgb = [200, 200, 200];

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  const k = Math.max(0, Math.min(1, t));
  return [
    Math.round(a[0] + (b[0] - a[0]) * k),
    Math.round(a[1] + (b[1] - a[1]) * k),
    Math.round(a[2] + (b[2] - a[2]) * k),
  ];
}

export type ColorScale = 'diverging' | 'sequential';

/** `[r, g, b]` (0-255) of `value` on a scale spanning [-range, range] (diverging) or [0, range] (sequential). */
export function rgbOf(value: number, scale: ColorScale, range = 1): Rgb {
  if (!Number.isFinite(value)) return grey;
  if (scale === 'sequential') return mix(white, teal, value / range);
  return value < 0 ? mix(white, blue, -value / range) : mix(white, red, value / range);
}

/** CSS colour of `value` (see `rgbOf`). */
export function colorOf(value: number, scale: ColorScale, range = 1): string {
  const [r, g, b] = rgbOf(value, scale, range);
  return `rgb(${r}, ${g}, ${b})`;
}

/** Black or white text, whichever reads better on `colorOf(value, ...)`. */
export function textColorOn(value: number, scale: ColorScale, range = 1): string {
  const strength = scale === 'sequential' ? value / range : Math.abs(value) / range;
  return strength > 0.55 ? '#fff' : '#1f2937';
}
