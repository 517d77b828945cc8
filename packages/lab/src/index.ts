export {
  type AsciiPlotOptions,
  asciiPlot,
  asciiPlotDefaults,
  type PlotSeries,
} from './ascii-plot.js';
export { type ForgetBias, forgetBiasChoices, setForgetBias } from './forget-bias.js';
export {
  type GradientFlow,
  type GradientFlowLoss,
  type GradientFlowOptions,
  gradientFlow,
  gradientFlowDefaults,
} from './gradient-flow.js';
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
export { vanishingLabCommand } from './vanishing-lab-command.js';
export { vanishingAsciiPlots, vanishingSvg, vanishingTables } from './vanishing-report.js';
export { writeLabFiles } from './write-lab-files.js';
