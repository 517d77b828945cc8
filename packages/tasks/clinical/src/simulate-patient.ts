/**
 * The hidden physiology of one generated ICU stay: a severity trajectory over 48 hours and
 * five organ systems that follow it with their own drift, and an in-hospital death drawn
 * from the trajectory (late severity, its change over the stay, kidney and brain failure
 * at the end, age) rather than from any one static field. `chartStay` turns it into the
 * measurements a chart would hold.
 *
 * The numbers are chosen to look like the PhysioNet 2012 cohort (age ~64, 56% male, ICU
 * types 15/21/36/28%, ~14% in-hospital deaths, a few deaths and discharges before 48 h),
 * not fitted to it: it is a simulation, and the README says so.
 *
 * @example
 * const patient = simulatePatient(createRandom(1));
 * patient.organs.renal[48]; patient.died; patient.endMinute;
 */
import type { Random } from '@recurrent/random';

export type Organ = 'cardio' | 'resp' | 'renal' | 'infection' | 'neuro';

export interface SimulatedPatient {
  readonly age: number;
  /** 0 female, 1 male. */
  readonly gender: 0 | 1;
  /** cm; NaN when not charted. */
  readonly height: number;
  /** kg at admission; NaN when not charted. */
  readonly weight: number;
  /** 1 coronary care, 2 cardiac surgery recovery, 3 medical, 4 surgical. */
  readonly icuType: 1 | 2 | 3 | 4;
  readonly ventilated: boolean;
  /** Severity at each hour 0..48 (about N(0, 1) at admission; higher is sicker). */
  readonly severity: Float64Array;
  /** Each organ's derangement at each hour 0..48 (0 = normal). */
  readonly organs: Readonly<Record<Organ, Float64Array>>;
  /** Fever (+1) or hypothermia (-1) in infection; leukocytosis (+1) or leukopenia (-1). */
  readonly feverSign: 1 | -1;
  readonly leukocyteSign: 1 | -1;
  /** The probability of death given the course alone (without the unexplained part), and the draw. */
  readonly risk: number;
  readonly died: boolean;
  /** Minutes of charting: 2880 (48 h) unless the patient died or left before. */
  readonly endMinute: number;
}

export const simulatePatientDefaults = Object.freeze({
  mortalityIntercept: -5.2, // measured: 13.9% deaths over 20,000 simulated stays (seed 2012), as in the 2012 cohort
  earlyDeath: 0.12, // deaths that happen inside the 48 h window (charts stop there)
  earlyDischarge: 0.03, // survivors moved out before 48 h
  unexplained: 2, // sd of the part of the death logit no measurement reflects (keeps AUROC realistic)
});

const HOURS = 48;
const ORGANS: readonly Organ[] = ['cardio', 'resp', 'renal', 'infection', 'neuro'];
/** How strongly each ICU type's organs follow overall severity. */
const LOADINGS: Record<number, Record<Organ, number>> = {
  1: { cardio: 1.0, resp: 0.4, renal: 0.4, infection: 0.2, neuro: 0.3 },
  2: { cardio: 0.8, resp: 0.5, renal: 0.5, infection: 0.2, neuro: 0.3 },
  3: { cardio: 0.5, resp: 0.7, renal: 0.6, infection: 0.8, neuro: 0.5 },
  4: { cardio: 0.5, resp: 0.5, renal: 0.5, infection: 0.6, neuro: 0.6 },
};

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const clip = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

