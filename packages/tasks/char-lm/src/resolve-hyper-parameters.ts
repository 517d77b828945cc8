/**
 * Merges a preset and explicit overrides onto the defaults and checks every value, so a
 * typo in a flag fails before any tensor is built.
 */
import { ConfigError } from '@recurrent/errors';
import {
  type CellType,
  type CharLmHyperParameters,
  charLmDefaults,
  charLmPresets,
} from './char-lm-defaults.js';

const CELLS: readonly CellType[] = ['lstm', 'gru', 'rnn'];

function check(ok: boolean, name: string, expected: string, got: unknown): void {
  if (!ok)
    throw new ConfigError(
      `char-lm: expected ${name} to be ${expected}, got ${JSON.stringify(got)}.`,
    );
}

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
  const unknown = Object.keys(hp).filter((k) => !(k in charLmDefaults));
  if (unknown.length > 0) {
    throw new ConfigError(
      `char-lm: unknown hyper-parameter ${unknown.map((k) => `"${k}"`).join(', ')}. Known: ${Object.keys(charLmDefaults).join(', ')}.`,
    );
  }
  if (!CELLS.includes(hp.cell)) {
    throw new ConfigError(`char-lm: unknown cell "${hp.cell}". Available: ${CELLS.join(', ')}.`);
  }
  const positiveInt = (v: number) => Number.isInteger(v) && v >= 1;
  for (const key of [
    'layers',
    'units',
    'embeddingDim',
    'timeSteps',
    'batchSize',
    'steps',
  ] as const) {
    check(positiveInt(hp[key]), key, 'an integer >= 1', hp[key]);
  }
  check(
    Number.isInteger(hp.warmupSteps) && hp.warmupSteps >= 0,
    'warmupSteps',
    'an integer >= 0',
    hp.warmupSteps,
  );
  check(Number.isInteger(hp.seed), 'seed', 'an integer', hp.seed);
  check(hp.dropout >= 0 && hp.dropout < 1, 'dropout', 'in [0, 1)', hp.dropout);
  check(
    hp.stateResetProbability >= 0 && hp.stateResetProbability <= 1,
    'stateResetProbability',
    'in [0, 1]',
    hp.stateResetProbability,
  );
  check(
    hp.learningRate > 0 && Number.isFinite(hp.learningRate),
    'learningRate',
    'a number > 0',
    hp.learningRate,
  );
  check(hp.clipNorm > 0, 'clipNorm', 'a number > 0', hp.clipNorm);
  check(
    hp.validationFraction > 0 && hp.validationFraction < 0.5,
    'validationFraction',
    'in (0, 0.5)',
    hp.validationFraction,
  );
  return Object.freeze(hp);
}
