/**
 * A user's tfjs model as the encoder (wasm): a small layers model saved here as model.json +
 * weights.bin, read from a path and over a local HTTP server, cut at a named layer; its
 * features match tfjs-layers run directly on the same input (resized and scaled the same
 * way). Errors for a missing file, a layer that does not exist and a wrong input shape.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '@recurrent/backends';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTfjsModelBackbone } from './tfjs-model-backbone.js';

let dir: string;
let server: Server;
let baseUrl: string;

/** Saves `model` as tfjs-node's file:// handler would: model.json beside weights.bin. */
async function save(model: tfl.LayersModel, folder: string): Promise<void> {
  await model.save({
    save: async (artifacts) => {
      await writeFile(
        join(folder, 'weights.bin'),
        new Uint8Array(artifacts.weightData as ArrayBuffer),
      );
      const json = {
        format: 'layers-model',
        generatedBy: 'recurrent test',
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      await writeFile(join(folder, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    },
  });
}

function smallModel(channels = 3): tfl.LayersModel {
  const input = tfl.input({ shape: [8, 8, channels], name: 'pixels' });
  const a = tfl.layers
    .conv2d({
      filters: 4,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      name: 'conv_a',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
    })
    .apply(input) as tfl.SymbolicTensor;
  const b = tfl.layers
    .conv2d({
      filters: 6,
      kernelSize: 3,
      strides: 2,
      activation: 'relu',
      name: 'conv_b',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
    })
    .apply(a) as tfl.SymbolicTensor;
  const pooled = tfl.layers.globalAveragePooling2d({ name: 'pool' }).apply(b) as tfl.SymbolicTensor;
  const head = tfl.layers.dense({ units: 2, name: 'head' }).apply(pooled) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: head });
}

let reference: tfl.LayersModel;

beforeAll(async () => {
  await selectBackend('wasm');
  dir = await mkdtemp(join(tmpdir(), 'recurrent-encoder-'));
  reference = smallModel();
  await save(reference, dir);
  const grey = await mkdtemp(join(tmpdir(), 'recurrent-encoder-grey-'));
  await save(smallModel(1), grey);
  await writeFile(join(dir, 'grey.json'), await readFile(join(grey, 'model.json')));
  await writeFile(join(dir, 'weights-grey.bin'), await readFile(join(grey, 'weights.bin')));
  server = createServer(async (req, res) => {
    try {
      const body = await readFile(join(dir, (req.url ?? '/').slice(1)));
      res.writeHead(200).end(body);
    } catch {
      res.writeHead(404, 'Not Found').end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server?.close();
});

/** What tfjs-layers itself gives at `layer`, from 16 x 16 images in [0, 1] resized to 8 x 8. */
function direct(images: tf.Tensor4D, layer: string): Float32Array {
  return tf.tidy(() => {
    const cut = tfl.model({ inputs: reference.inputs, outputs: reference.getLayer(layer).output });
    const x = tf.image.resizeBilinear(images, [8, 8], true); // [2, 8, 8, 3]
    const y = cut.predict(tf.sub(tf.mul(x, 2), 1)) as tf.Tensor; // [2, 3, 3, 6] or [2, 2]
    return (y.rank === 4 ? tf.mean(y, [1, 2]) : y).dataSync() as Float32Array;
  });
}

describe('loadTfjsModelBackbone (wasm)', () => {
  const images = () => tf.randomUniform([2, 16, 16, 3], 0, 1, 'float32', 7) as tf.Tensor4D;

  it.each([
    ['a path', () => join(dir, 'model.json')],
    ['a URL', () => `${baseUrl}/model.json`],
  ])(
    'reads a layers model from %s, cut at a named layer, as tfjs-layers computes it',
    async (_, where) => {
      const backbone = await loadTfjsModelBackbone({
        model: where(),
        layer: 'conv_b',
        inputRange: '-1,1',
      });
      expect(backbone.outputSize).toBe(6);
      expect(backbone.kind).toBe(`${where()}#conv_b`);
      const x = images();
      const got = backbone.features(x);
      expect(got.shape).toEqual([2, 6]);
      const want = direct(x, 'conv_b');
      const values = got.dataSync();
      for (let i = 0; i < want.length; i++) expect(values[i]).toBeCloseTo(want[i]!, 5);
      tf.dispose([x, got]);
    },
  );

  it("defaults to the model's output layer", async () => {
    const backbone = await loadTfjsModelBackbone({
      model: join(dir, 'model.json'),
      inputRange: '-1,1',
    });
    expect(backbone.outputSize).toBe(2);
    const x = images();
    const got = backbone.features(x);
    const want = direct(x, 'head');
    const values = got.dataSync();
    for (let i = 0; i < want.length; i++) expect(values[i]).toBeCloseTo(want[i]!, 5);
    tf.dispose([x, got]);
  });

  it('reads a graph model (as tensorflowjs_converter writes one), cut at a named node', async () => {
    // x [-1, 4, 4, 3] -> conv (1x1, weights w [1, 1, 3, 2]) -> out = relu(conv)
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    const dims = (...d: number[]) => ({ dim: d.map((size) => ({ size: String(size) })) });
    const graph = {
      format: 'graph-model',
      modelTopology: {
        node: [
          {
            name: 'x',
            op: 'Placeholder',
            attr: { dtype: { type: 'DT_FLOAT' }, shape: { shape: dims(-1, 4, 4, 3) } },
          },
          {
            name: 'w',
            op: 'Const',
            attr: {
              dtype: { type: 'DT_FLOAT' },
              value: { tensor: { dtype: 'DT_FLOAT', tensorShape: dims(1, 1, 3, 2) } },
            },
          },
          {
            name: 'conv',
            op: 'Conv2D',
            input: ['x', 'w'],
            attr: {
              T: { type: 'DT_FLOAT' },
              strides: { list: { i: ['1', '1', '1', '1'] } },
              dilations: { list: { i: ['1', '1', '1', '1'] } },
              padding: { s: b64('VALID') },
              data_format: { s: b64('NHWC') },
            },
          },
          { name: 'out', op: 'Relu', input: ['conv'], attr: { T: { type: 'DT_FLOAT' } } },
        ],
        versions: { producer: 1 },
      },
      weightsManifest: [
        { paths: ['graph.bin'], weights: [{ name: 'w', shape: [1, 1, 3, 2], dtype: 'float32' }] },
      ],
    };
    const w = Float32Array.from([1, -1, 2, 0.5, -3, 1]); // [1, 1, 3, 2]
    await writeFile(join(dir, 'graph.json'), JSON.stringify(graph));
    await writeFile(join(dir, 'graph.bin'), new Uint8Array(w.buffer));
    const x = images(); // [2, 16, 16, 3], resized to 4 x 4
    const want = (relu: boolean) =>
      tf.tidy(() => {
        const z = tf.conv2d(
          tf.image.resizeBilinear(x, [4, 4], true),
          tf.tensor4d(w, [1, 1, 3, 2]),
          1,
          'valid',
        );
        return tf.mean(relu ? tf.relu(z) : z, [1, 2]).dataSync(); // [2, 2]
      });
    for (const [layer, relu] of [
      ['auto', true],
      ['conv', false],
    ] as const) {
      const backbone = await loadTfjsModelBackbone({ model: join(dir, 'graph.json'), layer });
      expect(backbone).toMatchObject({ outputSize: 2, inputSize: 4 });
      const got = backbone.features(x);
      const expected = want(relu);
      const values = got.dataSync();
      for (let i = 0; i < 4; i++) expect(values[i]).toBeCloseTo(expected[i]!, 5);
      got.dispose();
    }
    await expect(
      loadTfjsModelBackbone({ model: join(dir, 'graph.json'), layer: 'pool' }),
    ).rejects.toThrow('no node "pool". Available (4): x, w, conv, out.');
    x.dispose();
  });

  it('keeps numTensors flat over many feature calls', async () => {
    const backbone = await loadTfjsModelBackbone({
      model: join(dir, 'model.json'),
      layer: 'conv_a',
    });
    const x = images();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 200; i++) backbone.features(x).dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('names a missing file, a missing URL, a missing layer (listing the layers) and a wrong input shape', async () => {
    await expect(loadTfjsModelBackbone({ model: join(dir, 'nothing/model.json') })).rejects.toThrow(
      /expected a file at .*nothing\/model\.json, got none \(ENOENT\)\. Check the path/,
    );
    await expect(loadTfjsModelBackbone({ model: `${baseUrl}/gone.json` })).rejects.toThrow(
      /gone\.json answered 404 Not Found; expected 200 with the file/,
    );
    await expect(
      loadTfjsModelBackbone({ model: join(dir, 'model.json'), layer: 'conv_c' }),
    ).rejects.toThrow('no layer "conv_c". Available (5): pixels, conv_a, conv_b, pool, head.');
    // grey.json lists weights.bin as its shard: the grey model's own weights are beside it under another name
    await writeFile(
      join(dir, 'grey-model.json'),
      (await readFile(join(dir, 'grey.json'), 'utf8')).replace('weights.bin', 'weights-grey.bin'),
    );
    await expect(loadTfjsModelBackbone({ model: join(dir, 'grey-model.json') })).rejects.toThrow(
      'expected a model whose input is [batch, height, width, 3] RGB images, got [null, 8, 8, 1]',
    );
    await writeFile(join(dir, 'not-a-model.json'), '{"hello": 1}');
    await expect(loadTfjsModelBackbone({ model: join(dir, 'not-a-model.json') })).rejects.toThrow(
      'has no "modelTopology"; expected a tfjs model.json',
    );
  });
});
