/**
 * Captioning as a `Task`: what `recurrent train captioning`, `eval`, `predict`, `caption`
 * (and later the demo's worker) need, built from this package's functions.
 */
import { ConfigError } from '@recurrent/errors';
import { defineTask, type OptionValues } from '@recurrent/task';
import { builtModuleUrl, type JsonValue } from '@recurrent/train';
import { captionCommand } from './caption-command.js';
import { captionFiles, type FileCaptions, formatFileCaptions } from './caption-files.js';
import {
  CAPTIONING_TASK,
  captioningConfig,
  captioningFromCheckpoint,
} from './captioning-config.js';
import {
  type CaptioningHyperParameters,
  captioningDefaults,
  captioningPresets,
} from './captioning-defaults.js';
import { captioningHyperParameterSpecs } from './captioning-hyper-parameter-specs.js';
import {
  captioningDataOptions,
  captioningEvalOptions,
  captioningPredictOptions,
} from './captioning-options.js';
import { captioningPytorch } from './captioning-pytorch.js';
import { type CaptioningModel, createCaptioningModel } from './create-captioning-model.js';
import type { CaptionSplit } from './datasets/caption-dataset.js';
import { evaluateFolderSplit } from './datasets/evaluate-folder-split.js';
import { describeFolderData, filesOf, folderOptions } from './datasets/folder-options.js';
import { prepareFolderData } from './datasets/prepare-folder-data.js';
import { encodeImagesCommand } from './encoders/encode-images-command.js';
import { readFeatureFile } from './encoders/feature-file.js';
import { fileFeaturesByPixels } from './encoders/file-features-by-pixels.js';
import { rememberFeatures } from './encoders/frozen-encoder.js';
import {
  forgetFeatureFile,
  imageEncoderFor,
  isFrozenEncoder,
  prepareImageEncoder,
  useFeatureFile,
} from './encoders/image-encoder-for.js';
import { decoderMetrics, describeDecoders, evaluateDecoders } from './evaluate-captioning-run.js';
import { heldOutTriples } from './generate-scenes.js';
import {
  type CaptioningData,
  prepareCaptioningData,
  type SceneDataOptions,
} from './prepare-captioning-data.js';
import { resolveCaptioningHyperParameters } from './resolve-captioning-hyper-parameters.js';
import { captioningMetrics, trainCaptioning } from './train-captioning.js';

const count = (n: number) => n.toLocaleString('en-US');
const f3 = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(3) : '-');

function sceneOptions(options: OptionValues): SceneDataOptions {
  const pick = (k: string) => (typeof options[k] === 'number' ? (options[k] as number) : undefined);
  return Object.fromEntries(
    Object.entries({
      scenes: pick('scenes'),
      validationScenes: pick('validationScenes'),
      heldOutScenes: pick('heldOutScenes'),
      dataSeed: pick('dataSeed'),
    }).filter(([, v]) => v !== undefined),
  ) as SceneDataOptions;
}

function describeData(data: CaptioningData): string[] {
  const refs = data.train.reduce((s, i) => s + i.references.length, 0);
  if (typeof data.provenance.format === 'string') return describeFolderData(data);
  const shapes = [1, 2, 3].map(
    (n) => data.train.filter((i) => i.scene?.objects.length === n).length,
  );
  const size = data.hyperParameters.imageSize;
  return [
    `data: scenes (generated, seed ${String(data.provenance.dataSeed)}) | ${size} x ${size} RGB | train ${count(data.train.length)} (${count(refs)} captions; 1/2/3 shapes ${shapes.map(count).join('/')}) | validation ${count(data.validation.length)} (seen combinations) | held-out ${count(data.heldOut.length)}`,
    `held-out combinations, never trained on: ${heldOutTriples.join(', ')}`,
    `vocabulary ${data.vocabulary.size} (min count ${data.hyperParameters.minFrequency}, <pad> <unk> <bos> <eos> included) | example: "${data.train[0]!.references[0]!.join(' ')}"`,
  ];
}

export const captioningTask = defineTask<
  CaptioningHyperParameters,
  CaptioningData,
  CaptioningModel
