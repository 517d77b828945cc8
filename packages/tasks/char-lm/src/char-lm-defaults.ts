/**
 * The char-LM's hyper-parameters: one frozen default (a few minutes on 2 CPU cores with the
 * wasm backend) and named presets. Every value has a comment saying why.
 */
import type { EmbeddingInitializer, RecurrentInitializer } from '@recurrent/cells';

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
  /** Chance that a lane starts a window from the zero state instead of the carried one. */
  readonly stateResetProbability: number;
  /** Seeds initialisers, data order and dropout. */
  readonly seed: number;
  /** Embedding table init: 'uniform' (Keras, +-0.05) or 'normal' (PyTorch's nn.Embedding, N(0, 1)). */
  readonly embeddingInit: EmbeddingInitializer;
  /** Recurrent kernels: 'keras' (Glorot-uniform input, orthogonal recurrent) or 'pytorch' (uniform +-1/sqrt(units), biases too). */
  readonly kernelInit: RecurrentInitializer;
  /** Initial LSTM forget-gate bias: 1 (Jozefowicz et al. 2015) or 0 (PyTorch). LSTM only. */
  readonly forgetBias: number;
  /** Train PyTorch's second bias (bias_hh) beside the first. LSTM only (a GRU already has both). */
  readonly secondBias: boolean;
  /** Adam's epsilon: 1e-7 is tfjs' (and Keras') default, 1e-8 PyTorch's. */
  readonly adamEpsilon: number;
}

/**
 * The initialisation and optimiser choices (embeddingInit .. adamEpsilon, learningRate) come
 * from the defaults study of 2026-12-01 (`recurrent lab defaults`; its table is in the README
 * and its runs in packages/lab/studies/defaults-2026-12-01): each choice alone at 1,500 steps
 * on the embedded Moby Dick, from the previous defaults (1.5997 held-out nats/char), then all
 * the winners together: 1.4277. The LSTM was studied; a GRU and the simple RNN measured the
 * same choices together at 500 steps (README: "Other cells").
 */
export const charLmDefaults: CharLmHyperParameters = Object.freeze({
  cell: 'lstm', // the cell that fixed the simple RNN's vanishing gradient
  layers: 1, // one wide layer learns fastest per second on 2 CPU cores
  units: 256, // measured: 256 units at ~8,800 tok/s beat 384 at ~5,000 in a 10-minute budget
  embeddingDim: 64, // ~90 characters; wider than needed costs almost nothing
  dropout: 0, // a few epochs over a 1.2 MB book do not overfit
  timeSteps: 64, // long enough for words and punctuation; short enough for fast BPTT
  batchSize: 32, // 2,048 characters per update: more updates per second than 64 lanes
  learningRate: 1e-2, // defaults study 2026-12-01: 1.5011 nats/char at 1e-2 vs 1.5997 at 5e-3, 1.7309 at 2.5e-3
  steps: 1500, // ~2.7 epochs of Moby Dick in about 6 minutes on 2 cores (wasm)
  warmupSteps: 50, // avoid early blow-ups while Adam's moments settle
  clipNorm: 5, // the classic LSTM LM value (Zaremba et al. 2014)
  validationFraction: 0.05, // the last 5% of the book (about 61,000 characters)
  stateResetProbability: 0.05, // generation starts from zeros: train on that start too. The study's 0 won (1.5818 vs 1.5997) on held-out windows that carry state, but with 0 every empty-prime sample at steps 100-400 was gibberish (14 of 15 were words with 0.05)
  seed: 42, // deterministic runs
  embeddingInit: 'normal', // defaults study: N(0, 1) (PyTorch) 1.5025 vs uniform +-0.05 (Keras) 1.5997
  kernelInit: 'pytorch', // defaults study: uniform +-1/sqrt(units) 1.5777 vs Glorot + orthogonal 1.5997 ('keras' stays for Keras imports)
  forgetBias: 0, // defaults study: 0 (PyTorch) 1.5239 vs 1 (Jozefowicz et al. 2015) 1.5997 at 64-step windows
  secondBias: true, // defaults study: 1.5982 vs 1.5997 with one (a small gain; PyTorch's nn.LSTM). LSTM only: off for gru/rnn unless set
  adamEpsilon: 1e-8, // defaults study: 1e-8 (PyTorch) 1.5895 vs 1e-7 (tfjs, Keras) 1.5997
});

/**
 * What a checkpoint written before these options existed was trained with: a config.json
 * without them rebuilds the model it saved (the weights it holds), whatever today's defaults.
 */
export const charLmLegacyDefaults: Partial<CharLmHyperParameters> = Object.freeze({
  embeddingInit: 'uniform',
  kernelInit: 'keras',
  forgetBias: 1,
  secondBias: false,
  adamEpsilon: 1e-7,
});

export const charLmPresets: Readonly<Record<string, Partial<CharLmHyperParameters>>> =
  Object.freeze({
    default: {},
    /** About an hour on 2 CPU cores: two stacked layers, dropout between them, 4x the updates. */
    large: Object.freeze({
      layers: 2, // depth: the second layer models words on top of the first's characters
      dropout: 0.1, // between the layers and before the head: ~12M characters seen, some overfitting
      learningRate: 8e-3, // a little lower than the default for the deeper stack (not measured at this size)
      steps: 6000, // 4x the default's updates
      warmupSteps: 100, // longer warmup for the deeper stack
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
