/**
 * Merges a preset and explicit overrides onto the defaults and checks every value, so a
 * typo in a flag fails before any tensor is built.
 */
import { ConfigError } from '@recurrent/errors';
import { checkOption } from '@recurrent/task';
import {
  type CellType,
  type CharLmHyperParameters,
  charLmDefaults,
  charLmPresets,
} from './char-lm-defaults.js';
import { charLmHyperParameterSpecs } from './char-lm-hyper-parameter-specs.js';

const CELLS: readonly CellType[] = ['lstm', 'gru', 'rnn'];

export function resolveHyperParameters(
  preset = 'default',
  overrides: Partial<CharLmHyperParameters> = {},
): CharLmHyperParameters {
  const base = charLmPresets[preset];
  if (!base) {
    throw new ConfigError(
      `char-lm: unknown preset "${preset}". Available: ${Object.keys(charLmPresets).join(', ')}.`,
    );
  }
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const hp = { ...charLmDefaults, ...base, ...defined } as CharLmHyperParameters;
  // The default second bias is an LSTM's (a GRU has both already, the simple RNN keeps one):
  // other cells drop it unless a preset or the user asks for it, which is refused below.
  if (hp.cell !== 'lstm' && !('secondBias' in base) && !('secondBias' in defined)) {
    (hp as { secondBias: boolean }).secondBias = false;
  }
  const unknown = Object.keys(hp).filter((k) => !(k in charLmDefaults));
  if (unknown.length > 0) {
    throw new ConfigError(
      `char-lm: unknown hyper-parameter ${unknown.map((k) => `"${k}"`).join(', ')}. Known: ${Object.keys(charLmDefaults).join(', ')}.`,
    );
  }
  if (!CELLS.includes(hp.cell)) {
    throw new ConfigError(`char-lm: unknown cell "${hp.cell}". Available: ${CELLS.join(', ')}.`);
  }
  for (const [key, spec] of Object.entries(charLmHyperParameterSpecs)) {
    checkOption('char-lm', key, spec, hp[key as keyof CharLmHyperParameters]);
  }
  if (hp.secondBias && hp.cell !== 'lstm') {
    throw new ConfigError(
      `char-lm: secondBias is an LSTM option, got cell "${hp.cell}" with secondBias true. ${hp.cell === 'gru' ? 'A GRU already trains an input and a recurrent bias; drop --second-bias.' : 'Use --cell lstm, or drop --second-bias.'}`,
    );
  }
  return Object.freeze(hp);
}
