/**
 * TaskSession on toy tasks (plain objects, no tensors): what any task page gets from the
 * generic session, whatever the task. The char-LM's own path is covered in Chromium by the
 * e2e tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CheckpointError, ConfigError } from '@recurrent/errors';
import { defineTask, type TaskTrainOptions } from '@recurrent/task';
import type { TrainProgress, TrainResult } from '@recurrent/train';
import { saveCheckpoint } from '@recurrent/train/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskSession } from './task-session.js';
import { defineTaskWorkerModule } from './task-worker-module.js';

interface ToyHp {
  readonly width: number;
  readonly steps: number;
}
interface ToyModel {
  readonly hyperParameters: ToyHp;
  readonly id: number;
  disposed: boolean;
  dispose(): void;
}

let made = 0;
const toyModel = (hyperParameters: ToyHp): ToyModel => ({
  hyperParameters,
  id: ++made,
  disposed: false,
  dispose() {
    if (this.disposed) throw new Error(`model ${this.id} disposed twice`);
    this.disposed = true;
  },
});

/** Every call of the toy task's train, with the options the session passed. */
const trainCalls: { model: ToyModel; options: TaskTrainOptions }[] = [];
/** Set by the toy generator when it is closed (a break or the end). */
const generator = { closed: false };

const widthSpec = { type: 'integer', min: 1, max: 8, default: 2, help: 'w' } as const;

