/**
 * The captioning model's hyper-parameters: one frozen default (sized for about 10 minutes
 * of `recurrent train captioning` on 2 CPU cores with wasm, see the README) and presets.
 */
import type { EmbeddingInitializer, RecurrentInitializer } from '@recurrent/cells';
import type { CnnPooling } from './scratch-cnn-encoder.js';

/**
 * Which h fetches the attention's context: `previous` (Xu et al. 2015: h_{t-1}, before the
 * LSTM reads word t) or `current` (Luong et al. 2015: h_t, after it; that context is also
 * fed to the next step).
 */
export type AttentionQuery = 'previous' | 'current';

/** How the image vector starts the decoder. */
export type ImageAs = 'state' | 'input';

/**
 * `attention`: soft attention over the CNN's grid at every word (Show, Attend and Tell);
 * `show-and-tell`: one image vector starts the LSTM and is never read again.
 */
export type CaptionDecoderKind = 'attention' | 'show-and-tell';

export interface CaptioningHyperParameters {
  /** Width and height of the images the encoder reads (scenes are drawn at this size). */
  readonly imageSize: number;
  /** Conv blocks of the from-scratch CNN (each halves the image). */
  readonly cnnBlocks: number;
  /** Channels of its first block, doubled per block. */
  readonly cnnChannels: number;
  /** How its last feature map becomes a vector: a 2x2 grid of averages, or one global average. */
  readonly cnnPooling: CnnPooling;
  /** Length of the image vector (of the from-scratch CNN; a pretrained encoder has its own). */
  readonly encoderDim: number;
  /** `scratch` (the CNN above, trained with the decoder), `mobilenet-v2` (frozen, from npm nsfwjs) or a tfjs model.json path/URL (frozen). */
  readonly encoder: string;
  /** Layer (layers model) or node (graph model) of a model.json encoder to read; `auto`: its output. */
  readonly encoderLayer: string;
  /** Pixel range a model.json encoder was trained on: `0,1`, `-1,1` or `0,255`. */
  readonly encoderInputRange: string;
  /** `attention` (reads the grid at every word) or `show-and-tell` (one vector starts the LSTM). */
  readonly decoder: CaptionDecoderKind;
  /** Which h queries the attention: `previous` (before the word is read) or `current` (after it). */
  readonly attentionQuery: AttentionQuery;
  /** Width of the attention's hidden layer (the attention decoder only). */
  readonly attentionDim: number;
  /** Show and Tell decoder: `state`: the vector sets the LSTM's initial (h, c); `input`: it is read as a first step before <bos>. */
  readonly imageAs: ImageAs;
  /** Width of the word embedding. */
  readonly embeddingDim: number;
  /** LSTM units per layer. */
  readonly units: number;
  /** Stacked LSTM layers. */
  readonly layers: number;
  /** Words seen fewer times in the training captions become <unk>. */
  readonly minFrequency: number;
  /** Images per update (each with one of its reference captions, drawn at random). */
  readonly batchSize: number;
  /** Adam's peak learning rate. */
  readonly learningRate: number;
  /** Optimizer updates. */
  readonly steps: number;
  /** Warmup steps of the warmup+cosine schedule. */
  readonly warmupSteps: number;
  /** Clip gradients to this global norm. */
  readonly clipNorm: number;
  /** Seeds the initialisers and the batch order. */
  readonly seed: number;
  /** Word embedding init: 'uniform' (Keras, +-0.05) or 'normal' (PyTorch's nn.Embedding, N(0, 1)). */
  readonly embeddingInit: EmbeddingInitializer;
  /** LSTM kernels: 'keras' (Glorot-uniform input, orthogonal recurrent) or 'pytorch' (uniform +-1/sqrt(units), biases too). */
  readonly kernelInit: RecurrentInitializer;
  /** Initial LSTM forget-gate bias: 1 (Jozefowicz et al. 2015) or 0 (PyTorch). */
  readonly forgetBias: number;
  /**
   * While training, the chance that each word the decoder reads (after `<bos>`) is replaced
   * by `<unk>`, so it must read the next word off the image instead of off the words so far.
   */
  readonly wordDropout: number;
}

