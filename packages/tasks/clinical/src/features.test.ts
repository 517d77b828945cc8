// The hourly grid (bin means, GRU-D time since last observation, stay length), the
// normaliser (fitted on the training indices only, log for skewed labs) and the encoded
// inputs (forward fill vs mean imputation, masks, static descriptors, GRU-D side inputs).
import { stringSource } from '@recurrent/data';
import { describe, expect, it } from 'vitest';
import { encodeStays, inputSizeOf, STATIC_SIZE } from './encode-stays.js';
import { gridSteps, hourlyGrid } from './hourly-grid.js';
import { fitNormalizer, normalizeValue } from './normalizer.js';
import { createParseReport } from './parse-report.js';
import { parseStay, type Stay } from './parse-stay.js';
import { timeSeriesIndex } from './physionet-variables.js';

const HR = timeSeriesIndex.get('HR')!;
const BUN = timeSeriesIndex.get('BUN')!;
const V = 37;

async function stay(
  id: number,
  lines: string[],
  descriptors = 'Age,60|Gender,1|Height,-1|ICUType,3|Weight,80',
): Promise<Stay> {
  const head = [
    'Time,Parameter,Value',
    `00:00,RecordID,${id}`,
    ...descriptors.split('|').map((d) => `00:00,${d}`),
  ];
  return parseStay(
    stringSource([...head, ...lines].join('\n'), { name: `${id}.txt` }),
    createParseReport(),
  );
}

describe('hourlyGrid', () => {
  it('averages each bin, counts hours since the last observation and ends at the last observed bin', async () => {
    const s = await stay(1, ['00:10,HR,80', '00:50,HR,90', '03:05,HR,100', '05:59,BUN,20']);
    const g = hourlyGrid(s);
    expect(g.steps).toBe(48);
    expect(g.values[0 * V + HR]).toBe(85);
    expect(Number.isNaN(g.values[1 * V + HR]!)).toBe(true);
    expect(g.values[3 * V + HR]).toBe(100);
    // delta_t = 1 + (observed at t-1 ? 0 : delta_{t-1})
    expect([0, 1, 2, 3, 4].map((t) => g.delta[t * V + HR])).toEqual([0, 1, 2, 3, 1]);
    expect(g.delta[5 * V + BUN]).toBe(5);
    expect(g.length).toBe(6); // hours 0..5; the rest is padding
  });

  it('takes other step widths, and 48:00 joins the last bin', async () => {
    const s = await stay(2, ['00:10,HR,80', '48:00,HR,70']);
    const g = hourlyGrid(s, { stepHours: 2 });
    expect(g.steps).toBe(24);
    expect(g.values[23 * V + HR]).toBe(70);
    expect([g.delta[V + HR], g.delta[2 * V + HR]]).toEqual([2, 4]);
    expect(g.length).toBe(24);
    expect(() => gridSteps({ stepHours: 0 })).toThrow(
      /expected stepHours > 0 and hours > 0, got stepHours 0/,
    );
  });
});

describe('fitNormalizer and encodeStays', () => {
  it('fits on the training indices only, with log1p for skewed labs', async () => {
    const stays = [
      await stay(1, ['00:10,HR,80', '01:10,HR,100', '02:00,BUN,10']),
      await stay(2, ['00:10,HR,120', '01:00,BUN,100']),
      await stay(3, ['00:10,HR,250']),
    ];
    const grids = stays.map((s) => hourlyGrid(s));
    const n = fitNormalizer(grids, stays, [0, 1]);
    expect(n.mean[HR]).toBeCloseTo(100, 5);
    expect(n.std[HR]).toBeCloseTo(Math.sqrt(800 / 3), 4);
    expect(n.mean[BUN]).toBeCloseTo((Math.log1p(10) + Math.log1p(100)) / 2, 5);
    expect(n.fittedOn).toBe(2);
    expect(fitNormalizer(grids, stays, [0, 1])).toEqual(n); // stay 3 (HR 250) never enters
    expect(normalizeValue(n, HR, 250)).toBe(6); // clipped at 6 sd
    expect(n.staticMean[0]).toBe(60);
  });

  it('forward-fills or mean-imputes, with the observed mask, time since last, static features and the stay mask', async () => {
    const stays = [
      await stay(1, ['00:10,HR,80', '02:10,HR,100']),
      await stay(
        2,
        ['00:10,HR,120', '03:10,HR,90'],
        'Age,40|Gender,0|Height,170|ICUType,2|Weight,-1',
      ),
    ];
    const grids = stays.map((s) => hourlyGrid(s));
    const n = fitNormalizer(grids, stays, [0, 1]);
    const F = inputSizeOf('gru');
    expect(F).toBe(3 * V + STATIC_SIZE);
    const fwd = encodeStays(grids, stays, [0, 1], n, { cell: 'gru', imputation: 'forward' });
    const mean = encodeStays(grids, stays, [0, 1], n, { cell: 'gru', imputation: 'mean' });
    const z80 = normalizeValue(n, HR, 80);
    const at = (e: typeof fwd, b: number, t: number, f: number) => e.x[(b * 48 + t) * F + f]!;
    expect(at(fwd, 0, 0, HR)).toBeCloseTo(z80, 6);
    expect(at(fwd, 0, 1, HR)).toBeCloseTo(z80, 6); // carried forward
    expect(at(mean, 0, 1, HR)).toBe(0); // the training mean
    expect(at(fwd, 0, 1, V + HR)).toBe(0); // not observed at hour 1
    expect(at(fwd, 0, 2, V + HR)).toBe(1);
    expect(at(fwd, 0, 2, 2 * V + HR)).toBeCloseTo(2 / 48, 6);
    expect(Array.from(fwd.mask.slice(0, 4))).toEqual([1, 1, 1, 0]);
    expect(Array.from(fwd.mask.slice(48, 53))).toEqual([1, 1, 1, 1, 0]);
    const stat = Array.from(fwd.x.slice(3 * V + 48 * F, 48 * F + F)); // stay 2, hour 0
    expect(stat.slice(1)).toEqual([0, 0, 0, 0, 1, 0, 1, 0, 0]); // female, height charted (z 0: one value), weight missing, ICU 2
    const d = encodeStays(grids, stays, [0], n, { cell: 'gru-d', imputation: 'forward' });
    expect(d.features).toBe(V + STATIC_SIZE);
    expect(d.x[1 * d.features + HR]).toBe(0); // GRU-D sees 0 where missing and imputes itself
    expect(d.observed![2 * d.features + HR]).toBe(1);
    expect(d.delta![2 * d.features + HR]).toBe(2); // hours
    expect(d.observed![V]).toBe(1); // static columns: always observed
  });
});
