// The "Side inputs" example of README.md, run with `node examples/side-inputs.mjs` after `pnpm build`.
// biome-ignore-all lint/suspicious/noConsole: an example prints what it did
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { gruDCell, runRnn } from '@recurrent/cells';

await tf.setBackend('cpu');
const round = (t) => JSON.stringify(t.arraySync(), (_, v) => (typeof v === 'number' ? +v.toFixed(4) : v));
// Two variables (say heart rate and lactate, normalised) over 4 hours; lactate is measured twice.
const x = tf.tensor3d([[[0.5, 1.2], [0.7, 0], [0.6, 0], [0.9, 2.0]]]); // [batch 1, time 4, in 2]
const observed = tf.tensor3d([[[1, 1], [1, 0], [1, 0], [1, 1]]]); // 1 = measured this hour
const delta = tf.tensor3d([[[0, 0], [1, 1], [1, 2], [1, 3]]]); // hours since the last measurement
const cell = gruDCell({ inputSize: 2, units: 3, seed: 42 });
console.log('declares', cell.sideInputs);
const { output, sequence, state } = runRnn(cell, x, { sideInputs: { observed, delta }, returnSequences: true });
console.log('output  ', round(output)); // h after hour 4
console.log('sequence', sequence.shape, 'state', state.map((s) => s.shape)); // state [h, xLast - mean]
console.log('xLast   ', round(state[1])); // lactate's last value is hour 4's 2.0
try {
  runRnn(cell, x, { sideInputs: { observed } });
} catch (error) {
  console.log(`${error.name}: ${error.message}`);
}
