/**
 * The units panel's data: which units of the char-LM track which features of a text
 * (`rankUnits` of `@recurrent/lab`, the function behind `recurrent lab units`, so the page
 * and the CLI rank the same units with the same r), with each top unit's values over the
 * text for colouring it (h as it is, c through tanh). No text: the lab's default trace text.
 */
import type { CharLm } from '@recurrent/char-lm';
import { rankUnits, unitsTraceText, unitValues } from '@recurrent/lab';

export interface CharLmUnits {
  readonly chars: string[];
  /** Where the text comes from: the default's source, or "your text". */
  readonly source: string;
  /** How many units were ranked (h and c of every layer). */
  readonly ranked: number;
  /** Characters the model never saw, read as <unk>. */
  readonly unseen: string[];
  readonly features: readonly {
    readonly name: string;
    readonly label: string;
    readonly top: readonly {
      readonly name: string;
      readonly r: number;
      readonly values: number[];
    }[];
  }[];
}

export async function charLmUnits(
  model: CharLm,
  text: string | undefined,
  top: number,
): Promise<CharLmUnits> {
  const ranking = await rankUnits(model, { text: text ?? unitsTraceText.text, top });
  return {
    chars: [...ranking.chars],
    source: text === undefined ? unitsTraceText.source : 'your text',
    ranked: ranking.units.length,
    unseen: [...ranking.unseen],
    features: ranking.features.map((f) => ({
      name: f.name,
      label: f.label,
      top: f.top.map((u) => ({
        name: u.name,
        r: u.r,
        values: Array.from(unitValues(ranking, u.unit)),
      })),
    })),
  };
}
