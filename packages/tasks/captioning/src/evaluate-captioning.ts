/**
 * Scores captions of a split: corpus BLEU-1..4 against all reference captions of each image
 * (`corpusBleu` from @recurrent/train, matching NLTK), and attribute accuracy: the share of
 * images whose best caption names each attribute right (colours, shapes, sizes, the order
 * of the shapes) and every one of them.
 *
 * @example
 * const scores = await scoreSplit(model, data.heldOut, { beamWidth: 5 });
 * scores.bleu.bleu4; scores.attributes.all;
 */
import { type CorpusBleu, corpusBleu } from '@recurrent/train';
import { type CaptionOptions, captionImages } from './caption-images.js';
import type { CaptioningModel } from './create-captioning-model.js';
import { parseCaption, scoreClaim } from './parse-caption.js';
import type { CaptionedImage } from './prepare-captioning-data.js';

export interface AttributeAccuracy {
  readonly colour: number;
  readonly shape: number;
  readonly size: number;
  readonly relation: number;
  /** Every attribute right: the caption says exactly what the scene shows. */
  readonly all: number;
}

export interface SplitScores {
  readonly bleu: CorpusBleu;
  readonly attributes: AttributeAccuracy;
  readonly images: number;
  /** The first few (caption, first reference) pairs, for a look. */
  readonly examples: readonly { readonly caption: string; readonly reference: string }[];
}

export async function scoreSplit(
  model: CaptioningModel,
  images: readonly CaptionedImage[],
  options: CaptionOptions = {},
): Promise<SplitScores> {
  const captions = await captionImages(
    model,
    images.map((i) => i.pixels),
    options,
  );
  const best = captions.map((c) => c[0]!.words);
  const bleu = corpusBleu(
    images.map((i) => i.references),
    best,
  );
  const totals = { colour: 0, shape: 0, size: 0, relation: 0, all: 0 };
  let scenes = 0;
  best.forEach((words, i) => {
    const scene = images[i]!.scene;
    if (!scene) return; // a photo of a real data set: no attributes to check, BLEU only
    scenes++;
    const score = scoreClaim(parseCaption(words), scene);
    for (const key of Object.keys(totals) as (keyof typeof totals)[])
      totals[key] += score[key] ? 1 : 0;
  });
  const n = scenes > 0 ? scenes : Number.NaN; // NaN: no generated scenes in the split
  return {
    bleu,
    attributes: {
      colour: totals.colour / n,
      shape: totals.shape / n,
      size: totals.size / n,
      relation: totals.relation / n,
      all: totals.all / n,
    },
    images: images.length,
    examples: best.slice(0, 3).map((words, i) => ({
      caption: words.join(' '),
      reference: images[i]!.references[0]!.join(' '),
    })),
  };
}
