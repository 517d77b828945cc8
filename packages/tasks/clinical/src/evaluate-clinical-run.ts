/**
 * `recurrent eval <run> [--data <folder>] [--threshold p]`: the run's metrics on its own
 * held-out test fold (rebuilt from config.json: the same stays, folds and split), or on
 * every stay of another folder. The Event-1 threshold is the one chosen on the run's
 * validation slice unless `--threshold` gives one.
 *
 * @example
 * const result = await evaluateClinicalRun(model, checkpoint.config, {}, { files });
 * result.lines[0]; // 'AUROC 0.871 | AUPRC 0.55 | Event-1 0.51 (threshold 0.29) | H-L 9.8 over 800 test stays ...'
 */
import { ConfigError } from '@recurrent/errors';
import type { OptionValues, PrepareContext, TaskEvaluation } from '@recurrent/task';
import type { JsonValue } from '@recurrent/train';
import { predictRisks } from './clinical-batches.js';
import type { ClinicalModel } from './create-clinical-model.js';
import { hourlyGrid } from './hourly-grid.js';
import { loadPhysionetSet } from './load-physionet-set.js';
import { type ClinicalData, prepareClinicalData } from './prepare-clinical-data.js';
import { bestEvent1Threshold, scoreRisks } from './score-risks.js';

/** The run's own data, rebuilt from its config.json. */
export async function runData(
  model: ClinicalModel,
  config: Readonly<Record<string, JsonValue>>,
  context: PrepareContext,
): Promise<ClinicalData> {
  const generated = config.data === 'generated' || config.data === undefined;
  if (!generated && !context.files) {
    throw new ConfigError(
      `recurrent eval: this run was trained on ${String(config.data)}, and files cannot be read here.`,
    );
  }
  if (!generated && (await context.files!.kind(String(config.data))) !== 'folder') {
    throw new ConfigError(
      `recurrent eval: this run was trained on ${String(config.data)}, which is not there any more. Pass --data <folder> and --threshold <p> to score other stays.`,
    );
  }
  return prepareClinicalData(
    {
      folds: Number(config.folds ?? 5),
      ...(generated
        ? { stays: Number(config.stays), dataSeed: Number(config.dataSeed) }
        : {
            folder: String(config.data),
            files: context.files!,
            sets: String(config.sets ?? 'a').split(','),
          }),
    },
    model.hyperParameters,
  );
}

export async function evaluateClinicalRun(
  model: ClinicalModel,
  config: Readonly<Record<string, JsonValue>>,
  options: OptionValues,
  context: PrepareContext,
): Promise<TaskEvaluation> {
  const given = typeof options.threshold === 'number' ? options.threshold : undefined;
  let threshold = given;
  let own: ClinicalData | undefined;
  if (threshold === undefined || options.data === undefined) {
    own = await runData(model, config, context);
    const val = own.split(0).validation;
    const risks = (
      await predictRisks(model, { grids: own.grids, stays: own.set.stays, indices: val })
    ).final;
    threshold ??= bestEvent1Threshold(
      Uint8Array.from(val, (i) => own!.set.labels[i]!),
      risks,
    );
  }
  let what: string;
  let labels: Uint8Array;
  let risks: Float64Array;
  if (typeof options.data === 'string') {
    if (!context.files)
      throw new ConfigError(
        'recurrent eval: --data names a folder, and files cannot be read here.',
      );
    const set = await loadPhysionetSet(context.files, options.data, {
      sets: String(options.sets ?? 'a').split(','),
    });
    const grids = set.stays.map((s) =>
      hourlyGrid(s, { stepHours: model.hyperParameters.stepHours }),
    );
    risks = (
      await predictRisks(model, {
        grids,
        stays: set.stays,
        indices: Int32Array.from(set.stays.keys()),
      })
    ).final;
    labels = set.labels;
    what = `all ${set.stays.length} stays of ${set.source}`;
  } else {
    const test = own!.split(0).test;
    risks = (await predictRisks(model, { grids: own!.grids, stays: own!.set.stays, indices: test }))
      .final;
    labels = Uint8Array.from(test, (i) => own!.set.labels[i]!);
    what = `the ${test.length} held-out test stays of fold 1 (${own!.set.source})`;
  }
  const s = scoreRisks(labels, risks, threshold);
  return {
    metrics: {
      auroc: s.auroc,
      auprc: s.auprc,
      event1: s.event1,
      hosmerLemeshow: s.calibration.statistic,
    },
    lines: [
      `AUROC ${s.auroc.toFixed(3)} | AUPRC ${s.auprc.toFixed(3)} | Event-1 ${s.event1.toFixed(3)} (Se ${s.sensitivity.toFixed(3)}, +P ${s.positivePredictivity.toFixed(3)} at threshold ${threshold.toFixed(3)}${given === undefined ? ", chosen on the run's validation slice" : ''}) | Hosmer-Lemeshow H ${s.calibration.statistic.toFixed(1)} (p ${s.calibration.pValue.toFixed(3)}) over ${what}`,
    ],
    details: {
      stays: s.count,
      deaths: s.deaths,
      threshold,
      sensitivity: s.sensitivity,
      positivePredictivity: s.positivePredictivity,
    },
  };
}
