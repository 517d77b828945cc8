/** Unicode normalisation and optional lower-casing, shared by the tokenizers. */
import { checkChoice } from './check-options.js';

export type Normalization = 'NFC' | 'NFKC' | 'none';
export const normalizations: readonly Normalization[] = ['NFC', 'NFKC', 'none'];

export function checkNormalization(who: string, value: unknown): Normalization {
  return checkChoice(who, 'normalize', value, normalizations);
}

export function normalizeText(text: string, normalize: Normalization, lowercase: boolean): string {
  const normalized = normalize === 'none' ? text : text.normalize(normalize);
  return lowercase ? normalized.toLowerCase() : normalized;
}
