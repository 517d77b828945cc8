// The example of README.md, run with `node examples/readme.mjs` after `pnpm build`.
// biome-ignore-all lint/suspicious/noConsole: an example prints what it did
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { bidirectional, lstmCell, runRnn, toPytorch } from '@recurrent/cells';

await tf.setBackend('cpu');
const round = (t) => JSON.stringify(t.arraySync(), (_, v) => (typeof v === 'number' ? +v.toFixed(4) : v));
const cell = lstmCell({ inputSize: 3, units: 2, seed: 42 });
const x = tf.tensor3d([[[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[1, 1, 0], [9, 9, 9], [9, 9, 9]]]);
const mask = tf.tensor2d([[1, 1, 1], [1, 0, 0]]); // row 1: one real step, then padding
const { output, sequence, state } = runRnn(cell, x, { mask, returnSequences: true });
console.log('output  ', round(output)); // h at each row's last real step
console.log('sequence', round(sequence)); // zeros where masked
console.log('state   ', state.map((s) => s.shape)); // [h, c]
console.log('pytorch ', Object.keys(toPytorch(cell)));
const bi = bidirectional(cell, lstmCell({ inputSize: 3, units: 2, seed: 7, name: 'lstm_bwd' }));
console.log('bi      ', round(runRnn(bi, x, { mask }).output)); // [forward h, backward h]
