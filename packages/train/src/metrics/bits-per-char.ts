/**
 * Bits per character from a mean cross-entropy in nats per character (what the masked
 * softmax loss reports): bpc = nats / ln 2. A uniform guess over 65 characters is
 * log2(65) = 6.02 bpc; good char-LMs on English reach 1.2-1.5.
 *
 * @example
 * bitsPerChar(Math.LN2); // 1
 */
import { ConfigError } from '@recurrent/errors';

export function bitsPerChar(natsPerChar: number): number {
  checkNats('bitsPerChar', natsPerChar);
  return natsPerChar / Math.LN2;
}

/** Throws unless `nats` is a finite number >= 0 (a mean cross-entropy cannot be negative). */
export function checkNats(fn: string, nats: number): void {
  if (typeof nats !== 'number' || !Number.isFinite(nats) || nats < 0) {
    throw new ConfigError(
      `${fn}: expected a mean cross-entropy in nats (a finite number >= 0), got ${nats}. ` +
        'Pass the mean loss over real (unmasked) steps, e.g. 1.25.',
    );
  }
}
