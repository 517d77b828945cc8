// GRU-D lives in @recurrent/cells; re-exported under its earlier clinical names.
export {
  type GruDCell,
  type GruDCellOptions,
  type GruDSideInputName as SideInputName,
  gruDCell,
  gruDCellDefaults,
  type StepOptions as SideStepOptions,
} from '@recurrent/cells';
export { AGGREGATE_SIZE, AGGREGATES, aggregateFeatures } from './aggregate-features.js';
export { type BaselineOutcome, baselineFold } from './baseline-fold.js';
export { chartStay, chartStayDefaults } from './chart-stay.js';
export {
  clinicalBatches,
  disposeBatch,
  type PredictedRisks,
  predictDefaults,
  predictRisks,
  type StaySelection,
  toBatch,
} from './clinical-batches.js';
export { CLINICAL_TASK, clinicalConfig, clinicalFromCheckpoint } from './clinical-config.js';
export {
  type ClinicalHyperParameters,
  clinicalDefaults,
  clinicalPresets,
} from './clinical-defaults.js';
export { clinicalHyperParameterSpecs } from './clinical-hyper-parameter-specs.js';
export { clinicalTask } from './clinical-task.js';
export {
  type ClinicalBatch,
  type ClinicalModel,
  type CreateClinicalModelOptions,
  createClinicalModel,
} from './create-clinical-model.js';
export {
  type CrossValidateOptions,
  type CrossValidation,
  crossValidate,
  type Spread,
  spread,
} from './cross-validate.js';
export {
  crossValidationMetrics,
  describeCalibration,
  describeFolds,
} from './describe-cross-validation.js';
export {
  type ClinicalCellType,
  type EncodedStays,
  type EncodeOptions,
  encodeStays,
  type Imputation,
  inputSizeOf,
  STATIC_SIZE,
  staticFeatures,
} from './encode-stays.js';
export { evaluateClinicalRun } from './evaluate-clinical-run.js';
export { createFetchCommand, fetchCommand } from './fetch-command.js';
export {
  type FetchedPhysionet,
  type FetchPhysionetOptions,
  type FetchProgress,
  fetchPhysionet,
  fetchPhysionetDefaults,
  parseChecksums,
  physionetSource,
} from './fetch-physionet.js';
export {
  type GeneratedStayFile,
  type GenerateOptions,
  generateDefaults,
  generatePhysionetFiles,
  loadGeneratedSet,
  OUTCOMES_HEADER,
} from './generate-physionet-set.js';
export {
  chiSquareSurvival,
  type HosmerLemeshow,
  hosmerLemeshow,
  hosmerLemeshowDefaults,
  type ReliabilityRow,
} from './hosmer-lemeshow.js';
export {
  type GridOptions,
  gridDefaults,
  gridSteps,
  type HourlyGrid,
  hourlyGrid,
} from './hourly-grid.js';
export {
  type LoadPhysionetSetOptions,
  loadPhysionetSet,
  loadPhysionetSetDefaults,
  matchOutcomes,
  type PhysionetSet,
} from './load-physionet-set.js';
export {
  fitLogisticRegression,
  type LogisticRegression,
  logisticRegressionDefaults,
} from './logistic-regression.js';
export {
  fitNormalizer,
  isNormalizer,
  LOG_VARIABLES,
  type Normalizer,
  normalizerDefaults,
  normalizeValue,
} from './normalizer.js';
export { type Outcome, parseOutcomes } from './parse-outcomes.js';
export {
  createParseReport,
  describeParseReport,
  type ParseIssue,
  type ParseIssueKind,
  type ParseReport,
  parseIssueKinds,
  parseReportDefaults,
} from './parse-report.js';
export { parseStay, type Stay } from './parse-stay.js';
export {
  PHYSIONET_HOURS,
  physionetDescriptors,
  physionetTimeSeries,
  type VariableSpec,
} from './physionet-variables.js';
export { formatStayPrediction, predictStays, type StayPrediction } from './predict-stay.js';
export {
  type ClinicalData,
  type ClinicalDataOptions,
  prepareClinicalData,
} from './prepare-clinical-data.js';
export { readLines } from './read-lines.js';
export { resolveClinicalHyperParameters } from './resolve-clinical-hyper-parameters.js';
export { runSideInputRnn, type SideInputRnnOptions } from './run-side-input-rnn.js';
export { bestEvent1Threshold, type RiskScores, scoreRisks } from './score-risks.js';
export {
  type SimulatedPatient,
  simulatePatient,
  simulatePatientDefaults,
} from './simulate-patient.js';
export { type FoldSplit, foldSplit, stratifiedFolds } from './stratified-folds.js';
export {
  balancedPositiveWeight,
  clinicalLoss,
  createFoldModel,
  type FoldOutcome,
  type TrainFoldOptions,
  trainFold,
  trainFoldDefaults,
} from './train-fold.js';
