/**
 * What the clinical page needs in the worker beyond `clinicalTask`: the generated stays it
 * offers (`stays`), and for one stay file (`explain`) the vitals to chart, the risk after
 * every hour and the gradient x input saliency of every variable at every hour
 * (`clinical-saliency.ts`). The hourly risk the page draws comes from the task's own
 * `predict` verb (what `recurrent predict` prints); `explain` adds its unrounded values.
 */
import {
  type ClinicalData,
  type ClinicalModel,
  createParseReport,
  describeParseReport,
  hourlyGrid,
  parseStay,
  physionetTimeSeries,
  predictRisks,
} from '@recurrent/clinical';
import { stringSource } from '@recurrent/data';
import { ConfigError } from '@recurrent/errors';
import type { JsonValue } from '@recurrent/train';
import { clinicalPageStays, type PageStay } from './clinical-page-stays.js';
import { type ClinicalSaliency, clinicalSaliency } from './clinical-saliency.js';
import { defineTaskWorkerModule } from './task-worker-module.js';

/** The charts of the page, one per row: the first variable of a row that was measured. */
export const vitalRows = Object.freeze([
  ['HR'],
  ['MAP', 'NIMAP'], // invasive arterial pressure when there is a line, cuff pressure otherwise
  ['Temp'],
  ['GCS'],
  ['RespRate'],
  ['Lactate'],
] as const);

export interface VitalSeries {
  readonly name: string;
  readonly unit: string;
  /** `[hours since admission, value]` of every measurement, in time order. */
  readonly points: [number, number][];
}

export interface ClinicalExplanation extends ClinicalSaliency {
  readonly recordId: number;
  /** Real hours of the stay (up to its last observation). */
  readonly hours: number;
  readonly stepHours: number;
  /** Risk after each real hour, one stay per forward pass as `predict` computes it (unrounded). */
  readonly hourlyRisk: number[];
  /** One per row of `vitalRows`; `points` empty when the stay has none of the row's variables. */
  readonly vitals: VitalSeries[];
  readonly observations: number;
  /** Parse problems of the file, one line each. */
  readonly problems: string[];
}

function textOf(who: string, input: JsonValue): string {
  const text =
    typeof input === 'object' && input !== null && !Array.isArray(input) ? input.text : undefined;
  if (typeof text !== 'string' || !/^\s*Time,Parameter,Value\s*\r?\n/.test(text)) {
    throw new ConfigError(
      `${who}: expected { text } holding a stay file in the PhysioNet 2012 format (starting "Time,Parameter,Value"), got ${JSON.stringify(input).slice(0, 80)}.`,
    );
  }
  return text;
}

const probes = {
  /** `{}` -> the generated stays the page offers (`clinical-page-stays.ts`). */
  async stays(_model: ClinicalModel, _input: JsonValue): Promise<PageStay[]> {
    return clinicalPageStays();
  },
  /** `{ text }` -> vitals, hourly risk and saliency of that stay file. */
  async explain(model: ClinicalModel, input: JsonValue): Promise<ClinicalExplanation> {
    const report = createParseReport();
    const stay = await parseStay(
      stringSource(textOf('clinical explain', input), { name: 'stay' }),
      report,
    );
    const grid = hourlyGrid(stay, { stepHours: model.hyperParameters.stepHours });
    const predicted = await predictRisks(model, {
      grids: [grid],
      stays: [stay],
      indices: Int32Array.of(0),
    });
    const saliency = await clinicalSaliency(model, stay);
    const vitals = vitalRows.map((names) => {
      const found = names
        .map((name) => physionetTimeSeries.findIndex((v) => v.name === name))
        .find((v) => stay.variables.includes(v));
      const v = found ?? physionetTimeSeries.findIndex((s) => s.name === names[0]);
      const points: [number, number][] = [];
      if (found !== undefined) {
        stay.variables.forEach((variable, i) => {
          if (variable === v) points.push([stay.times[i]! / 60, stay.values[i]!]);
        });
        points.sort((a, b) => a[0] - b[0]);
      }
      const spec = physionetTimeSeries[v]!;
      return { name: spec.name, unit: spec.unit, points };
    });
    return {
      ...saliency,
      recordId: stay.recordId,
      hours: grid.length * grid.stepHours,
      stepHours: grid.stepHours,
      hourlyRisk: Array.from(predicted.hourly[0]!),
      vitals,
      observations: stay.times.length,
      problems: report.issueCount() > 0 ? describeParseReport(report).slice(1) : [],
    };
  },
};

/** The probes' types, for the page's typed `task/probe` calls. */
export type ClinicalProbes = typeof probes;

export const clinicalWorkerModule = defineTaskWorkerModule<ClinicalModel, ClinicalData>({
  probes,
  describe(model, config) {
    return {
      parameters: model.variables.reduce((n, v) => n + v.variable.size, 0),
      positiveWeight: model.positiveWeight,
      ...(typeof config?.stays === 'number' ? { stays: config.stays } : {}),
      ...(typeof config?.folds === 'number' ? { folds: config.folds } : {}),
      ...(typeof config?.data === 'string' ? { data: config.data } : {}),
    };
  },
  trainedSource: (data) =>
    `${data.set.stays.length.toLocaleString('en')} generated stays, ${data.foldCount} folds, trained on this page`,
});
