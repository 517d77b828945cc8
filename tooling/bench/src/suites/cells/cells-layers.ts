/**
 * The peers for the `cells` suite: the same workloads on tfjs-layers 4.22 (`tf.layers.lstm`,
 * `gru`, `simpleRNN` with sigmoid gates like ours, a dense head, Adam, `trainOnBatch`).
 * tfjs-layers cannot train an embedding on wasm (its gather gradient needs the
 * `UnsortedSegmentSum` kernel), so config B feeds it pre-embedded inputs `[64, 200, 64]`
 * with zero vectors at padding through `tf.layers.masking`, as the issue prescribes.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { ModelKind, Workload } from './cells-config.js';
import type { WorkloadData } from './cells-data.js';
import { type BenchModel, readBack } from './cells-ours.js';

function recurrentLayer(kind: ModelKind, config: { units: number; returnSequences: boolean }) {
  if (kind === 'lstm') return tfl.layers.lstm({ ...config, recurrentActivation: 'sigmoid' });
  if (kind === 'gru') return tfl.layers.gru({ ...config, recurrentActivation: 'sigmoid' });
  return tfl.layers.simpleRNN(config); // tanh
}

export function layersModel(w: Workload, kind: ModelKind, data: WorkloadData): BenchModel {
  const model = tfl.sequential();
  let x: tf.Tensor3D;
  let y: tf.Tensor;
  if (w.name === 'A') {
    x = tf.cast(tf.oneHot(data.ids, w.vocab), 'float32') as tf.Tensor3D; // [batch, time, vocab]
    y = tf.cast(tf.oneHot(data.targets as tf.Tensor2D, w.vocab), 'float32'); // [batch, time, vocab]
    model.add(tfl.layers.inputLayer({ inputShape: [w.time, w.inputSize] }));
    model.add(recurrentLayer(kind, { units: w.units, returnSequences: true }));
    model.add(tfl.layers.dense({ units: w.vocab, activation: 'softmax' }));
    model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  } else {
    const noise = tf.randomNormal([w.batch, w.time, w.inputSize], 0, 1, 'float32', 3);
    x = tf.mul(noise, tf.expandDims(data.mask, 2)) as tf.Tensor3D; // zero vectors at padding
    noise.dispose();
    y = data.targets; // [batch, 1]
    model.add(tfl.layers.masking({ maskValue: 0, inputShape: [w.time, w.inputSize] }));
    model.add(recurrentLayer(kind, { units: w.units, returnSequences: false }));
    model.add(tfl.layers.dense({ units: 1, activation: 'sigmoid' }));
    model.compile({ optimizer: tf.train.adam(1e-3), loss: 'binaryCrossentropy' });
  }
  return {
    train: async () => {
      await model.trainOnBatch(x, y);
    },
    infer: () => readBack(tf.tidy(() => model.predict(x) as tf.Tensor)),
  };
}
