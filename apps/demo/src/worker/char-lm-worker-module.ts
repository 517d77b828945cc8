/**
 * What the char-LM page needs in the worker beyond `charLmTask`: the probes of its
 * hidden-state view (`trace`: h, c and the gates of one layer over a text; `score`: the
 * per-character log-probabilities), of its units panel (`units`: the units that track each
 * text feature) and the facts it shows (the model's characters, its parameter count, the
 * corpus its checkpoint names).
 */
import type { CharLm, CharLmData } from '@recurrent/char-lm';
import { ConfigError } from '@recurrent/errors';
import type { JsonValue } from '@recurrent/train';
import { type CharLmUnits, charLmUnits } from './char-lm-units.js';
import { type CharLmScore, charLogProbs, encodeText } from './char-log-probs.js';
import { defineTaskWorkerModule } from './task-worker-module.js';
import { type CharLmTrace, traceCharLm } from './trace-char-lm.js';

export const charLmLimits = Object.freeze({
  maxTrace: 400, // characters in the hidden-state view (one heat-map column each)
  maxScore: 2000, // characters scored in one forward pass
  maxUnits: 4000, // characters the units panel reads, one step each (the default text has 1,352)
  unitsTop: 5, // units listed per feature in the units panel
});

/** The text of a probe's input, checked: `{ text: '...' }`. */
function textOf(who: string, input: JsonValue): string {
  const text =
    typeof input === 'object' && input !== null && !Array.isArray(input) ? input.text : undefined;
  if (typeof text !== 'string') {
    throw new ConfigError(
      `${who}: expected an input like { text: "Call me" }, got ${JSON.stringify(input)}.`,
    );
  }
  return text;
}

const probes = {
  /** `{ text, layer }` -> h_t (and c_t, i, f, o for an LSTM) of that layer, and p(char). */
  async trace(model: CharLm, input: JsonValue): Promise<CharLmTrace> {
    const who = 'char-lm trace';
    const { chars, ids } = encodeText(model, textOf(who, input));
    const layer = (input as { layer?: JsonValue }).layer ?? 0;
    if (chars.length === 0) throw new ConfigError(`${who}: expected some text, got none.`);
    const n = charLmLimits.maxTrace;
    return traceCharLm(model, chars.slice(0, n), ids.slice(0, n), Number(layer));
  },
  /** `{ text }` -> log p(char_t | chars before t) for every character after the first. */
  async score(model: CharLm, input: JsonValue): Promise<CharLmScore> {
    const { chars, ids } = encodeText(model, textOf('char-lm score', input));
    const n = charLmLimits.maxScore;
    return { chars: chars.slice(0, n), logProbs: await charLogProbs(model, ids.slice(0, n)) };
  },
  /** `{ text? }` -> the top units per text feature with r and their values (no text: the lab's default). */
  async units(model: CharLm, input: JsonValue): Promise<CharLmUnits> {
    const given =
      typeof input === 'object' && input !== null && !Array.isArray(input) ? input.text : undefined;
    if (given === undefined || given === null) {
      return charLmUnits(model, undefined, charLmLimits.unitsTop);
    }
    const text = textOf('char-lm units', input);
    if (text.trim() === '') {
      throw new ConfigError('char-lm units: expected some text to read, got none.');
    }
    const chars = [...text.normalize('NFC')].slice(0, charLmLimits.maxUnits);
    return charLmUnits(model, chars.join(''), charLmLimits.unitsTop);
  },
};

/** The probes' types, for the page's typed `task/probe` calls. */
export type CharLmProbes = typeof probes;

export const charLmWorkerModule = defineTaskWorkerModule<CharLm, CharLmData>({
  probes,
  describe(model, config) {
    return {
      // Without <pad>, <unk>, <bos>, <eos>: the characters a prime may use.
      characters: [...model.vocabulary.corpusTokens],
      specialTokens: model.vocabulary.specialCount,
      parameters: model.variables.reduce((n, v) => n + v.variable.size, 0),
      ...(typeof config?.corpus === 'string' ? { corpus: config.corpus } : {}),
    };
  },
  trainedSource: (data) =>
    `${data.report.characters.toLocaleString('en')} characters of text, trained on this page`,
});
