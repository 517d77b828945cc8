/** The captioning task's data, eval and predict options, as the CLI's flags. */
import type { OptionSpecs } from '@recurrent/task';
import { captionOptions } from './caption-command.js';
import { sceneDataDefaults } from './prepare-captioning-data.js';

const count = (value: number, help: string) =>
  Object.freeze({ type: 'integer' as const, default: value, min: 1, max: 1_000_000, help });

export const captioningDataOptions: OptionSpecs = Object.freeze({
  scenes: count(sceneDataDefaults.scenes, 'generated training scenes'),
  validationScenes: count(
    sceneDataDefaults.validationScenes,
    'validation scenes (seen combinations; pick best/)',
  ),
  heldOutScenes: count(
    sceneDataDefaults.heldOutScenes,
    'held-out scenes (combinations training never sees)',
  ),
  dataSeed: {
    type: 'integer',
    default: sceneDataDefaults.dataSeed,
    min: 0,
    max: 2 ** 31 - 1,
    help: 'seed of the generated scenes (not of the model)',
  },
  data: {
    type: 'path',
    help: 'a real data set instead of the generated scenes: its folder (Karpathy: or its dataset_*.json); needs --format',
  },
  format: {
    type: 'string',
    choices: ['flickr8k', 'coco', 'karpathy'],
    help: "--data's layout: flickr8k (Flickr8k.token.txt + split files), coco (annotations/captions_*2017.json) or karpathy (dataset_*.json)",
  },
  features: {
    type: 'path',
    help: 'precomputed features of the scenes (`recurrent data encode-images --out <file>`): the decoder trains on them, no encoder runs; needs --encoder <the one that made them>',
  },
});

export const captioningEvalOptions: OptionSpecs = Object.freeze({
  data: {
    type: 'path',
    help: "evaluate on a real data set (its folder) instead of the run's own data; needs --format",
  },
  format: {
    type: 'string',
    choices: ['flickr8k', 'coco', 'karpathy'],
    help: "--data's layout: flickr8k, coco or karpathy",
  },
  split: {
    type: 'string',
    default: 'test',
    choices: ['train', 'validation', 'test'],
    help: 'the split of --data to caption and score',
  },
  lengthPenalty: captionOptions.lengthPenalty!,
});

export const captioningPredictOptions: OptionSpecs = captionOptions;