const toyTask = defineTask<ToyHp, { chars: number }, ToyModel>({
  name: 'toy',
  summary: 'a task of plain objects',
  defaultDataset: 'none',
  hyperParameters: {
    width: widthSpec,
    steps: { type: 'integer', min: 1, max: 100, default: 5, help: 's' },
  },
  defaults: { width: 2, steps: 5 },
  presets: { default: {}, wide: { width: 6 } },
  resolveHyperParameters: (preset, overrides) => ({
    width: 2,
    steps: 5,
    ...(preset === 'wide' ? { width: 6 } : {}),
    ...overrides,
  }),
  dataOptions: {},
  prepareData: async (options) => ({ chars: String(options.text ?? '').length }),
  describeData: (data) => [`data: ${data.chars} characters`],
  dataProvenance: () => ({}),
  create: (_data, hp) => toyModel(hp),
  trainOptions: {},
  async train(model, _data, options): Promise<TrainResult> {
    trainCalls.push({ model, options });
    const from = options.resume ? (trainCalls.at(-2)?.options.steps ?? 0) : 0;
    const to = options.steps ?? model.hyperParameters.steps;
    const losses: number[] = [];
    for (let step = from + 1; step <= to && !options.signal?.aborted; step++) {
      losses.push(10 / step);
      options.onProgress?.({ kind: 'step', step, loss: 10 / step } as TrainProgress);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const step = from + losses.length;
    options.onProgress?.({
      kind: 'eval',
      step,
      metrics: { err: 1 / step },
      improved: false,
      best: null,
    });
    return {
      step,
      totalSteps: to,
      reason: options.signal?.aborted ? 'aborted' : 'completed',
      elapsedMs: 1,
      best: null,
      lastMetrics: { err: 1 / step },
      checkpoint: null,
      skippedSteps: 0,
      losses,
    };
  },
  metrics: { err: { direction: 'lower', help: 'error' } },
  bestMetric: 'err',
  evaluate: async () => ({ err: 0 }),
  summarizeMetrics: () => '',
  evalOptions: {},
  evaluateRun: async () => ({ metrics: {}, lines: [] }),
  fromCheckpoint: (checkpoint) => toyModel(checkpoint.config.hyperParameters as unknown as ToyHp),
  configOf: (model) => ({ hyperParameters: { ...model.hyperParameters } }),
  generate: {
    options: { count: { type: 'integer', min: 1, max: 10_000, default: 3, help: 'pieces' } },
    example: '',
    unit: 'pieces',
    async start(model, options) {
      async function* pieces() {
        generator.closed = false;
        try {
          for (let k = 0; k < Number(options.count); k++) {
            await new Promise((resolve) => setTimeout(resolve, 0));
            yield `${model.id}.`;
          }
        } finally {
          generator.closed = true;
        }
      }
      return { prefix: '>', pieces: pieces() };
    },
  },
});

const predictTask = defineTask({
  ...toyTask,
  name: 'toy-predict',
  generate: undefined,
  predict: {
    options: { threshold: { type: 'number', min: 0, max: 1, default: 0.5, help: 't' } },
    example: '',
    predict: async (_model, inputs, options) =>
      inputs.map((s) => (s.length / 10 > Number(options.threshold) ? 'long' : 'short')),
    format: (p) => [`-> ${String(p)}`],
  },
});

const toyModule = defineTaskWorkerModule<ToyModel, { chars: number }>({
  probes: { id: async (model, input) => ({ id: model.id, input }) },
  describe: (model, config) => ({ id: model.id, loaded: config !== undefined }),
  trainedSource: (data) => `${data.chars} characters, here`,
});

const config = (over: object = {}) => ({
  data: { text: 'abcdef' },
  preset: 'default',
  hyperParameters: { width: 3 },
  steps: 4,
  evalEvery: 2,
  resume: true,
  ...over,
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'demo-session-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('TaskSession', () => {
  it('trains a new model, forwards every progress event, and resumes it exactly', async () => {
    const session = new TaskSession(toyTask, toyModule);
    const events: TrainProgress[] = [];
    const first = await session.train(config(), (e) => events.push(e));
    expect(events.map((e) => `${e.kind}${e.step}`)).toEqual([
      'step1',
      'step2',
      'step3',
      'step4',
      'eval4',
    ]);
    expect(first).toMatchObject({ steps: 4, firstLoss: 10, lastLoss: 2.5, stopped: false });
    expect(first.model).toMatchObject({
      task: 'toy',
      origin: 'trained',
      source: '6 characters, here',
      hyperParameters: { width: 3, steps: 5 },
      trainedSteps: 4,
      metrics: { err: 0.25 },
      details: { loaded: false },
    });
    const model = trainCalls.at(-1)!.model;
    expect(trainCalls.at(-1)!.options).toMatchObject({ steps: 4, evalEvery: 2, resume: false });

    const again = await session.train(config({ steps: 3 }), () => {});
    expect(trainCalls.at(-1)!.model).toBe(model); // the same model, continued
    expect(trainCalls.at(-1)!.options).toMatchObject({ steps: 7, resume: true });
    expect(trainCalls.at(-1)!.options.checkpointStore).toBe(
      trainCalls.at(-2)!.options.checkpointStore,
    );
    expect(again).toMatchObject({ steps: 3, firstLoss: 2, model: { trainedSteps: 7 } });
    expect(model.disposed).toBe(false);

    // Other hyper-parameters, other data or resume: false start a new model; the old is freed.
    for (const next of [
      config({ hyperParameters: { width: 4 } }),
      config({ data: { text: 'x' } }),
      config({ resume: false }),
    ]) {
      const before = trainCalls.at(-1)!.model;
      await session.train(next, () => {});
      expect(trainCalls.at(-1)!.model).not.toBe(before);
      expect(trainCalls.at(-1)!.options.resume).toBe(false);
      expect(before.disposed).toBe(true);
    }
  });

  it('stops a training between steps; nothing else may load or train meanwhile', async () => {
    const session = new TaskSession(toyTask, toyModule);
    expect(session.stop()).toBe(false);
    let stopped = false;
    const training = session.train(config({ steps: 100 }), (e) => {
      if (e.kind === 'step' && e.step === 3 && !stopped) stopped = session.stop();
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await expect(session.train(config(), () => {})).rejects.toThrow(
      'toy.train: training is running. Stop it first.',
    );
    await expect(session.load('/nowhere')).rejects.toThrow('toy.load: training is running');
    const summary = await training;
    expect(stopped).toBe(true);
    expect(summary).toMatchObject({ steps: 3, stopped: true });
  });

  it('loads a checkpoint of its own task, with the facts its config.json records', async () => {
    const folder = path.join(dir, 'toy');
    const weights = { w: { dtype: 'float32' as const, shape: [1], data: new Float32Array([1]) } };
    await saveCheckpoint(folder, {
      config: {
        task: 'toy',
        hyperParameters: { width: 7, steps: 9 },
        trainedSteps: 9,
        metrics: { err: 0.5 },
      },
      weights,
    });
    const session = new TaskSession(toyTask, toyModule);
    const facts = await session.load(folder);
    expect(facts).toMatchObject({
      origin: 'pretrained',
      hyperParameters: { width: 7 },
      trainedSteps: 9,
      metrics: { err: 0.5 },
      details: { loaded: true },
    });
    const other = path.join(dir, 'other');
    await saveCheckpoint(other, { config: { task: 'char-lm' }, weights });
    await expect(session.load(other)).rejects.toThrow(CheckpointError);
    await expect(session.load(other)).rejects.toThrow(
      /expected a toy checkpoint, got task "char-lm"/,
    );
  });

  it('generates in chunks, caps the pieces, checks the options, and needs a model', async () => {
    const session = new TaskSession(toyTask, toyModule, { chunkMs: 0, maxPieces: 5 });
    await expect(session.generate({}, () => {})).rejects.toThrow(
      'toy.generate: no model yet. Load the pretrained model or train one.',
    );
    await session.train(config(), () => {});
    const id = trainCalls.at(-1)!.model.id;
    const chunks: string[] = [];
    const result = await session.generate({ count: 2 }, (c) => chunks.push(c));
    expect(result).toEqual({ prefix: '>', text: `${id}.${id}.` });
    expect(chunks.join('')).toBe(result.text);
    const capped = await session.generate({ count: 50 }, () => {});
    expect(capped.text).toBe(`${id}.`.repeat(5));
    expect(generator.closed).toBe(true); // the break closed the generator
    await expect(session.generate({ count: 0 }, () => {})).rejects.toThrow(
      'toy.generate: expected count to be an integer in [1, 10000], got the number 0.',
    );
    await expect(session.predict(['a'], {})).rejects.toThrow(
      'toy.predict: toy has no predict verb; it has generate (task/generate).',
    );
  });

  it('keeps a model that a generation still reads until it ends', async () => {
    const session = new TaskSession(toyTask, toyModule, { chunkMs: 0 });
    await session.train(config(), () => {});
    const reading = trainCalls.at(-1)!.model;
    const generation = session.generate({ count: 20 }, () => {});
    await session.train(config({ resume: false }), () => {});
    expect(reading.disposed).toBe(false);
    expect((await generation).text).toBe(`${reading.id}.`.repeat(20));
    expect(reading.disposed).toBe(true);
  });

  it('predicts with the task’s lines, and runs the module’s probes by name', async () => {
    const session = new TaskSession(predictTask, toyModule);
    await session.train(config(), () => {});
    const id = trainCalls.at(-1)!.model.id;
    expect(await session.predict(['abc', 'abcdefghi'], { threshold: 0.5 })).toEqual({
      predictions: ['short', 'long'],
      lines: [['-> short'], ['-> long']],
    });
    expect(await session.probe('id', { x: 1 })).toEqual({ id, input: { x: 1 } });
    await expect(session.probe('trace', {})).rejects.toThrow(ConfigError);
    await expect(session.probe('trace', {})).rejects.toThrow(
      'toy-predict.probe: unknown probe "trace". Available: id.',
    );
    await expect(new TaskSession(toyTask).probe('id', {})).rejects.toThrow(
      'toy.probe: unknown probe "id". Available: none (toy has no worker module).',
    );
  });
});
