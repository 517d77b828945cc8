export { type ArrayBatch, type TensorBatch, toRows, toTensorBatch } from './batch.js';
export { batches } from './batches.js';
export { bucketBoundaries } from './bucket-boundaries.js';
export {
  type CharTokenizerOptions,
  charTokenizer,
  charTokenizerDefaults,
} from './char-tokenizer.js';
export {
  type EmbeddedCorpus,
  type EmbeddedCorpusName,
  embeddedCorpusNames,
  embeddedSource,
  loadEmbeddedCorpus,
} from './embedded-corpus.js';
export { encodeChars } from './encode-chars.js';
export { type EncodeCorpusOptions, type EncodedCorpus, encodeCorpus } from './encode-corpus.js';
export {
  type EncodeDocumentsOptions,
  type EncodedDocuments,
  encodeDocuments,
} from './encode-documents.js';
export { type FetchSourceOptions, fetchSource } from './fetch-source.js';
export { gunzip } from './gunzip.js';
export {
  type LmWindowMode,
  type LmWindows,
  type LmWindowsOptions,
  type LmWindowsReport,
  lmWindows,
  lmWindowsDefaults,
} from './lm-windows.js';
export { maskFromLengths, maskTensorFromLengths } from './mask-from-lengths.js';
export { mixSeed } from './mix-seed.js';
export type { Normalization } from './normalize-text.js';
export {
  type PaddedSequences,
  type PadOptions,
  padDefaults,
  padSequences,
  type Side,
  type TruncationReport,
} from './pad-sequences.js';
export { type PaddedTensors, padToTensors } from './pad-to-tensors.js';
export {
  type SequenceBatcher,
  type SequenceBatcherOptions,
  type SequenceBatcherReport,
  type SequenceDataset,
  type StepRange,
  sequenceBatcher,
  sequenceBatcherDefaults,
} from './sequence-batcher.js';
export { type Split, type SplitOptions, splitDataset, splitDefaults } from './split-dataset.js';
export { type SplitTailOptions, splitTail, splitTailDefaults } from './split-tail.js';
export { type TarEntry, tarEntries } from './tar-entries.js';
export { readText, streamSource, stringSource, type TextSource } from './text-source.js';
export { tokenizeSource } from './tokenize-source.js';
export type {
  CharTokenizerConfig,
  ContractionMode,
  Tokenizer,
  TokenizerConfig,
  WordTokenizerConfig,
} from './tokenizer.js';
export { tokenizerFromJSON } from './tokenizer-from-json.js';
export {
  createUnknownTally,
  type EncodeOptions,
  specialTokens,
  type UnknownTally,
  VOCABULARY_FORMAT,
  VOCABULARY_VERSION,
  Vocabulary,
  type VocabularyJSON,
  type VocabularyOptions,
  vocabularyDefaults,
} from './vocabulary.js';
export {
  type WordTokenizerOptions,
  wordTokenizer,
  wordTokenizerDefaults,
} from './word-tokenizer.js';
