// Resume is exact (issue 11 item 5): N steps straight equal N/2 steps, a checkpoint, and a
// resumed N/2 bit for bit on wasm, because the carried hidden state is checkpointed too.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { selectBackend } from '@recurrent/backends';
import { loadCheckpoint, type TrainProgress } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCharLm, prepareCharLmData, resolveHyperParameters, trainCharLm } from './index.js';

const TEXT = 'the cat sat on the mat. the dog sat on the log. '.repeat(60);
const steps = 30;

let dir: string;
beforeAll(async () => {
  await selectBackend('wasm');
  dir = mkdtempSync(path.join(tmpdir(), 'char-lm-resume-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Shape = { layers: number; dropout: number };

async function setup(shape: Shape) {
  const data = await prepareCharLmData(TEXT, { validationFraction: 0.1 });
  // Lane resets drawn from the trainer's RNG at 4x the default rate, so they matter here.
  const hp = resolveHyperParameters('tiny', {
    steps,
    timeSteps: 16,
    batchSize: 8,
    stateResetProbability: 0.2,
    ...shape,
  });
  return { data, fresh: () => createCharLm({ vocabulary: data.vocabulary, hyperParameters: hp }) };
}

const weightsOf = (m: ReturnType<Awaited<ReturnType<typeof setup>>['fresh']>) =>
  Promise.all(m.variables.map(async (v) => Array.from(await v.variable.data())));

describe('trainCharLm: resume (wasm)', () => {
  // Two stacked LSTMs carry four tensors; one LSTM with dropout before the head (seeded from
  // the trainer's RNG) carries two; with dropout between stacked layers, those masks are seeded
  // from the trainer's RNG too (runRnn's dropoutSeed), so they repeat after a resume.
  const shapes: Shape[] = [
    { layers: 2, dropout: 0 },
    { layers: 1, dropout: 0.1 },
    { layers: 2, dropout: 0.1 },
  ];
  it.each(shapes)(
    'N straight equals N/2 + resume + N/2, bit for bit (%o), mid-epoch and at an epoch start',
    async (shape) => {
      const { data, fresh } = await setup(shape);
      const straight = fresh();
      const reference = await trainCharLm(straight, data, { evalEvery: 10 });
      expect(reference.losses).toHaveLength(steps);
      const referenceWeights = await weightsOf(straight);
      straight.dispose();

      for (const stopAt of [13, 20]) {
        // 20 steps per epoch here (2592 training characters / (8 lanes * 16 steps)): at 20 the
        // resumed run starts an epoch, whose carried state is reset rather than restored.
        const runDir = path.join(dir, `layers-${shape.layers}-stop-${stopAt}`);
        const controller = new AbortController();
        const first = fresh();
        const part1 = await trainCharLm(first, data, {
          evalEvery: 10,
          checkpointEvery: 5,
          checkpointDir: runDir,
          signal: controller.signal,
          onProgress: (e) => e.kind === 'step' && e.step === stopAt && controller.abort(),
        });
        first.dispose();
        expect(part1).toMatchObject({ step: stopAt, reason: 'aborted' });
        const saved = await loadCheckpoint(path.join(runDir, 'latest'));
        expect([...(saved.modelState?.keys() ?? [])]).toEqual(
          Array.from({ length: 2 * shape.layers }, (_, i) => `carry/${i}`), // h and c per layer
        );

        const second = fresh();
        const tensors = tf.memory().numTensors;
        const events: TrainProgress[] = [];
        const part2 = await trainCharLm(second, data, {
          evalEvery: 10,
          checkpointEvery: 5,
          checkpointDir: runDir,
          resume: true,
          onProgress: (e) => events.push(e),
        });
        expect(tf.memory().numTensors).toBe(tensors); // the resume path leaks nothing
        expect(events.filter((e) => e.kind === 'warning')).toEqual([]);
        expect(events[0]).toMatchObject({ kind: 'resumed', step: stopAt });
        expect([...part1.losses, ...part2.losses]).toEqual(reference.losses);
        expect(await weightsOf(second)).toEqual(referenceWeights);
        second.dispose();
      }
    },
  );

  it('refuses carried state saved with another batch size, naming what it expected', async () => {
    const { data, fresh } = await setup({ layers: 2, dropout: 0 });
    const runDir = path.join(dir, 'misfit');
    const first = fresh();
    await trainCharLm(first, data, { steps: 3, checkpointDir: runDir, checkpointEvery: 3 });
    first.dispose();
    // The weights do not depend on the batch size; the carried state does ([lanes, units]).
    const narrow = createCharLm({
      vocabulary: data.vocabulary,
      hyperParameters: resolveHyperParameters('tiny', {
        steps,
        timeSteps: 16,
        batchSize: 4,
        layers: 2,
        dropout: 0,
      }),
    });
    const tensors = tf.memory().numTensors;
    await expect(
      trainCharLm(narrow, data, { checkpointDir: runDir, resume: true }),
    ).rejects.toThrow(
      "char-lm: the checkpoint's carried state does not fit this model: expected carry/0 [4, 64], carry/1 [4, 64], carry/2 [4, 64], carry/3 [4, 64], got carry/0 [8, 64], carry/1 [8, 64], carry/2 [8, 64], carry/3 [8, 64]. Resume with the run's own hyper-parameters",
    );
    expect(tf.memory().numTensors).toBe(tensors);
    narrow.dispose();
  });
});
