/**
 * `recurrent eval <run> --data <folder> --format ... --split test`: one split of a real data
 * set captioned greedily and with beams of 3 and 5, corpus BLEU-1..4 against all references.
 *
 * @example
 * const result = await evaluateFolderSplit(model, { format: 'flickr8k', root, files }, { split: 'test' });
 * result.lines; // ['flickr8k test split of ...: 4 images, 16 references', 'decoder BLEU-1 ...', ...]
 */

import { ConfigError } from '@recurrent/errors';
import type { TaskEvaluation } from '@recurrent/task';
import type { CaptioningModel } from '../create-captioning-model.js';
import { scoreSplit } from '../evaluate-captioning.js';
import { evaluateDecodersDefaults } from '../evaluate-captioning-run.js';
import { type CaptionSplit, splitOf } from './caption-dataset.js';
import { type LoadCaptionDatasetOptions, loadCaptionDataset } from './load-caption-dataset.js';
import { captionedImages } from './prepare-folder-data.js';

export async function evaluateFolderSplit(
  model: CaptioningModel,
  options: LoadCaptionDatasetOptions,
  settings: { readonly split: CaptionSplit; readonly lengthPenalty?: number },
): Promise<TaskEvaluation> {
  const dataset = await loadCaptionDataset(options);
  const records = splitOf(dataset, settings.split);
  if (records.length === 0) {
    throw new ConfigError(
      `captioning eval: the ${settings.split} split of ${options.root} (${options.format}) has no images. Pick another with --split (train, validation, test)${options.format === 'coco' ? "; COCO's test captions are not public, use --split validation or the Karpathy split" : ''}.`,
    );
  }
  const images = await captionedImages(records, options.files, model.hyperParameters.imageSize);
  const metrics: Record<string, number> = {};
  const lines = [
    `${options.format} ${settings.split} split of ${options.root}: ${records.length} images, ${images.reduce((s, i) => s + i.references.length, 0)} references`,
    ...dataset.notes.map((n) => `  note: ${n}`),
    'decoder  BLEU-1 BLEU-2 BLEU-3 BLEU-4 | seconds',
  ];
  const rows = [];
  for (const beamWidth of evaluateDecodersDefaults.beamWidths) {
    const start = performance.now();
    const scores = await scoreSplit(model, images, {
      beamWidth,
      ...(settings.lengthPenalty !== undefined ? { lengthPenalty: settings.lengthPenalty } : {}),
    });
    const seconds = (performance.now() - start) / 1000;
    const b = scores.bleu;
    const name = beamWidth === 1 ? 'greedy' : `beam${beamWidth}`;
    metrics[`${name}Bleu1`] = b.bleu1;
    metrics[`${name}Bleu2`] = b.bleu2;
    metrics[`${name}Bleu3`] = b.bleu3;
    metrics[`${name}Bleu4`] = b.bleu4;
    lines.push(
      `${(beamWidth === 1 ? 'greedy' : `beam ${beamWidth}`).padEnd(8)} ${[b.bleu1, b.bleu2, b.bleu3, b.bleu4].map((x) => x.toFixed(3).padStart(6)).join(' ')} | ${seconds.toFixed(1)}`,
    );
    rows.push({ beamWidth, bleu: [b.bleu1, b.bleu2, b.bleu3, b.bleu4], seconds });
  }
  return {
    metrics,
    lines,
    details: { split: settings.split, images: records.length, rows, counts: { ...dataset.counts } },
  };
}
