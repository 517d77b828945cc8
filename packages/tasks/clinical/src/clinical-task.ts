/**
 * The clinical task as a `Task`: what `recurrent train clinical`, `eval`, `predict`,
 * `data fetch physionet-2012` and the demo's worker need, built from this package's
 * functions. The apps hold it in their registries; nothing in them names the task.
 *
 * `train` runs the whole protocol: stratified k-fold cross-validation (fold 1 is the run's
 * checkpointed model), the logistic-regression baseline on the same folds, and notes with
 * the fold table and the pooled calibration table.
 */
import { ConfigError } from '@recurrent/errors';
import { defineTask, type OptionValues, type PrepareContext } from '@recurrent/task';
import { builtModuleUrl } from '@recurrent/train';
import { predictRisks } from './clinical-batches.js';
import { CLINICAL_TASK, clinicalConfig, clinicalFromCheckpoint } from './clinical-config.js';
import {
  type ClinicalHyperParameters,
  clinicalDefaults,
  clinicalPresets,
} from './clinical-defaults.js';
import { clinicalHyperParameterSpecs } from './clinical-hyper-parameter-specs.js';
import { clinicalPytorch } from './clinical-pytorch.js';
import type { ClinicalModel } from './create-clinical-model.js';
import { crossValidate } from './cross-validate.js';
import {
  crossValidationMetrics,
  describeCalibration,
  describeFolds,
} from './describe-cross-validation.js';
import { evaluateClinicalRun } from './evaluate-clinical-run.js';
import { fetchCommand } from './fetch-command.js';
import { generateDefaults } from './generate-physionet-set.js';
import { describeParseReport } from './parse-report.js';
import { formatStayPrediction, predictStays, type StayPrediction } from './predict-stay.js';
import { type ClinicalData, prepareClinicalData } from './prepare-clinical-data.js';
import { resolveClinicalHyperParameters } from './resolve-clinical-hyper-parameters.js';
import { bestEvent1Threshold, scoreRisks } from './score-risks.js';
import { createFoldModel } from './train-fold.js';

const count = (n: number) => n.toLocaleString('en-US');
const f3 = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(3) : '-');

async function prepare(
  options: OptionValues,
  hp: ClinicalHyperParameters,
  context: PrepareContext,
): Promise<ClinicalData> {
  const folder = typeof options.data === 'string' ? options.data : undefined;
  if (folder !== undefined && !context.files) {
    throw new ConfigError(
      'clinical: --data names a folder, and files cannot be read here. Train on the generated stays (no --data).',
    );
  }
  const data = await prepareClinicalData(
    {
      folds: Number(options.folds ?? 5),
      ...(folder !== undefined
        ? {
            folder,
            files: context.files!,
            sets: String(options.sets ?? 'a')
              .split(',')
              .map((s) => s.trim()),
          }
        : {
            stays: Number(options.stays ?? generateDefaults.stays),
            dataSeed: Number(options.dataSeed ?? generateDefaults.seed),
          }),
      ...(context.onLog ? { onLog: context.onLog } : {}),
    },
    hp,
  );
  const saved = context.resumeConfig;
  if (saved) {
    const differs = Object.entries(data.provenance).filter(
      ([k, v]) => saved[k] !== undefined && saved[k] !== v,
    );
    if (differs.length > 0) {
      throw new ConfigError(
        `--resume: this run was trained on other data (${differs.map(([k, v]) => `${k} ${JSON.stringify(saved[k])}, now ${JSON.stringify(v)}`).join('; ')}); its folds and normaliser would not match. Resume with the same data flags, or start a new run with another --name.`,
      );
    }
  }
  return data;
}

function describeData(data: ClinicalData): string[] {
  const { set } = data;
  const deaths = set.labels.reduce((a, b) => a + b, 0);
  const hp = data.hyperParameters;
  return [
    `data: ${set.source} | ${count(set.stays.length)} stays | ${count(deaths)} in-hospital deaths (${((100 * deaths) / set.stays.length).toFixed(1)}%) | ${data.foldCount} stratified folds | grid ${data.grids[0]!.steps} x ${hp.stepHours} h`,
    ...describeParseReport(set.report),
  ];
}

