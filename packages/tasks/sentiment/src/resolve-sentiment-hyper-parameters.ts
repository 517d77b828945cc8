/**
 * Merges a preset and explicit overrides onto the defaults and checks every value, so a
 * typo in a flag fails before any tensor is built.
 */
import { ConfigError } from '@recurrent/errors';
import { checkOption } from '@recurrent/task';
import {
  type SentimentHyperParameters,
  sentimentDefaults,
  sentimentPresets,
} from './sentiment-defaults.js';
import { sentimentHyperParameterSpecs } from './sentiment-hyper-parameter-specs.js';

/**
 * @example
 * resolveSentimentHyperParameters('tiny', { cell: 'gru' });
 */
export function resolveSentimentHyperParameters(
  preset = 'default',
  overrides: Partial<SentimentHyperParameters> = {},
): SentimentHyperParameters {
  const base = sentimentPresets[preset];
  if (!base) {
    throw new ConfigError(
      `sentiment: unknown preset "${preset}". Available: ${Object.keys(sentimentPresets).join(', ')}.`,
    );
  }
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const hp = { ...sentimentDefaults, ...base, ...defined } as SentimentHyperParameters;
  // A default second bias is an LSTM's (a GRU has both already, the simple RNN keeps one):
  // other cells drop it unless a preset or the user asks for it, which is refused below.
  if (hp.cell !== 'lstm' && !('secondBias' in base) && !('secondBias' in defined)) {
    (hp as { secondBias: boolean }).secondBias = false;
  }
  const unknown = Object.keys(hp).filter((k) => !(k in sentimentDefaults));
  if (unknown.length > 0) {
    throw new ConfigError(
      `sentiment: unknown hyper-parameter ${unknown.map((k) => `"${k}"`).join(', ')}. Known: ${Object.keys(sentimentDefaults).join(', ')}.`,
    );
  }
  for (const [key, spec] of Object.entries(sentimentHyperParameterSpecs)) {
    checkOption('sentiment', key, spec, hp[key as keyof SentimentHyperParameters]);
  }
  if (hp.secondBias && hp.cell !== 'lstm') {
    throw new ConfigError(
      `sentiment: secondBias is an LSTM option, got cell "${hp.cell}" with secondBias true. ${hp.cell === 'gru' ? 'A GRU already trains an input and a recurrent bias; drop --second-bias.' : 'Use --cell lstm, or drop --second-bias.'}`,
    );
  }
  if (hp.validationFraction + hp.testFraction >= 0.9) {
    throw new ConfigError(
      `sentiment: validationFraction + testFraction is ${hp.validationFraction + hp.testFraction}; expected below 0.9 so training keeps data. Lower one of them.`,
    );
  }
  return Object.freeze(hp);
}