export const captioningDefaults: CaptioningHyperParameters = Object.freeze({
  imageSize: 32, // a small shape is 8 pixels wide: still a clear circle, square or triangle
  cnnBlocks: 3, // 32 -> 4 pixels: each last-layer feature sees a whole large shape
  cnnChannels: 16, // 16, 32, 64 channels: cheap on 2 cores, enough for 24 kinds of shape
  cnnPooling: 'grid' as CnnPooling, // captions name where shapes are; a global average blurs that
  encoderDim: 128, // the vector the decoder starts from
  encoder: 'scratch', // needs no optional package; mobilenet-v2 scores higher at 1,000 steps but first encodes every scene (README)
  encoderLayer: 'auto', // a model.json's own output; mobilenet-v2 always reads out_relu
  encoderInputRange: '0,1', // tfjs-layers' Rescaling(1/255) convention; Keras MobileNets want -1,1
  decoder: 'attention' as CaptionDecoderKind, // composes unseen colour-shape-place combinations: see the README
  attentionQuery: 'current' as AttentionQuery, // full default run, 2026-12-02: held-out all-right 0.877 greedy / 0.900 beam 3 vs 0.653 / 0.703 with previous (README)
  attentionDim: 64, // scores 16 grid cells; wider buys nothing on these scenes
  imageAs: 'state' as ImageAs, // the image sets the memory directly, no step spent reading it
  embeddingDim: 32, // about 20 words
  units: 128, // holds up to three shapes' attributes while the caption is written
  layers: 1, // the grammar is simple; depth buys nothing but time
  minFrequency: 2, // every grammar word is frequent; only typos would be rare
  batchSize: 32, // images per update
  learningRate: 1e-2, // 600-step runs, 2026-12-02: greedy BLEU-4 0.854 seen / 0.797 held-out at 1e-2 vs 0.772 / 0.685 at 3e-3 (README)
  steps: 2000, // about 10 minutes on 2 cores: the default run took 9m01s at load 1.4-6 (2026-12-02, held-out all-right 0.877 greedy / 0.900 beam 3; README)
  warmupSteps: 100, // the CNN starts from random filters: keep early updates small
  clipNorm: 5, // the classic LSTM value (Zaremba et al. 2014)
  seed: 42, // deterministic runs
  embeddingInit: 'normal' as EmbeddingInitializer, // with kernelInit and forgetBias (PyTorch's three), 600 steps at 1e-2: seen BLEU-4 0.882 vs 0.854, loss 0.227 vs 0.282 (README)
  kernelInit: 'pytorch' as RecurrentInitializer, // uniform +-1/sqrt(units), as the char-LM study chose ('keras' stays for Keras imports)
  forgetBias: 0, // PyTorch's, as the char-LM study chose; measured here together with the two above
  wordDropout: 0.25, // full default run, 2026-12-02, one seed: held-out all-right 0.653 greedy / 0.703 beam 3 vs 0.613 / 0.647 with 0 (README)
});

/**
 * What a checkpoint written before the init options existed was trained with: a config.json
 * without them reports the choices its weights started from, whatever today's defaults.
 */
export const captioningLegacyDefaults: Partial<CaptioningHyperParameters> = Object.freeze({
  embeddingInit: 'uniform' as EmbeddingInitializer,
  kernelInit: 'keras' as RecurrentInitializer,
  forgetBias: 1,
  wordDropout: 0,
  attentionQuery: 'previous' as AttentionQuery,
});

export const captioningPresets: Readonly<Record<string, Partial<CaptioningHyperParameters>>> =
  Object.freeze({
    default: {},
    /** Show and Tell's wiring: the image is the decoder's first input, before <bos>. */
    'image-input': Object.freeze({
      decoder: 'show-and-tell' as CaptionDecoderKind,
      imageAs: 'input' as ImageAs,
    }),
    /** Seconds: for tests and a first look. */
    tiny: Object.freeze({
      cnnChannels: 4,
      encoderDim: 16,
      embeddingDim: 8,
      units: 16,
      attentionDim: 8,
      batchSize: 8,
      steps: 20,
      warmupSteps: 2,
      learningRate: 1e-2,
    }),
  });
