/**
 * Watches the validation metric of a training run (lower is better) and says, in words a
 * student can act on, when it starts rising while the training loss keeps falling: the model
 * is memorising its text. One rise after the best can be noise; `patience` rises in a row
 * (default 2) make the notice.
 */
export interface OverfitWatch {
  /** A new validation value at `step`; returns the notice when the run is overfitting now. */
  push(step: number, value: number): string | null;
  reset(): void;
}

export function createOverfitWatch(patience = 2): OverfitWatch {
  let best: { step: number; value: number } | null = null;
  let rises = 0;
  let last = Number.POSITIVE_INFINITY;
  return {
    push(step, value) {
      if (!best || value < best.value) best = { step, value };
      rises = value > last ? rises + 1 : 0;
      last = value;
      if (rises < patience || value <= best.value) return null;
      return `Overfitting: the validation loss rose from ${best.value.toFixed(3)} (step ${best.step}) to ${value.toFixed(3)} (step ${step}) while the training loss keeps falling — the model is memorising this text instead of learning what generalises. Stop here, or train on a longer text, with fewer units, or for fewer steps.`;
    },
    reset() {
      best = null;
      rises = 0;
      last = Number.POSITIVE_INFINITY;
    },
  };
}