export const clinicalTask = defineTask<ClinicalHyperParameters, ClinicalData, ClinicalModel>({
  name: CLINICAL_TASK,
  summary:
    'ICU stays (PhysioNet 2012 format) -> in-hospital death: masked LSTM/GRU/GRU-D with hourly risk, k-fold CV beside a logistic baseline',
  defaultDataset: `generated (${generateDefaults.stays} simulated ICU stays written and parsed in the PhysioNet 2012 format, seed ${generateDefaults.seed})`,

  hyperParameters: clinicalHyperParameterSpecs,
  defaults: clinicalDefaults,
  presets: clinicalPresets,
  resolveHyperParameters: (preset, overrides) => resolveClinicalHyperParameters(preset, overrides),

  dataOptions: {
    data: {
      type: 'path',
      help: 'a folder holding set-a/ and Outcomes-a.txt (PhysioNet 2012; default: generated stays)',
    },
    sets: {
      type: 'string',
      default: 'a',
      help: 'sets of --data to load, comma-separated (a, b, c)',
    },
    folds: {
      type: 'integer',
      default: 5,
      min: 2,
      max: 100,
      help: 'stratified cross-validation folds',
    },
    stays: {
      type: 'integer',
      default: generateDefaults.stays,
      min: 50,
      max: 1_000_000,
      help: 'generated stays (without --data)',
    },
    dataSeed: {
      type: 'integer',
      default: generateDefaults.seed,
      min: 0,
      max: 2 ** 32 - 1,
      help: 'seed of the generated stays',
    },
  },
  prepareData: prepare,
  describeData,
  dataProvenance: (data) => data.provenance,

  create: (data) => createFoldModel(data, 0),
  trainOptions: {
    baseline: {
      type: 'boolean',
      default: true,
      help: 'fit the logistic-regression baseline on the same folds and print it beside',
    },
  },
  async train(model, data, options) {
    const { onNote } = options;
    const cv = await crossValidate(model, data, {
      ...(options.checkpointDir !== undefined ? { checkpointDir: options.checkpointDir } : {}),
      ...(options.checkpointStore ? { checkpointStore: options.checkpointStore } : {}),
      ...(options.resume !== undefined ? { resume: options.resume } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.evalEvery !== undefined ? { evalEvery: options.evalEvery } : {}),
      ...(options.checkpointEvery !== undefined
        ? { checkpointEvery: options.checkpointEvery }
        : {}),
      ...(options.steps !== undefined ? { steps: options.steps } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      ...(options.workerSetup ? { workerSetup: options.workerSetup } : {}),
      config: { ...clinicalConfig(model), ...data.provenance, ...(options.extraConfig ?? {}) },
      baseline: options.options?.baseline !== false,
      onFold: (line) =>
        onNote?.({ step: 0, title: line.split(':')[0]!, text: line.slice(line.indexOf(':') + 2) }),
    });
    const step = cv.main.result.step;
    onNote?.({
      step,
      title: `${cv.folds.length}-fold cross-validation, test parts (best step per fold by validation AUROC)`,
      text: describeFolds(cv).join('\n'),
    });
    onNote?.({
      step,
      title: 'calibration of the out-of-fold risks',
      text: describeCalibration(cv, data.set.labels).join('\n'),
    });
    return { ...cv.main.result, elapsedMs: cv.elapsedMs, lastMetrics: crossValidationMetrics(cv) };
  },

  dataParallel: {
    workerModule: builtModuleUrl('./clinical-shard-worker.js', import.meta.url),
    shards: "contiguous stays of the batch, each loss its exact share of the batch's (every fold)",
  },

  metrics: {
    auroc: { direction: 'higher', help: 'AUROC on the validation slice of fold 1 (picks best/)' },
    auprc: { direction: 'higher', help: 'AUPRC (average precision) on the validation slice' },
    event1: {
      direction: 'higher',
      help: 'Event-1 min(Se, +P) on the validation slice at its best threshold',
    },
    testAuroc: { direction: 'higher', help: "AUROC on fold 1's test part" },
    testAuprc: { direction: 'higher', help: "AUPRC on fold 1's test part" },
    testEvent1: {
      direction: 'higher',
      help: "Event-1 on fold 1's test part at the validation threshold",
    },
    cvAuroc: { direction: 'higher', help: 'mean test AUROC over the folds' },
    cvAurocSd: { direction: 'lower', help: 'its standard deviation over the folds' },
    cvAuprc: { direction: 'higher', help: 'mean test AUPRC over the folds' },
    cvAuprcSd: { direction: 'lower', help: 'its standard deviation over the folds' },
    cvEvent1: {
      direction: 'higher',
      help: 'mean test Event-1 over the folds (thresholds from validation)',
    },
    cvEvent1Sd: { direction: 'lower', help: 'its standard deviation over the folds' },
    cvHosmerLemeshow: {
      direction: 'lower',
      help: 'mean Hosmer-Lemeshow H of the test parts (calibration)',
    },
    baselineAuroc: {
      direction: 'higher',
      help: 'mean test AUROC of the logistic-regression baseline, same folds',
    },
    baselineAurocSd: { direction: 'lower', help: 'its standard deviation over the folds' },
    baselineAuprc: { direction: 'higher', help: 'mean test AUPRC of the baseline' },
    baselineEvent1: { direction: 'higher', help: 'mean test Event-1 of the baseline' },
  },
  bestMetric: 'auroc',
  async evaluate(model, data) {
    const { validation } = data.split(0);
    const labels = Uint8Array.from(validation, (i) => data.set.labels[i]!);
    const risks = (
      await predictRisks(model, { grids: data.grids, stays: data.set.stays, indices: validation })
    ).final;
    const s = scoreRisks(labels, risks, bestEvent1Threshold(labels, risks));
    return { auroc: s.auroc, auprc: s.auprc, event1: s.event1 };
  },
  summarizeMetrics: (m) =>
    m.cvAuroc !== undefined
      ? `${m.folds}-fold test AUROC ${f3(m.cvAuroc)} ± ${f3(m.cvAurocSd)} | AUPRC ${f3(m.cvAuprc)} ± ${f3(m.cvAuprcSd)} | Event-1 ${f3(m.cvEvent1)} ± ${f3(m.cvEvent1Sd)}${m.baselineAuroc !== undefined ? ` | baseline AUROC ${f3(m.baselineAuroc)} ± ${f3(m.baselineAurocSd)}` : ''}`
      : `validation AUROC ${f3(m.auroc)} | AUPRC ${f3(m.auprc)} | Event-1 ${f3(m.event1)}`,

  evalOptions: {
    data: {
      type: 'path',
      help: "a PhysioNet folder to score every stay of (default: the run's own held-out test fold)",
    },
    sets: { type: 'string', default: 'a', help: 'sets of --data, comma-separated' },
    threshold: {
      type: 'number',
      min: 0,
      max: 1,
      help: "Event-1 threshold (default: chosen on the run's validation slice)",
    },
  },
  evaluateRun: evaluateClinicalRun,

  fromCheckpoint: clinicalFromCheckpoint,
  configOf: clinicalConfig,
  pytorch: clinicalPytorch,

  predict: {
    options: {
      hours: {
        type: 'boolean',
        default: true,
        help: 'print the risk after every hour (false: the final risk only)',
      },
    },
    example: 'recurrent predict clinical data/physionet-2012/set-a/132539.txt',
    async predict(model, inputs, options) {
      const predictions = await predictStays(model, inputs);
      return predictions.map((p) => ({ ...p, ...(options.hours === false ? { hourly: [] } : {}) }));
    },
    format: (prediction) => formatStayPrediction(prediction as unknown as StayPrediction),
  },
  commands: [fetchCommand],
});
