/** Every cell, composite ones included, passes the shared describeCell suite. */
import { beforeAll } from 'vitest';
import { bidirectional } from './bidirectional.js';
import { gruCell } from './gru-cell.js';
import { gruDCell } from './gru-d-cell.js';
import { lstmCell } from './lstm-cell.js';
import { simpleRnnCell } from './simple-rnn-cell.js';
import { stackCells } from './stack-cells.js';
import { useBackend } from './test-utils/backends.js';
import { describeCell } from './test-utils/describe-cell.js';

beforeAll(() => useBackend('cpu'));

describeCell('simpleRnnCell tanh', (seed) => simpleRnnCell({ inputSize: 3, units: 4, seed }));
describeCell('simpleRnnCell relu', (seed) =>
  simpleRnnCell({ inputSize: 3, units: 4, activation: 'relu', seed }),
);
describeCell('lstmCell sigmoid', (seed) => lstmCell({ inputSize: 3, units: 4, seed }));
describeCell('lstmCell hardSigmoid', (seed) =>
  lstmCell({ inputSize: 3, units: 4, recurrentActivation: 'hardSigmoid', seed }),
);
describeCell('gruCell resetAfter', (seed) => gruCell({ inputSize: 3, units: 4, seed }));
describeCell('gruCell resetBefore', (seed) =>
  gruCell({ inputSize: 3, units: 4, resetAfter: false, seed }),
);
describeCell('gruDCell (side inputs observed, delta)', (seed) =>
  gruDCell({ inputSize: 3, units: 4, mean: [0.2, -0.1, 0.4], seed }),
);
describeCell('stackCells with dropout', (seed) =>
  stackCells(
    [
      lstmCell({ inputSize: 3, units: 4, seed, name: 'l0' }),
      gruCell({ inputSize: 4, units: 2, seed: seed + 1, name: 'l1' }),
    ],
    { dropout: 0.25, seed },
  ),
);
describeCell(
  'bidirectional concat',
  (seed) =>
    bidirectional(
      lstmCell({ inputSize: 3, units: 4, seed, name: 'fwd' }),
      simpleRnnCell({ inputSize: 3, units: 2, seed: seed + 1, name: 'bwd' }),
    ),
  { noStep: 'a bidirectional cell needs whole sequences' },
);
describeCell(
  'stack of bidirectional layers',
  (seed) =>
    stackCells([
      bidirectional(
        gruCell({ inputSize: 3, units: 2, seed, name: 'l0_fwd' }),
        gruCell({ inputSize: 3, units: 2, seed: seed + 1, name: 'l0_bwd' }),
        { merge: 'sum' },
      ),
      lstmCell({ inputSize: 2, units: 3, seed: seed + 2, name: 'l1' }),
    ]),
  { noStep: 'a bidirectional layer needs whole sequences' },
);
describeCell('stack with a GRU-D first layer (side inputs reach it)', (seed) =>
  stackCells(
    [
      gruDCell({ inputSize: 3, units: 4, seed, name: 'l0' }),
      lstmCell({ inputSize: 4, units: 2, seed: seed + 1, name: 'l1' }),
    ],
    { dropout: 0.25, seed },
  ),
);
describeCell(
  'bidirectional GRU-D forward, GRU backward',
  (seed) =>
    bidirectional(
      gruDCell({ inputSize: 3, units: 2, seed, name: 'fwd' }),
      gruCell({ inputSize: 3, units: 2, seed: seed + 1, name: 'bwd' }),
    ),
  { noStep: 'a bidirectional cell needs whole sequences' },
);
