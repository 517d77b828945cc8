/**
 * Charts a simulated patient the way an ICU does, in the PhysioNet 2012 file format:
 * descriptors at 00:00, then vitals about hourly (nurse rounds with gaps), blood gases for
 * ventilated patients every few hours, labs once or twice a day (more often when sick),
 * rare tests (liver panel, troponin in coronary care, cholesterol) for a few patients, and
 * rare sensor artefacts (an arterial line reading 0, a temperature in °F) that the parser
 * must report. Values carry measurement noise and per-patient offsets.
 *
 * @example
 * const text = chartStay(simulatePatient(rng), 200001, rng); // "Time,Parameter,Value\n00:00,RecordID,200001\n..."
 */
import type { Random } from '@recurrent/random';
import { atMinute, type Organ, type SimulatedPatient } from './simulate-patient.js';

interface Line {
  readonly minute: number;
  readonly name: string;
  readonly value: string;
}

const clip = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
/** Formats like the real files: integers bare, others with up to `digits` decimals. */
const fmt = (x: number, digits: number) => String(Number(x.toFixed(digits)));

export const chartStayDefaults = Object.freeze({
  artefactRate: 0.0008, // about 1 line in 1,250 is a sensor artefact, as in real charts
});

export function chartStay(
  p: SimulatedPatient,
  recordId: number,
  rng: Random,
  options: { readonly artefactRate?: number } = {},
): string {
  const artefactRate = options.artefactRate ?? chartStayDefaults.artefactRate;
  const lines: Line[] = [];
  const end = p.endMinute;
  const organ = (o: Organ, t: number) => atMinute(p.organs[o], t);
  const sev = (t: number) => atMinute(p.severity, t);
  const offset = new Map<string, number>(); // per-patient baseline of each variable (in sd units)
  const base = (name: string) => {
    if (!offset.has(name)) offset.set(name, rng.normal());
    return offset.get(name)!;
  };
  const add = (minute: number, name: string, value: string) => {
    if (minute <= end) lines.push({ minute, name, value });
  };
  const n = () => rng.normal();

  const arterial = p.ventilated || p.icuType === 2 || rng.next() < 0.25; // an arterial line
  const round = Math.floor(rng.next() * 50) + 5; // minute of the hour the nurse charts on
  const sedated = p.ventilated && rng.next() < 0.7;
  for (let h = 0; h < 48; h++) {
    const t = h * 60 + round + Math.floor(rng.next() * 4);
    if (rng.next() < 0.1) continue; // a missed round
    const c = organ('cardio', t);
    const inf = organ('infection', t);
    add(t, 'HR', fmt(clip(86 + 11 * c + 7 * inf + 8 * base('HR') + 4 * n(), 30, 220), 0));
    const map = clip(82 - 9 * c + 6 * base('MAP') + 5 * n(), 35, 160);
    const pulse = clip(48 + 9 * base('PP') + 6 * n(), 15, 110);
    const dia = map - pulse / 3;
    const pre = arterial ? '' : 'NI';
    if (rng.next() < (arterial ? 0.95 : 0.75)) {
      add(t, `${pre}DiasABP`, fmt(dia, 0));
      add(t, `${pre}MAP`, fmt(map, arterial ? 0 : 2));
      add(t, `${pre}SysABP`, fmt(dia + pulse, 0));
    }
    if (!p.ventilated || rng.next() < 0.3) {
      add(
        t,
        'RespRate',
        fmt(clip(18 + 3.5 * organ('resp', t) + 2 * base('RR') + 2 * n(), 6, 50), 0),
      );
    }
    if (rng.next() < 0.75) {
      const u =
        100 * Math.exp(-0.6 * organ('renal', t) - 0.25 * c + 0.35 * base('Urine') + 0.4 * n());
      add(t, 'Urine', fmt(rng.next() < 0.04 ? 0 : clip(u, 0, 1500), 0));
    }
    if (h % 2 === 0 && rng.next() < 0.8) {
      const fever = p.feverSign * 0.8 * Math.max(0, inf);
      add(t, 'Temp', fmt(clip(37.0 + fever + 0.3 * base('Temp') + 0.25 * n(), 31, 42.5), 1));
    }
    if (h % 3 === 0 && rng.next() < 0.85) {
      const loss = 3.2 * Math.max(0, organ('neuro', t)) + (sedated ? 5 + 2 * rng.next() : 0);
      add(t, 'GCS', fmt(clip(Math.round(15 - loss + 0.7 * n()), 3, 15), 0));
    }
    if (p.ventilated && h % 4 === 0) {
      add(t, 'MechVent', '1');
      add(t, 'FiO2', fmt(clip(0.4 + 0.12 * organ('resp', t) + 0.05 * n(), 0.21, 1), 2));
    }
  }
  // Blood gases: every 4-6 h when ventilated, now and then otherwise.
  for (
    let t = 30 + Math.floor(rng.next() * 90);
    t < 48 * 60;
    t += 240 + Math.floor(rng.next() * 150)
  ) {
    if (!p.ventilated && rng.next() > 0.12) continue;
    const r = organ('resp', t);
    const acid =
      0.035 * (organ('cardio', t) + 0.7 * organ('infection', t)) + 0.025 * organ('renal', t);
    add(t, 'pH', fmt(clip(7.4 - acid + 0.02 * base('pH') + 0.02 * n(), 6.8, 7.7), 2));
    add(t, 'PaCO2', fmt(clip(40 + 4 * r + 3 * base('PaCO2') + 3 * n(), 18, 110), 0));
    add(t, 'PaO2', fmt(clip(110 - 18 * r + 25 * base('PaO2') + 20 * n(), 40, 500), 0));
    if (rng.next() < 0.4) add(t, 'SaO2', fmt(clip(97 - 1.8 * r + 0.8 * n(), 75, 100), 0));
  }
  // Labs: once on arrival, then every 8-24 h (sooner when sick).
  const lactateOrdered = rng.next() < 0.35 + 0.25 * Math.max(0, p.severity[0]!);
  for (let t = 60 + Math.floor(rng.next() * 300); t < 48 * 60; ) {
    const k = organ('renal', t);
    const inf = organ('infection', t);
    const s = sev(t);
    add(t, 'BUN', fmt(clip(17 * Math.exp(0.45 * k + 0.25 * base('BUN') + 0.08 * n()), 2, 200), 0));
    add(
      t,
      'Creatinine',
      fmt(clip(0.95 * Math.exp(0.42 * k + 0.2 * base('Cr') + 0.06 * n()), 0.2, 20), 1),
    );
    add(t, 'Glucose', fmt(clip(128 + 22 * inf + 25 * base('Glucose') + 25 * n(), 40, 900), 0));
    add(t, 'HCO3', fmt(clip(24 - 2 * k - 1.2 * inf + 1.5 * base('HCO3') + 1.2 * n(), 6, 45), 0));
    add(t, 'HCT', fmt(clip(31 + 4 * base('HCT') + 1.2 * n() - 0.5 * s, 15, 55), 1));
    add(t, 'K', fmt(clip(4.1 + 0.3 * k + 0.35 * base('K') + 0.25 * n(), 2.2, 8), 1));
    add(t, 'Na', fmt(clip(139 + 3 * base('Na') + 1.5 * n(), 118, 165), 0));
    if (rng.next() < 0.8) add(t, 'Mg', fmt(clip(2 + 0.2 * base('Mg') + 0.2 * n(), 0.8, 4.5), 1));
    add(
      t,
      'Platelets',
      fmt(clip(215 * Math.exp(0.35 * base('Plt') - 0.22 * inf + 0.06 * n()), 8, 900), 0),
    );
    add(
      t,
      'WBC',
      fmt(
        clip(
          10.5 *
            Math.exp(p.leukocyteSign * 0.28 * Math.max(0, inf) + 0.3 * base('WBC') + 0.08 * n()),
          0.3,
          80,
        ),
        1,
      ),
    );
    if (lactateOrdered) {
      const lactate = 1.3 * Math.exp(0.42 * (organ('cardio', t) + 0.6 * inf) + 0.2 * n());
      add(t, 'Lactate', fmt(clip(lactate, 0.3, 25), 1));
    }
    t += Math.round(60 * (24 - 10 * clip(s, 0, 1.4) + 4 * rng.next()));
  }
  // Rare tests.
  if (rng.next() < 0.4) {
    const t = 120 + Math.floor(rng.next() * 1800);
    const liver = 0.5 * organ('infection', t) + 0.5 * base('liver');
    add(
      t,
      'Albumin',
      fmt(clip(3 - 0.3 * organ('infection', t) - 0.2 * sev(t) + 0.4 * n(), 1, 5), 1),
    );
    add(t, 'ALP', fmt(clip(90 * Math.exp(0.4 * liver + 0.3 * n()), 15, 2000), 0));
    add(t, 'ALT', fmt(clip(35 * Math.exp(0.7 * liver + 0.4 * n()), 5, 5000), 0));
    add(t, 'AST', fmt(clip(45 * Math.exp(0.7 * liver + 0.4 * n()), 5, 8000), 0));
    add(t, 'Bilirubin', fmt(clip(0.8 * Math.exp(0.6 * liver + 0.3 * n()), 0.1, 40), 1));
  }
  if (rng.next() < 0.07)
    add(200 + Math.floor(rng.next() * 2400), 'Cholesterol', fmt(clip(155 + 40 * n(), 60, 400), 0));
  if (rng.next() < (p.icuType === 1 ? 0.6 : 0.1)) {
    for (
      let t = 90 + Math.floor(rng.next() * 200);
      t < 48 * 60;
      t += 480 + Math.floor(rng.next() * 480)
    ) {
      const troponin = Math.exp(1.2 * organ('cardio', t) + 0.8 * base('Trop') + 0.3 * n());
      add(t, rng.next() < 0.8 ? 'TroponinT' : 'TroponinI', fmt(clip(0.08 * troponin, 0.01, 40), 2));
    }
  }
  if (!Number.isNaN(p.weight) && rng.next() < 0.45) {
    for (let t = 0; t < 48 * 60; t += 600 + Math.floor(rng.next() * 900)) {
      add(t, 'Weight', fmt(p.weight + 0.8 * n(), 1));
    }
  }

  lines.sort((a, b) => a.minute - b.minute);
  const out = [
    'Time,Parameter,Value',
    `00:00,RecordID,${recordId}`,
    `00:00,Age,${p.age}`,
    `00:00,Gender,${p.gender}`,
    `00:00,Height,${Number.isNaN(p.height) ? -1 : fmt(p.height, 1)}`,
    `00:00,ICUType,${p.icuType}`,
    `00:00,Weight,${Number.isNaN(p.weight) ? -1 : fmt(p.weight, 1)}`,
  ];
  for (const line of lines) {
    let value = line.value;
    if (rng.next() < artefactRate) {
      if (line.name.endsWith('ABP') || line.name.endsWith('MAP'))
        value = '0'; // a flushed or unplugged line
      else if (line.name === 'Temp') value = fmt(32 + 1.8 * Number(value), 1); // charted in °F
    }
    out.push(`${hhmm(line.minute)},${line.name},${value}`);
  }
  return `${out.join('\n')}\n`;
}
