/** The `generate` suite's workload: batch-1 streaming generation from a char-LM. */
import type { BackendChoice } from '../cells/cells-config.js';

export type GenerateImpl = 'ours' | 'layers';

export interface GenerateSpec {
  readonly impl: GenerateImpl;
  readonly backend: BackendChoice;
  /** Characters generated after the prime (timed). */
  readonly length: number;
}

export interface GenerateResult {
  /** Characters per second over the generated characters (the first one included). */
  readonly charsPerSecond: number;
  /** From the call to the first generated character (the prime's pass included). */
  readonly firstCharMs: number;
  readonly backendDetail: string;
  readonly tensorDrift: number;
}

/** The prime, the sampling and the character set; the model is the char-LM default preset's. */
export const generateWorkload = Object.freeze({
  prime: 'Call me Ishmael. ',
  temperature: 0.8,
  // Printable ASCII plus newline: the size of Moby Dick's character set (the four specials are added).
  alphabet: `\n${Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('')}`,
});

export const generateDefaults = Object.freeze({
  length: 300, // a few paragraphs: long enough that the first character's cost is amortised
  backends: ['wasm'] as readonly BackendChoice[],
});
