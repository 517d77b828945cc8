/**
 * The char-LM's hyper-parameters: one frozen default (a few minutes on 2 CPU cores with the
 * wasm backend) and named presets. Every value has a comment saying why.
 */
export type CellType = 'lstm' | 'gru' | 'rnn';

export interface CharLmHyperParameters {
  /** Recurrent cell: 'lstm', 'gru' or 'rnn' (the lecture's simple RNN). */
  readonly cell: CellType;
  /** Stacked recurrent layers. */
  readonly layers: number;
  /** Units per recurrent layer. */
  readonly units: number;
  /** Width of the character embedding. */
  readonly embeddingDim: number;
  /** Dropout between stacked layers and before the head, while training. */
  readonly dropout: number;
  /** Characters per training window (truncated BPTT length). */
  readonly timeSteps: number;
  /** Parallel lanes through the corpus per batch. */
  readonly batchSize: number;
  /** Adam's learning rate (peak, after warmup). */
  readonly learningRate: number;
  /** Optimizer updates. */
  readonly steps: number;
  /** Warmup steps of the warmup+cosine schedule. */
  readonly warmupSteps: number;
  /** Clip gradients to this global norm. */
  readonly clipNorm: number;
  /** The held-out tail of the corpus, never trained on. */
  readonly validationFraction: number;
  /** Seeds initialisers, data order and dropout. */
  readonly seed: number;
}

export const charLmDefaults: CharLmHyperParameters = Object.freeze({
  cell: 'lstm', // the cell that fixed the simple RNN's vanishing gradient
  layers: 1, // one wide layer learns fastest per second on 2 CPU cores
  units: 384, // wide enough for word structure; matmuls stay cheap on wasm
  embeddingDim: 32, // ~90 characters need few dimensions
  dropout: 0, // a few epochs over a 1.2 MB book do not overfit
  timeSteps: 64, // long enough for words and punctuation; short enough for fast BPTT
  batchSize: 64, // 4,096 characters per update keeps wasm's matmuls efficient
  learningRate: 4e-3, // Adam tolerates a high rate for char-LMs with clipping on
  steps: 1000, // about 4 epochs of Moby Dick in the default's time budget
  warmupSteps: 50, // avoid early blow-ups while Adam's moments settle
  clipNorm: 5, // the classic LSTM LM value (Zaremba et al. 2014)
  validationFraction: 0.05, // the last 5% of the book (about 61,000 characters)
  seed: 42, // deterministic runs
});

export const charLmPresets: Readonly<Record<string, Partial<CharLmHyperParameters>>> =
  Object.freeze({
    default: {},
    /** About an hour on 2 CPU cores: two wider layers with dropout. */
    large: Object.freeze({
      layers: 2,
      units: 512,
      embeddingDim: 64,
      dropout: 0.2,
      learningRate: 2e-3,
      steps: 4000,
      warmupSteps: 100,
      timeSteps: 100,
      batchSize: 64,
    }),
    /** Seconds: for tests and a first look. */
    tiny: Object.freeze({
      units: 64,
      embeddingDim: 16,
      timeSteps: 32,
      batchSize: 16,
      steps: 60,
      warmupSteps: 5,
      learningRate: 1e-2,
    }),
  });
