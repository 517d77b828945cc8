export { afterNewline } from './after-newline.js';
export {
  type AsciiPlotOptions,
  asciiPlot,
  asciiPlotDefaults,
  type PlotSeries,
} from './ascii-plot.js';
export { type CharLmStates, charLmStates, type UnitName } from './char-lm-states.js';
export { defaultsLabCommand } from './defaults-lab-command.js';
export {
  type DefaultsStudyConfig,
  defaultsStudyBaseline,
  defaultsStudyCombinationName,
  defaultsStudyConfigs,
} from './defaults-study-configs.js';
export { type DefaultsStudyRow, defaultsStudyTable } from './defaults-study-report.js';
export {
  type DefaultsStudyRunOptions,
  type DefaultsStudyRunResult,
  defaultsStudyRunDefaults,
  runDefaultsStudyConfig,
} from './defaults-study-run.js';
export { type ForgetBias, forgetBiasChoices, setForgetBias } from './forget-bias.js';
export {
  type GradientFlow,
  type GradientFlowLoss,
  type GradientFlowOptions,
  gradientFlow,
  gradientFlowAsync,
  gradientFlowDefaults,
} from './gradient-flow.js';
export { insideParentheses } from './inside-parentheses.js';
export { insideQuotes } from './inside-quotes.js';
export { isSpace } from './is-space.js';
export {
  type LongRangeBatch,
  type LongRangeOptions,
  longRangeBatch,
  longRangeDefaults,
  longRangeVocabSize,
} from './long-range-batch.js';
export {
  type LabCellKind,
  type LongRangeModel,
  type LongRangeModelOptions,
  type LongRangeTensors,
  longRangeModel,
  longRangeTensors,
} from './long-range-model.js';
export { pearson } from './pearson.js';
export { positionInLine } from './position-in-line.js';
export { positionInWord } from './position-in-word.js';
export {
  type FeatureRanking,
  type RankedUnit,
  type RankUnitsOptions,
  rankUnits,
  rankUnitsDefaults,
  type UnitRanking,
  type UnitStates,
} from './rank-units.js';
export { readLabJson } from './read-lab-json.js';
export {
  type LabModelSpec,
  labModels,
  runVanishingSweep,
  type VanishingProgress,
  type VanishingRow,
  type VanishingSweep,
  type VanishingSweepOptions,
  vanishingSweepDefaults,
} from './run-vanishing-sweep.js';
export { type SvgPanel, type SvgSeries, svgPlot, svgPlotDefaults } from './svg-plot.js';
export { type TextFeature, textFeatures } from './text-features.js';
export { unitsLabCommand } from './units-lab-command.js';
export {
  rankedLabel,
  type UnitTextOptions,
  unitsReportDefaults,
  unitsTable,
  unitTextLines,
  unitValues,
} from './units-report.js';
export { unitsTraceText } from './units-trace-text.js';
export { vanishingLabCommand } from './vanishing-lab-command.js';
export { vanishingAsciiPlots, vanishingSvg, vanishingTables } from './vanishing-report.js';
export { vowelOrConsonant } from './vowel-or-consonant.js';
export { writeLabFiles } from './write-lab-files.js';
