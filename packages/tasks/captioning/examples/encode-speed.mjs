// Encoder speed on 1,000 generated scenes: node examples/encode-speed.mjs (after `pnpm build`).
// The from-scratch CNN of the default run (its forward pass, untrained weights: the cost is
// the same) beside frozen MobileNetV2 from nsfwjs (upsampled to 224 x 224), 16 images a call.
// biome-ignore-all lint/suspicious/noConsole: an example prints what it measured
import { selectBackend } from '@recurrent/backends';
import {
  captioningDefaults,
  frozenEncoder,
  generateScenes,
  loadMobilenetV2Backbone,
  renderScene,
  scratchCnnEncoder,
} from '@recurrent/captioning';
import * as tf from '@tensorflow/tfjs-core';

const { name } = await selectBackend('wasm');
const n = Number(process.argv[2] ?? 1000);
const hp = captioningDefaults;
const pixels = generateScenes({ split: 'train', count: n, seed: 7, imageSize: hp.imageSize }).map(
  renderScene,
);
const batches = [];
for (let i = 0; i < n; i += 16) {
  const part = pixels.slice(i, i + 16);
  const all = new Float32Array(part.length * hp.imageSize * hp.imageSize * 3);
  part.forEach((p, j) => all.set(p, j * p.length));
  batches.push(tf.tensor4d(all, [part.length, hp.imageSize, hp.imageSize, 3]));
}
const scratch = scratchCnnEncoder({
  inputSize: hp.imageSize,
  outputSize: hp.encoderDim,
  blocks: hp.cnnBlocks,
  channels: hp.cnnChannels,
  pooling: hp.cnnPooling,
});
const mobilenet = frozenEncoder({
  inputSize: hp.imageSize,
  backbone: await loadMobilenetV2Backbone(),
});
for (const [label, encoder] of [
  ['scratch-cnn', scratch],
  ['mobilenet-v2', mobilenet],
]) {
  const start = performance.now();
  for (const b of batches) encoder.encode(b).dispose();
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `${label.padEnd(12)} ${n} images in ${seconds.toFixed(1)} s: ${(n / seconds).toFixed(1)} images/s (${encoder.outputSize} values each, backend ${name})`,
  );
}
tf.dispose(batches);
