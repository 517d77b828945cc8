export { type BagOfWords, createBagOfWords } from './bag-of-words-model.js';
export {
  type ClassificationMetrics,
  classificationMetrics,
  formatConfusion,
} from './classification-metrics.js';
export {
  type CreateSentimentModelOptions,
  createSentimentModel,
  type SentimentForwardOptions,
  type SentimentModel,
} from './create-sentiment-model.js';
export { type EncodedSentences, encodeSentences } from './encode-sentences.js';
export {
  evaluateProbe,
  evaluateSentiment,
  evaluateSet,
  metricsRecord,
  type ProbeMetrics,
  type SentimentEvaluation,
} from './evaluate-sentiment.js';
export { BINARY_LABELS, type LabelledSentence, type LoadedSentences } from './labelled-sentence.js';
export { loadUciSentences, type UciSite, uciSites } from './load-uci-sentences.js';
export {
  buildOrderProbe,
  lectureSentences,
  type OrderProbe,
  type OrderProbeOptions,
  orderProbeDefaults,
  type ProbeSentence,
  type ProbeSubset,
  probeSubsets,
} from './order-probe.js';
export { poolSequence, prefixPool } from './pool-sequence.js';
export {
  type PrepareSentimentDataOptions,
  prepareSentimentData,
  prepareSentimentDataDefaults,
  type SentimentData,
  type SentimentDataReport,
} from './prepare-sentiment-data.js';
export { resolveSentimentHyperParameters } from './resolve-sentiment-hyper-parameters.js';
export { type Classifier, type Scores, scoreSentences } from './score-sentences.js';
export {
  loadSentimentModel,
  SENTIMENT_TASK,
  sentimentConfig,
  sentimentFromCheckpoint,
} from './sentiment-config.js';
export {
  type CellType,
  effectiveMaxLength,
  type InputKind,
  type Pooling,
  type SentimentHyperParameters,
  sentimentDefaults,
  sentimentPresets,
} from './sentiment-defaults.js';
export { sentimentHyperParameterSpecs } from './sentiment-hyper-parameter-specs.js';
export { sentimentTokenizer } from './sentiment-tokenizer.js';
export {
  classifierLoss,
  type TrainableClassifier,
  type TrainClassifierOptions,
  trainClassifier,
} from './train-classifier.js';
export {
  type TrainSentimentOptions,
  trainBaseline,
  trainSentiment,
  trainSentimentDefaults,
} from './train-sentiment.js';
