export { accuracy } from './accuracy.js';
export { auprc } from './auprc.js';
export { auroc, type SingleClassOptions, singleClassDefaults } from './auroc.js';
export { bitsPerChar } from './bits-per-char.js';
export { type BleuToken, brevityPenalty, closestReferenceLength } from './bleu-statistics.js';
export { type CorpusBleu, corpusBleu } from './corpus-bleu.js';
export { type Event1Score, event1Score } from './event1-score.js';
export {
  type MacroOptions,
  type MacroPrecisionRecallF1,
  macroPrecisionRecallF1,
} from './macro-precision-recall-f1.js';
export { perplexity } from './perplexity.js';
export {
  type BinaryCounts,
  type PrecisionRecallF1,
  precisionRecallF1,
  type ThresholdOptions,
  thresholdDefaults,
} from './precision-recall-f1.js';
export { type SentenceBleuOptions, sentenceBleu, sentenceBleuDefaults } from './sentence-bleu.js';
