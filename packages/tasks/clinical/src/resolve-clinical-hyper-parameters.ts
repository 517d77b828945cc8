/**
 * Merges a preset and explicit overrides onto the defaults and checks every value, so a
 * typo in a flag fails before any tensor is built.
 *
 * @example
 * resolveClinicalHyperParameters('tiny', { cell: 'lstm' }); // { ...defaults, ...tiny, cell: 'lstm' }
 */
import { ConfigError } from '@recurrent/errors';
import { checkOption } from '@recurrent/task';
import {
  type ClinicalHyperParameters,
  clinicalDefaults,
  clinicalPresets,
} from './clinical-defaults.js';
import { clinicalHyperParameterSpecs } from './clinical-hyper-parameter-specs.js';

export function resolveClinicalHyperParameters(
  preset = 'default',
  overrides: Partial<ClinicalHyperParameters> = {},
): ClinicalHyperParameters {
  const base = clinicalPresets[preset];
  if (!base) {
    throw new ConfigError(
      `clinical: unknown preset "${preset}". Available: ${Object.keys(clinicalPresets).join(', ')}.`,
    );
  }
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const hp = { ...clinicalDefaults, ...base, ...defined } as ClinicalHyperParameters;
  const unknown = Object.keys(hp).filter((k) => !(k in clinicalDefaults));
  if (unknown.length > 0) {
    throw new ConfigError(
      `clinical: unknown hyper-parameter ${unknown.map((k) => `"${k}"`).join(', ')}. Known: ${Object.keys(clinicalDefaults).join(', ')}.`,
    );
  }
  for (const [key, spec] of Object.entries(clinicalHyperParameterSpecs)) {
    checkOption('clinical', key, spec, hp[key as keyof ClinicalHyperParameters]);
  }
  return Object.freeze(hp);
}
