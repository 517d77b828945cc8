/**
 * `recurrent predict <run> stay.txt`: the risk of in-hospital death after every hour of a
 * stay file in the PhysioNet 2012 format, with the checkpoint's own normaliser. An input is
 * a path (read from the filesystem in Node) or, in a page, the file's text itself (it
 * starts with `Time,Parameter,Value`). Parse problems are reported beside the risks.
 *
 * @example
 * const [p] = await predictStays(model, ['set-a/132539.txt']);
 * p.finalRisk; p.hourly; // 0.21, [0.05, 0.06, ...]
 */
import { stringSource, type TextSource } from '@recurrent/data';
import { ConfigError } from '@recurrent/errors';
import { predictRisks } from './clinical-batches.js';
import type { ClinicalModel } from './create-clinical-model.js';
import { hourlyGrid } from './hourly-grid.js';
import { createParseReport, describeParseReport } from './parse-report.js';
import { parseStay } from './parse-stay.js';

export interface StayPrediction {
  readonly source: string;
  readonly recordId: number;
  /** Risk after each real bin of the stay (hourly by default). */
  readonly hourly: number[];
  readonly finalRisk: number;
  readonly stepHours: number;
  /** Hours charted: the stay's real bins times stepHours. */
  readonly hours: number;
  readonly observations: number;
  /** Parse problems of the file, one line each (empty when clean). */
  readonly problems: string[];
}

const isFileText = (input: string) => /^\s*Time,Parameter,Value\s*\r?\n/.test(input);

async function sourceOf(
  input: string,
  index: number,
  read?: (path: string) => TextSource,
): Promise<TextSource> {
  if (isFileText(input)) return stringSource(input, { name: `input ${index + 1}` });
  if (read) return read(input);
  if (typeof process === 'undefined' || !process.versions?.node) {
    throw new ConfigError(
      `predict: expected the text of a stay file (starting "Time,Parameter,Value"), got ${JSON.stringify(input.slice(0, 40))}; files cannot be read here.`,
    );
  }
  const { fileSource } = await import('@recurrent/data/node');
  return fileSource(input);
}

export async function predictStays(
  model: ClinicalModel,
  inputs: readonly string[],
  read?: (path: string) => TextSource,
): Promise<StayPrediction[]> {
  const hp = model.hyperParameters;
  const out: StayPrediction[] = [];
  for (const [i, input] of inputs.entries()) {
    const report = createParseReport();
    const stay = await parseStay(await sourceOf(input, i, read), report);
    const grid = hourlyGrid(stay, { stepHours: hp.stepHours });
    const risks = await predictRisks(model, {
      grids: [grid],
      stays: [stay],
      indices: Int32Array.of(0),
    });
    out.push({
      source: stay.source,
      recordId: stay.recordId,
      hourly: Array.from(risks.hourly[0]!, (r) => Number(r.toFixed(4))),
      finalRisk: Number(risks.final[0]!.toFixed(4)),
      stepHours: hp.stepHours,
      hours: grid.length * hp.stepHours,
      observations: stay.times.length,
      problems:
        report.issueCount() > 0
          ? describeParseReport(report)
              .slice(1)
              .map((l) => l.trim())
          : [],
    });
  }
  return out;
}

/** A bar of 20 cells for a probability. */
const bar = (p: number) => '#'.repeat(Math.round(20 * p)).padEnd(20, '.');

/**
 * @example
 * formatStayPrediction(p);
 * // ['set-a/132539.txt (RecordID 132539): risk of in-hospital death 0.213 after 48 h (312 observations)',
 * //  '  hour  1  0.052 |#...................|', ...]
 */
export function formatStayPrediction(p: StayPrediction): string[] {
  const lines = [
    `${p.source} (RecordID ${p.recordId}): risk of in-hospital death ${p.finalRisk.toFixed(3)} after ${p.hours} h (${p.observations} observations)`,
  ];
  p.hourly.forEach((r, t) => {
    lines.push(`  hour ${String((t + 1) * p.stepHours).padStart(2)}  ${r.toFixed(3)} |${bar(r)}|`);
  });
  for (const problem of p.problems) lines.push(`  parse: ${problem}`);
  return lines;
}
