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
  const asked = (key: keyof ClinicalHyperParameters) => key in base || key in defined;
  // A default second bias is an LSTM's (a GRU has both already): other cells drop it unless
  // asked for, which is refused below. GRU-D has Keras' init only: it keeps that one.
  if (hp.cell !== 'lstm' && !asked('secondBias'))
    (hp as { secondBias: boolean }).secondBias = false;
  if (hp.cell === 'gru-d' && !asked('kernelInit'))
    (hp as { kernelInit: 'keras' }).kernelInit = 'keras';
  const unknown = Object.keys(hp).filter((k) => !(k in clinicalDefaults));
  if (unknown.length > 0) {
    throw new ConfigError(
      `clinical: unknown hyper-parameter ${unknown.map((k) => `"${k}"`).join(', ')}. Known: ${Object.keys(clinicalDefaults).join(', ')}.`,
    );
  }
  for (const [key, spec] of Object.entries(clinicalHyperParameterSpecs)) {
    checkOption('clinical', key, spec, hp[key as keyof ClinicalHyperParameters]);
  }
  if (hp.secondBias && hp.cell !== 'lstm') {
    throw new ConfigError(
      `clinical: secondBias is an LSTM option, got cell "${hp.cell}" with secondBias true. ${hp.cell === 'gru' ? 'A GRU already trains an input and a recurrent bias' : 'GRU-D has one bias per gate'}; drop --second-bias or use --cell lstm.`,
    );
  }
  if (hp.cell === 'gru-d' && hp.kernelInit !== 'keras') {
    throw new ConfigError(
      `clinical: kernelInit "${hp.kernelInit}" is not available for cell "gru-d" (its kernels start Glorot + orthogonal, Keras' init), got kernelInit "${hp.kernelInit}". Use --kernel-init keras, or --cell gru / lstm for PyTorch's init.`,
    );
  }
  return Object.freeze(hp);
}
