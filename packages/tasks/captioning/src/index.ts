export {
  type AdditiveAttention,
  type AdditiveAttentionOptions,
  type AttentionResult,
  additiveAttention,
  additiveAttentionDefaults,
} from './additive-attention.js';
export { type CaptionBatch, captionBatchAt, imagesTensor } from './caption-batches.js';
export { captionCommand, captionOptions } from './caption-command.js';
export { captionFiles, type FileCaptions, formatFileCaptions } from './caption-files.js';
export {
  type Caption,
  type CaptionOptions,
  captionDefaults,
  captionImages,
} from './caption-images.js';
export { captionScene } from './caption-scene.js';
export {
  CAPTIONING_TASK,
  captioningConfig,
  captioningFromCheckpoint,
  loadCaptioningModel,
} from './captioning-config.js';
export {
  type AttentionQuery,
  type CaptionDecoderKind,
  type CaptioningHyperParameters,
  captioningDefaults,
  captioningPresets,
  type ImageAs,
} from './captioning-defaults.js';
export { captioningHyperParameterSpecs } from './captioning-hyper-parameter-specs.js';
export { captioningPytorch } from './captioning-pytorch.js';
export { captioningTask } from './captioning-task.js';
export { type Conv2dSameOptions, conv2dSame, im2col } from './conv2d-same.js';
export { createAttentionCaptioningModel } from './create-attention-captioning-model.js';
export {
  type CaptioningModel,
  type CaptionState,
  type CreateCaptioningModelOptions,
  createCaptioningModel,
} from './create-captioning-model.js';
export {
  CAPTION_FORMATS,
  CAPTION_SPLITS,
  type CaptionDataset,
  type CaptionDatasetCounts,
  type CaptionFormat,
  type CaptionRecord,
  type CaptionSplit,
  splitOf,
} from './datasets/caption-dataset.js';
export { captionTokens } from './datasets/caption-tokens.js';
export {
  type LoadCaptionDatasetOptions,
  loadCaptionDataset,
} from './datasets/load-caption-dataset.js';
export { type DecodedImage, decodeImage } from './decode-image.js';
export {
  type DecoderStep,
  type DecoderStepsOptions,
  decoderSteps,
  decoderStepsDefaults,
  type NextWord,
} from './decoder-steps.js';
export { encodeImagesCommand, encodeImagesOptions } from './encoders/encode-images-command.js';
export {
  type FeatureFile,
  type FeatureHeader,
  type FeatureWriter,
  openFeatureWriter,
  parseFeatureFile,
  readFeatureFile,
} from './encoders/feature-file.js';
export {
  type Backbone,
  type FrozenEncoder,
  type FrozenEncoderOptions,
  frozenEncoder,
  frozenEncoderDefaults,
  pixelKey,
  rememberFeatures,
} from './encoders/frozen-encoder.js';
export {
  imageEncoderFor,
  isFrozenEncoder,
  loadImageBackbone,
  prepareImageEncoder,
  SCRATCH,
  useFeatureFile,
} from './encoders/image-encoder-for.js';
export {
  loadMobilenetV2Backbone,
  MOBILENET_V2,
  mobilenetV2Defaults,
} from './encoders/mobilenet-v2-backbone.js';
export {
  type ModelArtifactsRead,
  type ModelFormat,
  readModelArtifacts,
} from './encoders/read-model-artifacts.js';
export {
  INPUT_RANGES,
  type InputRange,
  loadTfjsModelBackbone,
  type TfjsModelBackboneOptions,
  tfjsModelBackboneDefaults,
} from './encoders/tfjs-model-backbone.js';
export {
  type AttributeAccuracy,
  type SplitScores,
  scoreSplit,
} from './evaluate-captioning.js';
export {
  type DecoderRow,
  decoderMetrics,
  describeDecoders,
  evaluateDecoders,
} from './evaluate-captioning-run.js';
export {
  type GenerateScenesOptions,
  generateScenes,
  heldOutTriples,
  type SceneSplit,
} from './generate-scenes.js';
export type { ImageEncoder } from './image-encoder.js';
export { imageToModelInput } from './image-to-model-input.js';
export {
  type AttributeScore,
  type CaptionClaim,
  type ClaimedObject,
  parseCaption,
  scoreClaim,
} from './parse-caption.js';
export {
  type CaptionedImage,
  type CaptioningData,
  prepareCaptioningData,
  type SceneDataOptions,
  sceneDataDefaults,
} from './prepare-captioning-data.js';
export { renderDefaults, renderScene } from './render-scene.js';
export { resolveCaptioningHyperParameters } from './resolve-captioning-hyper-parameters.js';
export {
  type Axis,
  COLOUR_RGB,
  COLOURS,
  type Colour,
  type Scene,
  type SceneObject,
  SHAPES,
  type ShapeKind,
  SIZES,
  type Size,
} from './scene.js';
export {
  type CnnPooling,
  type ScratchCnnOptions,
  scratchCnnDefaults,
  scratchCnnEncoder,
} from './scratch-cnn-encoder.js';
export {
  captioningMetrics,
  type TrainCaptioningOptions,
  trainCaptioning,
  trainCaptioningDefaults,
} from './train-captioning.js';