>({
  name: CAPTIONING_TASK,
  summary:
    'image captioning (Show and Tell): a small CNN from scratch -> LSTM decoder, greedy and beam search, BLEU-1..4',
  defaultDataset:
    'scenes (generated: 1-3 coloured shapes with several reference captions each, and held-out colour-shape-relation combinations)',

  hyperParameters: captioningHyperParameterSpecs,
  defaults: captioningDefaults,
  presets: captioningPresets,
  resolveHyperParameters: (preset, overrides) =>
    resolveCaptioningHyperParameters(preset, overrides),

  dataOptions: captioningDataOptions,
  async prepareData(options, hyperParameters, context) {
    const data =
      typeof options.data === 'string'
        ? await prepareFolderData(
            folderOptions(options, filesOf(context)),
            hyperParameters,
            context.onLog,
          )
        : prepareCaptioningData(sceneOptions(options), hyperParameters);
    forgetFeatureFile(hyperParameters); // an earlier --features run of this process ends here
    if (typeof options.features === 'string') {
      const file = await readFeatureFile(options.features);
      const folder = typeof options.data === 'string';
      const want = folder ? 'files' : 'scenes';
      if (!isFrozenEncoder(hyperParameters) || file.header.keys !== want) {
        const holds = file.header.keys === 'files' ? 'image files' : 'generated scenes';
        throw new ConfigError(
          `captioning: --features ${options.features} holds ${file.header.encoder} features of ${holds}; expected features of ${folder ? `the images of --data ${options.data}` : 'the generated scenes'} and --encoder set to the encoder that made them, got --encoder ${hyperParameters.encoder}. Example: --encoder mobilenet-v2 --features ${options.features}${folder ? '' : ' (and --data <folder> --format <format> for features of image files)'}.`,
        );
      }
      if (folder) {
        const all = [...data.train, ...data.validation, ...data.heldOut];
        const byPixels = fileFeaturesByPixels(
          file,
          options.features,
          all,
          hyperParameters.imageSize,
        );
        rememberFeatures(file.header.encoder, byPixels);
      }
      useFeatureFile(hyperParameters, file, options.features);
      context.onLog?.(
        `features: ${file.vectors.size.toLocaleString('en-US')} vectors of ${file.header.encoder} from ${options.features}${file.tornBytes > 0 ? ` (a torn last record of ${file.tornBytes} bytes ignored)` : ''}`,
      );
    }
    await prepareImageEncoder(hyperParameters);
    const encoder = imageEncoderFor(hyperParameters);
    if (encoder) {
      // frozen: each image is encoded once, here, and remembered (no backbone in the loop)
      const images = [...data.train, ...data.validation, ...data.heldOut].map((i) => i.pixels);
      const start = performance.now();
      let said = start;
      await encoder.warm(images, (done, total) => {
        const now = performance.now();
        if (done < total && now - said < 10_000) return;
        said = now;
        const rate = done / ((now - start) / 1000);
        context.onLog?.(
          `encoder ${encoder.kind}: ${count(done)}/${count(total)} images | ${rate.toFixed(1)} images/s`,
        );
      });
    }
    return data;
  },
  describeData,
  dataProvenance: (data) => data.provenance,

  create: (data, hyperParameters) => {
    const encoder = isFrozenEncoder(hyperParameters) ? imageEncoderFor(hyperParameters) : undefined;
    return createCaptioningModel({
      vocabulary: data.vocabulary,
      hyperParameters,
      ...(encoder ? { encoder } : {}),
    });
  },
  trainOptions: {},
  async train(model, data, options) {
    const result = await trainCaptioning(model, data, {
      ...(options.checkpointDir !== undefined ? { checkpointDir: options.checkpointDir } : {}),
      ...(options.checkpointStore ? { checkpointStore: options.checkpointStore } : {}),
      ...(options.resume !== undefined ? { resume: options.resume } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.evalEvery !== undefined ? { evalEvery: options.evalEvery } : {}),
      ...(options.checkpointEvery !== undefined
        ? { checkpointEvery: options.checkpointEvery }
        : {}),
      ...(options.steps !== undefined ? { steps: options.steps } : {}),
      extraConfig: { ...data.provenance, ...(options.extraConfig ?? {}) },
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      ...(options.workerSetup ? { workerSetup: options.workerSetup } : {}),
    });
    if (options.onNote && result.reason !== 'aborted') {
      const rows = await evaluateDecoders(model, data);
      options.onNote({
        step: result.step,
        title: 'greedy vs beam search (length penalty 0.7), final weights',
        text: describeDecoders(rows).join('\n'),
      });
      const greedy = rows.find((r) => r.split === 'held-out' && r.beamWidth === 1)!;
      options.onNote({
        step: result.step,
        title: 'held-out scenes, greedy captions (first 3) beside a reference',
        text: greedy.scores.examples
          .map((e) => `  ${e.caption}\n    ref: ${e.reference}`)
          .join('\n'),
      });
    }
    return result;
  },

  dataParallel: {
    workerModule: builtModuleUrl('./captioning-shard-worker.js', import.meta.url),
    shards:
      "contiguous blocks of the batch's images with their captions (pixels sent each step; the from-scratch CNN only)",
  },

  metrics: {
    bleu4: { direction: 'higher', help: 'greedy BLEU-4 on the validation scenes (picks best/)' },
    bleu1: { direction: 'higher', help: 'greedy BLEU-1 on the validation scenes' },
    allRight: {
      direction: 'higher',
      help: 'share of validation scenes whose greedy caption names every attribute right',
    },
    heldOutBleu4: { direction: 'higher', help: 'greedy BLEU-4 on the held-out combinations' },
    heldOutAllRight: { direction: 'higher', help: 'the same share on the held-out combinations' },
  },
  bestMetric: 'bleu4',
  evaluate: (model, data) => captioningMetrics(model, data),
  summarizeMetrics: (m) =>
    `greedy BLEU-4 ${f3(m.bleu4)} seen, ${f3(m.heldOutBleu4)} held-out | every attribute right ${f3(m.allRight)} seen, ${f3(m.heldOutAllRight)} held-out`,

  evalOptions: captioningEvalOptions,
  async evaluateRun(model, config, options, context) {
    if (typeof options.data === 'string') {
      return evaluateFolderSplit(model, folderOptions(options, filesOf(context)), {
        split: options.split as CaptionSplit,
        ...(typeof options.lengthPenalty === 'number'
          ? { lengthPenalty: options.lengthPenalty }
          : {}),
      });
    }
    const data = prepareCaptioningData(
      sceneOptions(config as unknown as OptionValues),
      model.hyperParameters,
    );
    const rows = await evaluateDecoders(model, data, {
      ...(typeof options.lengthPenalty === 'number'
        ? { lengthPenalty: options.lengthPenalty }
        : {}),
    });
    return {
      metrics: decoderMetrics(rows),
      lines: [
        `scenes (generated, seed ${String(data.provenance.dataSeed)}): ${data.validation.length} validation, ${data.heldOut.length} held-out`,
        ...describeDecoders(rows),
      ],
      details: {
        rows: rows.map((r) => ({
          split: r.split,
          beamWidth: r.beamWidth,
          bleu: [
            r.scores.bleu.bleu1,
            r.scores.bleu.bleu2,
            r.scores.bleu.bleu3,
            r.scores.bleu.bleu4,
          ],
          attributes: { ...r.scores.attributes },
          seconds: r.seconds,
        })) as unknown as JsonValue,
      },
    };
  },

  fromCheckpoint: captioningFromCheckpoint,
  configOf: captioningConfig,
  pytorch: captioningPytorch,

  predict: {
    options: captioningPredictOptions,
    example: 'recurrent predict captioning scene.png',
    async predict(model, inputs, options) {
      const results = await captionFiles(model, inputs, {
        ...(typeof options.beamWidth === 'number' ? { beamWidth: options.beamWidth } : {}),
        ...(typeof options.lengthPenalty === 'number'
          ? { lengthPenalty: options.lengthPenalty }
          : {}),
        ...(typeof options.maxLength === 'number' ? { maxLength: options.maxLength } : {}),
      });
      return results.map((r) => JSON.parse(JSON.stringify(r)) as JsonValue);
    },
    format: (prediction) => formatFileCaptions(prediction as unknown as FileCaptions),
  },
  commands: [captionCommand, encodeImagesCommand],
});