function pick<T>(rng: Random, items: readonly T[], weights: readonly number[]): T {
  let u = rng.next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) {
    u -= weights[i]!;
    if (u < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

/** A mean-reverting walk: persistence `phi` per hour, stationary spread `sd`. */
function ouWalk(rng: Random, phi: number, sd: number, start: number): Float64Array {
  const out = new Float64Array(HOURS + 1);
  out[0] = start;
  const step = sd * Math.sqrt(1 - phi * phi);
  for (let h = 1; h <= HOURS; h++) out[h] = phi * out[h - 1]! + step * rng.normal();
  return out;
}

export function simulatePatient(
  rng: Random,
  options: { readonly [K in keyof typeof simulatePatientDefaults]?: number } = {},
): SimulatedPatient {
  const o = { ...simulatePatientDefaults, ...options };
  const age = Math.round(clip(64 + 17 * rng.normal(), 16, 90));
  const gender: 0 | 1 = rng.next() < 0.56 ? 1 : 0;
  const height = rng.next() < 0.47 ? Number.NaN : (gender ? 176 : 163) + 7 * rng.normal();
  const weight =
    rng.next() < 0.08 ? Number.NaN : clip((gender ? 86 : 74) + 18 * rng.normal(), 35, 250);
  const icuType = pick(rng, [1, 2, 3, 4] as const, [0.15, 0.21, 0.36, 0.28]);
  const ageZ = (age - 64) / 17;

  // Severity: starts from admission illness, drifts (improving or deteriorating), wanders.
  const start = 0.8 * rng.normal() + 0.25 * ageZ + (icuType === 2 ? -0.3 : icuType === 3 ? 0.2 : 0);
  const drift = 0.035 * rng.normal() - 0.008 * (icuType === 2 ? 1 : 0); // per hour
  const severity = new Float64Array(HOURS + 1);
  severity[0] = start;
  for (let h = 1; h <= HOURS; h++) {
    const target = start + drift * h;
    severity[h] = severity[h - 1]! + 0.25 * (target - severity[h - 1]!) + 0.12 * rng.normal();
  }
  const loadings = LOADINGS[icuType]!;
  const organs = {} as Record<Organ, Float64Array>;
  for (const organ of ORGANS) {
    const own = ouWalk(rng, 0.93, 0.45, 0.45 * rng.normal());
    organs[organ] = severity.map((s, h) => loadings[organ] * s + own[h]!);
  }
  const ventilated = rng.next() < sigmoid(-0.2 + 1.3 * organs.resp[0]! + (icuType === 2 ? 1.8 : 0));

  // Death follows the course: late severity, its change since admission, organ failure at the end.
  let late = 0;
  for (let h = 36; h <= HOURS; h++) late += severity[h]! / 13;
  const change = severity[HOURS]! - severity[0]!;
  let shockHours = 0; // hours in circulatory failure: the dose of shock, not its peak
  let septic = 0;
  for (let h = 0; h <= HOURS; h++) {
    if (organs.cardio[h]! > 0.9) shockHours++;
    septic += Math.max(0, organs.infection[h]!) / (HOURS + 1);
  }
  const feverSign = rng.next() < 0.25 ? -1 : 1;
  const logit =
    o.mortalityIntercept +
    0.7 * late +
    0.45 * change +
    0.45 * Math.max(0, organs.renal[HOURS]!) +
    0.35 * Math.max(0, organs.neuro[HOURS]!) +
    0.3 * Math.max(0, organs.cardio[HOURS]! - 0.5) +
    0.25 * ageZ +
    0.06 * shockHours +
    (feverSign < 0 ? 1.2 * septic : 0); // hypothermic sepsis is the deadlier kind
  const risk = sigmoid(logit);
  // What no chart shows (comorbidities, goals of care, luck) joins only the draw.
  const died = rng.next() < sigmoid(logit + o.unexplained * rng.normal());
  const leaves = died ? rng.next() < o.earlyDeath : rng.next() < o.earlyDischarge;
  const endMinute = leaves
    ? Math.round(60 * (died ? 18 + 29 * rng.next() : 30 + 17 * rng.next()))
    : HOURS * 60;
  return {
    age,
    gender,
    height,
    weight,
    icuType,
    ventilated,
    severity,
    organs,
    feverSign,
    leukocyteSign: rng.next() < 0.2 ? -1 : 1,
    risk,
    died,
    endMinute,
  };
}

/** An hourly series read at a minute, linearly interpolated. */
export function atMinute(series: Float64Array, minute: number): number {
  const h = Math.min(HOURS, Math.max(0, minute / 60));
  const lo = Math.floor(h);
  const hi = Math.min(HOURS, lo + 1);
  return series[lo]! + (h - lo) * (series[hi]! - series[lo]!);
}
