/**
 * Every captioning hyper-parameter as a declarative spec (type, bounds, one line of help):
 * the flags of `recurrent train captioning` and the checks of
 * `resolveCaptioningHyperParameters`. Defaults live in `captioningDefaults`.
 */
import { initializationSpecs, type OptionSpec, optimizationSpecs } from '@recurrent/task';
import { type CaptioningHyperParameters, captioningDefaults } from './captioning-defaults.js';

const spec = (
  key: keyof CaptioningHyperParameters,
  rest: Omit<OptionSpec, 'default'>,
): OptionSpec => Object.freeze({ ...rest, default: captioningDefaults[key] });

const int = (min: number, max: number, help: string): Omit<OptionSpec, 'default'> => ({
  type: 'integer',
  min,
  max,
  help,
});

export const captioningHyperParameterSpecs: Readonly<
  Record<keyof CaptioningHyperParameters, OptionSpec>
> = Object.freeze({
  imageSize: spec(
    'imageSize',
    int(16, 256, 'image width and height in pixels (divisible by 2^cnn-blocks)'),
  ),
  cnnBlocks: spec(
    'cnnBlocks',
    int(1, 6, 'conv blocks of the from-scratch CNN, each halves the image'),
  ),
  cnnChannels: spec(
    'cnnChannels',
    int(1, 512, 'channels of the first conv block, doubled per block'),
  ),
  cnnPooling: spec('cnnPooling', {
    type: 'string',
    choices: ['grid', 'global'],
    help: 'last feature map -> vector: 2x2 grid of averages, or one global average',
  }),
  encoderDim: spec('encoderDim', int(1, 8192, 'length of the image vector (scratch CNN)')),
  encoder: spec('encoder', {
    type: 'string',
    help: 'image encoder: scratch (trained with the decoder), mobilenet-v2 (frozen, npm nsfwjs) or a tfjs model.json path/URL (frozen)',
  }),
  encoderLayer: spec('encoderLayer', {
    type: 'string',
    help: "layer (layers model) or node (graph model) of a model.json encoder; auto: the model's output",
  }),
  encoderInputRange: spec('encoderInputRange', {
    type: 'string',
    choices: ['0,1', '-1,1', '0,255'],
    help: 'pixel range a model.json encoder expects (images in [0, 1] are mapped onto it)',
  }),
  decoder: spec('decoder', {
    type: 'string',
    choices: ['attention', 'show-and-tell'],
    help: "attention: soft attention over the CNN's grid at every word; show-and-tell: one image vector starts the LSTM",
  }),
  attentionQuery: spec('attentionQuery', {
    type: 'string',
    choices: ['previous', 'current'],
    help: 'which LSTM state fetches the context (attention decoder): previous (before it reads the word) or current (after it, Luong style; fed to the next step)',
  }),
  attentionDim: spec(
    'attentionDim',
    int(1, 4096, "width of the attention's hidden layer (attention decoder)"),
  ),
  imageAs: spec('imageAs', {
    type: 'string',
    choices: ['state', 'input'],
    help: "show-and-tell decoder: the image vector sets the LSTM's initial state, or is read as its first input",
  }),
  embeddingDim: spec('embeddingDim', int(1, 4096, 'word embedding width')),
  units: spec('units', int(1, 8192, 'LSTM units per layer')),
  layers: spec('layers', int(1, 8, 'stacked LSTM layers')),
  minFrequency: spec(
    'minFrequency',
    int(1, 1_000_000, 'caption words seen fewer times become <unk>'),
  ),
  batchSize: spec('batchSize', int(1, 65_536, 'images per update')),
  learningRate: spec('learningRate', optimizationSpecs.learningRate),
  steps: spec('steps', optimizationSpecs.steps),
  warmupSteps: spec('warmupSteps', optimizationSpecs.warmupSteps),
  clipNorm: spec('clipNorm', optimizationSpecs.clipNorm),
  seed: spec('seed', optimizationSpecs.seed),
  embeddingInit: spec('embeddingInit', {
    ...initializationSpecs.embeddingInit,
    help: `word ${initializationSpecs.embeddingInit.help}`,
  }),
  kernelInit: spec('kernelInit', {
    ...initializationSpecs.kernelInit,
    help: `LSTM ${initializationSpecs.kernelInit.help}`,
  }),
  forgetBias: spec('forgetBias', initializationSpecs.forgetBias),
  wordDropout: spec('wordDropout', {
    type: 'number',
    min: 0,
    max: 1,
    exclusiveMax: true,
    help: 'training only: chance each word the decoder reads becomes <unk> (it must look at the image)',
  }),
});
