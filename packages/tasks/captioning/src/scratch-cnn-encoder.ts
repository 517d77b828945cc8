/**
 * A small CNN trained from scratch with the decoder: `blocks` conv blocks (3x3 "same" conv,
 * ReLU, 2x2 max-pool; the channel count doubles per block), then pooling and a dense ReLU
 * projection to `outputSize`. Convolutions go through `conv2dSame`, whose filter gradient
 * runs on wasm. Weight names: `cnn/conv_<i>/kernel`, `cnn/conv_<i>/bias`, `cnn/proj/...`.
 *
 * Pooling: `grid` average-pools the last map to 2x2 cells and flattens them, so the vector
 * still says which quarter of the image each feature is in; `global` averages over the whole
 * map (Show and Tell's choice), which leaves only what can be read off the features.
 *
 * @example
 * const cnn = scratchCnnEncoder({ inputSize: 32, outputSize: 128, seed: 1 });
 * const v = cnn.encode(images); // [batch, 32, 32, 3] -> [batch, 128]
 */
import { dense, type NamedWeight } from '@recurrent/cells';
import { ConfigError } from '@recurrent/errors';
import { createRandom } from '@recurrent/random';
import * as tf from '@tensorflow/tfjs-core';
import { conv2dSame } from './conv2d-same.js';
import type { ImageEncoder } from './image-encoder.js';

export type CnnPooling = 'grid' | 'global';

export interface ScratchCnnOptions {
  readonly inputSize: number;
  readonly outputSize: number;
  /** Conv blocks, each halving width and height. */
  readonly blocks?: number;
  /** Channels of the first block (doubled in each next one). */
  readonly channels?: number;
  readonly pooling?: CnnPooling;
  /**
   * Project the pooled features to `outputSize` (dense + ReLU). False: `encode` returns the
   * pooled features themselves (`outputSize` is then their width) and the model reads the
   * grid (`encodeGrid`) through its own layers, as the attention decoder does.
   */
  readonly projection?: boolean;
  readonly seed?: number;
}

export const scratchCnnDefaults = Object.freeze({
  blocks: 3, // 32 -> 16 -> 8 -> 4 pixels: a receptive field that spans the largest shape
  channels: 16, // 16, 32, 64: four colours x three shapes x two sizes need few features
  pooling: 'grid' as CnnPooling, // relations name where shapes are: keep a coarse 2x2 layout
  projection: true, // one vector per image for the Show and Tell decoder
  seed: 0,
});

/** He-normal kernel `[k, k, in, out]` and zero bias, as variables with stable names. */
function convWeights(
  name: string,
  k: number,
  inC: number,
  outC: number,
  seed: number,
): NamedWeight[] {
  const rng = createRandom(seed);
  const scale = Math.sqrt(2 / (k * k * inC));
  const kernel = Float32Array.from({ length: k * k * inC * outC }, () => rng.normal() * scale);
  // tf.variable copies its initial value: dispose that, or every model built leaks two tensors a block
  const initial = [tf.tensor4d(kernel, [k, k, inC, outC]), tf.zeros([outC])]; // [k, k, in, out], [out]
  const [kernelVar, biasVar] = initial.map((t) => tf.variable(t));
  tf.dispose(initial);
  return [
    { name: `${name}/kernel`, variable: kernelVar! },
    { name: `${name}/bias`, variable: biasVar! },
  ];
}

export function scratchCnnEncoder(options: ScratchCnnOptions): ImageEncoder {
  const o = { ...scratchCnnDefaults, ...options };
  const who = 'scratchCnnEncoder';
  const finalSize = o.inputSize / 2 ** o.blocks;
  if (!Number.isInteger(finalSize) || finalSize < 2) {
    throw new ConfigError(
      `${who}: expected inputSize divisible by 2^blocks with at least 2 pixels left, got inputSize ${o.inputSize} and ${o.blocks} blocks (${finalSize} pixels). Use inputSize 32 with up to 4 blocks.`,
    );
  }
  if (o.pooling !== 'grid' && o.pooling !== 'global') {
    throw new ConfigError(
      `${who}: unknown pooling "${String(o.pooling)}". Available: grid, global.`,
    );
  }
  const convs: NamedWeight[][] = [];
  let inC = 3;
  for (let b = 0; b < o.blocks; b++) {
    const outC = o.channels * 2 ** b;
    convs.push(convWeights(`cnn/conv_${b}`, 3, inC, outC, o.seed + 11 * (b + 1)));
    inC = outC;
  }
  const cells = o.pooling === 'grid' ? 4 : 1;
  const proj = o.projection
    ? dense({
        inputSize: inC * cells,
        units: o.outputSize,
        name: 'cnn/proj',
        seed: o.seed + 97,
      })
    : undefined;
  const weights = [...convs.flat(), ...(proj?.weights ?? [])];
  const featureMap = (images: tf.Tensor4D): tf.Tensor4D =>
    tf.tidy(() => {
      let x: tf.Tensor4D = images; // [batch, size, size, 3]
      for (const [b, [kernel, bias]] of convs.entries()) {
        const z = conv2dSame(x, kernel!.variable as tf.Tensor4D, 1, { inputGradient: b > 0 }); // [batch, s, s, c]
        x = tf.maxPool(tf.relu(tf.add(z, bias!.variable)) as tf.Tensor4D, 2, 2, 'valid'); // [batch, s/2, s/2, c]
      }
      return x; // [batch, finalSize, finalSize, c]
    });

  return {
    kind: 'scratch-cnn',
    inputSize: o.inputSize,
    outputSize: proj ? o.outputSize : inC * cells,
    weights,
    grid: { cells: finalSize * finalSize, channels: inC },
    encodeGrid(images) {
      return tf.tidy(() => {
        const x = featureMap(images); // [batch, s, s, c]
        const [batch, s] = x.shape;
        return tf.reshape(x, [batch, s * s, inC]) as tf.Tensor3D; // [batch, s*s, c], row-major cells
      });
    },
    encode(images) {
      return tf.tidy(() => {
        const x = featureMap(images); // [batch, s, s, c]
        const [batch, s] = x.shape;
        const pooled =
          o.pooling === 'grid'
            ? // a reshape and mean, not tf.avgPool: its gradient fails in tfjs-core 4.22 (a null dy at its Cast)
              tf.reshape(tf.mean(tf.reshape(x, [batch, 2, s / 2, 2, s / 2, inC]), [2, 4]), [
                batch,
                4 * inC,
              ]) // [batch, 2*2*c]
            : tf.mean(x, [1, 2]); // [batch, c]
        return proj ? tf.relu(proj.apply(pooled as tf.Tensor2D)) : (pooled as tf.Tensor2D); // [batch, outputSize]
      });
    },
  };
}
