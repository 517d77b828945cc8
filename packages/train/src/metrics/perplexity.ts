/**
 * Perplexity from a mean cross-entropy in nats per token: exp(nats). It is the effective
 * number of equally likely choices per token: a uniform guess over V tokens has
 * perplexity V. Also `2 ** bitsPerChar(nats)`.
 *
 * @example
 * perplexity(Math.log(65)); // 65
 */
import { checkNats } from './bits-per-char.js';

export function perplexity(natsPerToken: number): number {
  checkNats('perplexity', natsPerToken);
  return Math.exp(natsPerToken);
}
