/** Gathers the weights of several cells into one list and refuses duplicate names. */
import { ConfigError } from '@recurrent/errors';
import type { Cell, NamedWeight } from './cell.js';

export function collectWeights(who: string, cells: readonly Cell[]): readonly NamedWeight[] {
  const seen = new Set<string>();
  const weights: NamedWeight[] = [];
  for (const cell of cells) {
    for (const w of cell.weights) {
      if (seen.has(w.name)) {
        throw new ConfigError(
          `${who}: two cells share the weight name "${w.name}"; names must be unique to save and load weights. Give each cell its own name, e.g. lstmCell({ ..., name: 'lstm_1' }).`,
        );
      }
      seen.add(w.name);
      weights.push(w);
    }
  }
  return Object.freeze(weights);
}
