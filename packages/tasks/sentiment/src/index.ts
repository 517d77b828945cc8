export { gunzip, type TarEntry, tarEntries } from '@recurrent/data';
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
export { type CsvRecord, csvRecords } from './csv-records.js';
export { type DatasetSource, datasetSources } from './dataset-sources.js';
export { describeMetrics, describeProbe, metricsLine } from './describe-results.js';
export { type EncodedSentences, encodeSentences } from './encode-sentences.js';
export { evaluateSentimentRun } from './evaluate-run.js';
export {
  evaluateProbe,
  evaluateSentiment,
  evaluateSet,
  metricsRecord,
  type ProbeMetrics,
  type SentimentEvaluation,
} from './evaluate-sentiment.js';
export { createFetchCommand, fetchCommand } from './fetch-command.js';
export {
  type FetchDatasetOptions,
  type FetchedDataset,
  type FetchProgress,
  fetchDataset,
} from './fetch-dataset.js';
export { formatPrediction } from './format-prediction.js';
export { type LabelSet, labelSet } from './label-set.js';
export { BINARY_LABELS, type LabelledSentence, type LoadedSentences } from './labelled-sentence.js';
export {
  type LoadedEmbeddings,
  loadEmbeddings,
  loadEmbeddingsDefaults,
} from './load-embeddings.js';
export { type ImdbSplit, loadImdb } from './load-imdb.js';
export { type LineFormat, loadLabelledLines, SST5_LABELS } from './load-labelled-lines.js';
export {
  guessFormat,
  type LoadSentencesOptions,
  loadSentences,
  type SentenceFormat,
  sentenceFormats,
} from './load-sentences.js';
export {
  type LoadTableOptions,
  loadTable,
  loadTableDefaults,
  type TableFormat,
} from './load-table.js';
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
  predictSentiment,
  predictSentimentDefaults,
  type SentimentPrediction,
  type TrajectoryStep,
} from './predict-sentiment.js';
export {
  type PrepareSentimentDataOptions,
  prepareSentimentData,
  prepareSentimentDataDefaults,
  type SentimentData,
  type SentimentDataReport,
} from './prepare-sentiment-data.js';
export {
  EMBEDDED_DATASET,
  prepareTaskData,
  type SentimentTaskData,
} from './prepare-task-data.js';
export { type NumberedLine, readLines } from './read-lines.js';
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
export {
  sentimentDataOptions,
  sentimentEvalOptions,
  sentimentPredictOptions,
  sentimentTrainOptions,
} from './sentiment-options.js';
export { sentimentPytorch } from './sentiment-pytorch.js';
export { sentimentTask } from './sentiment-task.js';
export { sentimentTokenizer } from './sentiment-tokenizer.js';
export {
  type ClassifierBatch,
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
export { type ZipEntry, zipEntries } from './zip-entries.js';
