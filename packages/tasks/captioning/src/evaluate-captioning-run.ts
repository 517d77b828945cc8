/**
 * The full evaluation of a captioning model: greedy, beam 3 and beam 5 on the validation
 * scenes (seen combinations) and the held-out scenes (unseen ones), BLEU-1..4 and attribute
 * accuracy side by side. `recurrent eval <run>` and the end of `recurrent train captioning`
 * print it.
 *
 * @example
 * const rows = await evaluateDecoders(model, data);
 * describeDecoders(rows); // the table's lines
 */
import type { CaptioningModel } from './create-captioning-model.js';
import { type SplitScores, scoreSplit } from './evaluate-captioning.js';
import type { CaptioningData } from './prepare-captioning-data.js';

export interface DecoderRow {
  readonly split: 'seen' | 'held-out';
  readonly beamWidth: number;
  readonly scores: SplitScores;
  /** Seconds spent captioning the split. */
  readonly seconds: number;
}

export const evaluateDecodersDefaults = Object.freeze({
  beamWidths: [1, 3, 5] as readonly number[], // greedy, and the issue's two beam widths
});

export async function evaluateDecoders(
  model: CaptioningModel,
  data: CaptioningData,
  options: { readonly beamWidths?: readonly number[]; readonly lengthPenalty?: number } = {},
): Promise<DecoderRow[]> {
  const rows: DecoderRow[] = [];
  for (const [split, images] of [
    ['seen', data.validation],
    ['held-out', data.heldOut],
  ] as const) {
    for (const beamWidth of options.beamWidths ?? evaluateDecodersDefaults.beamWidths) {
      const start = performance.now();
      const scores = await scoreSplit(model, images, {
        beamWidth,
        ...(options.lengthPenalty !== undefined ? { lengthPenalty: options.lengthPenalty } : {}),
      });
      rows.push({ split, beamWidth, scores, seconds: (performance.now() - start) / 1000 });
    }
  }
  return rows;
}

// Attribute accuracy is NaN on real photos (no generated scene to check against): shown as '-'.
const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '-');

export function describeDecoders(rows: readonly DecoderRow[]): string[] {
  const lines = [
    'split     decoder  BLEU-1 BLEU-2 BLEU-3 BLEU-4 | colour  shape   size relation    all | images',
  ];
  for (const r of rows) {
    const b = r.scores.bleu;
    const a = r.scores.attributes;
    const decoder = r.beamWidth === 1 ? 'greedy' : `beam ${r.beamWidth}`;
    lines.push(
      `${r.split.padEnd(9)} ${decoder.padEnd(7)} ${[b.bleu1, b.bleu2, b.bleu3, b.bleu4].map((x) => f3(x).padStart(6)).join(' ')} | ${[a.colour, a.shape, a.size, a.relation, a.all].map((x, i) => f3(x).padStart(i === 3 ? 8 : 6)).join(' ')} | ${r.scores.images}`,
    );
  }
  return lines;
}

/** The rows as metrics: `heldOutBeam5Bleu4`, `seenGreedyAllRight`, ... */
export function decoderMetrics(rows: readonly DecoderRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) {
    const prefix = `${r.split === 'seen' ? 'seen' : 'heldOut'}${r.beamWidth === 1 ? 'Greedy' : `Beam${r.beamWidth}`}`;
    out[`${prefix}Bleu4`] = r.scores.bleu.bleu4;
    out[`${prefix}Bleu1`] = r.scores.bleu.bleu1;
    out[`${prefix}AllRight`] = r.scores.attributes.all;
  }
  return out;
}
