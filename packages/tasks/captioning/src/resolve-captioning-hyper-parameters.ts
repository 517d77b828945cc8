/**
 * Merges a preset and explicit overrides onto the defaults and checks every value, so a
 * typo in a flag fails before any tensor is built.
 */
import { ConfigError } from '@recurrent/errors';
import { checkOption } from '@recurrent/task';
import {
  type CaptioningHyperParameters,
  captioningDefaults,
  captioningPresets,
} from './captioning-defaults.js';
import { captioningHyperParameterSpecs } from './captioning-hyper-parameter-specs.js';

/**
 * @example
 * resolveCaptioningHyperParameters('tiny', { imageAs: 'input' });
 */
export function resolveCaptioningHyperParameters(
  preset = 'default',
  overrides: Partial<CaptioningHyperParameters> = {},
): CaptioningHyperParameters {
  const base = captioningPresets[preset];
  if (!base) {
    throw new ConfigError(
      `captioning: unknown preset "${preset}". Available: ${Object.keys(captioningPresets).join(', ')}.`,
    );
  }
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const hp = { ...captioningDefaults, ...base, ...defined } as CaptioningHyperParameters;
  const unknown = Object.keys(hp).filter((k) => !(k in captioningDefaults));
  if (unknown.length > 0) {
    throw new ConfigError(
      `captioning: unknown hyper-parameter ${unknown.map((k) => `"${k}"`).join(', ')}. Known: ${Object.keys(captioningDefaults).join(', ')}.`,
    );
  }
  for (const [key, spec] of Object.entries(captioningHyperParameterSpecs)) {
    checkOption('captioning', key, spec, hp[key as keyof CaptioningHyperParameters]);
  }
  const last = hp.imageSize / 2 ** hp.cnnBlocks;
  if (!Number.isInteger(last) || last < 2) {
    throw new ConfigError(
      `captioning: expected imageSize divisible by 2^cnnBlocks with at least 2 pixels left, got imageSize ${hp.imageSize} and cnnBlocks ${hp.cnnBlocks} (${last} pixels). Try --image-size 32 --cnn-blocks 3.`,
    );
  }
  return Object.freeze(hp);
}
