import { describe, expect, it } from 'vitest';
import { checkpointFacts } from './checkpoint-facts.js';

const names = ['valLoss', 'bitsPerChar'];

describe('checkpointFacts', () => {
  it('reads what `recurrent export` writes', () => {
    expect(
      checkpointFacts(
        { trainedSteps: 1400, metrics: { valLoss: 1.5974, bitsPerChar: 2.3045 }, corpus: 'x' },
        names,
      ),
    ).toEqual({ trainedSteps: 1400, metrics: { valLoss: 1.5974, bitsPerChar: 2.3045 } });
  });

  it('reads step, lastMetrics and the best entry; a top-level metric wins over lastMetrics', () => {
    expect(checkpointFacts({ step: 7, lastMetrics: { valLoss: 2 } }, names)).toEqual({
      trainedSteps: 7,
      metrics: { valLoss: 2 },
    });
    expect(checkpointFacts({ valLoss: 3, lastMetrics: { valLoss: 2 } }, names).metrics).toEqual({
      valLoss: 3,
    });
    expect(checkpointFacts({ best: { metric: 'valLoss', value: 1.9 } }, names).metrics).toEqual({
      valLoss: 1.9,
    });
    // a best entry of another metric says nothing about this one
    expect(checkpointFacts({ best: { metric: 'accuracy', value: 0.9 } }, names).metrics).toEqual(
      {},
    );
  });

  it('ignores what is not a finite number, and knows nothing when nothing is recorded', () => {
    expect(
      checkpointFacts({ trainedSteps: 'many', metrics: { valLoss: null }, valLoss: [1] }, names),
    ).toEqual({ trainedSteps: null, metrics: {} });
    expect(checkpointFacts({}, names)).toEqual({ trainedSteps: null, metrics: {} });
  });
});
