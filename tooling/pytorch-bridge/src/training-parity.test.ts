/**
 * Training parity: the same tiny char-LM trained 50 steps by tfjs (`trainCharLm`, cpu) and by
 * PyTorch (`python -m recurrent_torch.train`) from the same weights (a run exported with
 * `recurrent export --format pytorch`) gives the same per-step losses and the same final
 * weights. Both read the same sequential windows (16 lanes x 32 steps, state carried between
 * windows and reset at each epoch: 24 windows an epoch, so steps 25 and 49 start from zeros),
 * with Adam (the run's epsilon), 5 warmup steps then cosine to lr/20, and clipping to global
 * norm 0.15 (the tiny preset's 5 would rarely bite here). The per-lane random state resets are
 * turned off on both sides (stateResetProbability 0): each framework draws them from its own
 * RNG. Two cases: today's defaults (two LSTM biases, Adam epsilon 1e-8, PyTorch's
 * initialisers), which nn.LSTM trains as it is; and Keras' choices (one bias, epsilon 1e-7),
 * which PyTorch matches with --one-bias.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { charLmPytorch, loadCharLm, prepareCharLmData, trainCharLm } from '@recurrent/char-lm';
import {
  collectWeights,
  decodeSafetensors,
  type StepProgress,
  type TensorRecord,
  type TrainProgress,
} from '@recurrent/train';
import { runCli } from '@recurrent/trainer';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { noTorch, PYTHON, runPython } from './python.js';

const STEPS = 50;
const CLIP_NORM = 0.15;
/** Largest |tfjs - torch| / torch of any step's loss (measured 2026-12-01: see the README). */
const LOSS_TOLERANCE = 1e-4;
/** Largest |tfjs - torch| of any final weight, relative to that tensor's largest |weight|. */
const WEIGHT_TOLERANCE = 5e-4;

async function cli(...args: string[]): Promise<void> {
  const out: string[] = [];
  const io = { isTty: false, out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
  const code = await runCli([...args, '--backend', 'cpu'], io);
  expect(code, out.join('\n')).toBe(0);
}

interface TorchStep {
  step: number;
  loss: number;
  learningRate: number;
  gradNorm: number;
}

const read = (folder: string) => {
  const file = path.join(folder, 'model.safetensors');
  return decodeSafetensors(new Uint8Array(readFileSync(file)), file).tensors;
};

/** The largest |tfjs - torch| / torch over the steps' losses; the schedules must be equal. */
function lossDrift(ours: readonly StepProgress[], torch: readonly TorchStep[]): number {
  expect(torch).toHaveLength(ours.length);
  let worst = 0;
  ours.forEach((s, i) => {
    const t = torch[i]!;
    expect(t.step).toBe(s.step);
    expect(s.learningRate).toBeCloseTo(t.learningRate, 12); // the schedule, step by step
    worst = Math.max(worst, Math.abs(s.loss - t.loss) / t.loss);
  });
  return worst;
}

/** The largest max|tfjs - torch| / max|torch| of any tensor, and which tensor it was. */
function weightDrift(
  ours: ReadonlyMap<string, TensorRecord>,
  torch: ReadonlyMap<string, TensorRecord>,
): { drift: number; name: string } {
  expect([...torch.keys()].sort()).toEqual([...ours.keys()].sort());
  let worst = { drift: 0, name: '' };
  for (const [name, a] of ours) {
    const b = torch.get(name)!;
    expect(b.shape, name).toEqual(a.shape);
    let diff = 0;
    let scale = 0;
    for (let i = 0; i < a.data.length; i++) {
      diff = Math.max(diff, Math.abs(a.data[i]! - b.data[i]!));
      scale = Math.max(scale, Math.abs(b.data[i]!));
    }
    if (diff / scale > worst.drift) worst = { drift: diff / scale, name };
  }
  return worst;
}

/** 13,098 characters of varied text: 24 windows of 16 x 32 in the training part. */
function corpus(): string {
  const subjects = [
    'the whale',
    'a sailor',
    'the captain',
    'old Ahab',
    'the sea',
    'Ishmael',
    'Queequeg',
  ];
  const verbs = ['watched', 'followed', 'feared', 'sought', 'cursed', 'remembered', 'named'];
  const objects = [
    'the white whale',
    'the long voyage',
    'a quiet harbour',
    'the grey sky',
    'his harpoon',
  ];
  const lines: string[] = [];
  for (let i = 0; i < 400; i++) {
    lines.push(
      `${subjects[i % 7]} ${verbs[(i * 3) % 7]} ${objects[(i * 2) % 5]}${i % 4 ? ',' : '.'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

// Skipped only where /usr/bin/python3 has no torch (apt-get install -y python3-torch; .ci/run does).
describe.skipIf(noTorch !== null)(
  `training parity with PyTorch${noTorch ? ` (skipped: ${noTorch})` : ''}`,
  () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'recurrent-training-parity-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** A 5-step tfjs run exported for PyTorch (a trained start rather than fresh initialisers). */
    const startRun = async (name: string, flags: string[]) => {
      const text = path.join(dir, 'voyage.txt');
      const runs = path.join(dir, 'runs');
      await cli(
        ...['train', 'char-lm', '--preset', 'tiny', '--corpus', text, '--runs-dir', runs],
        ...['--name', name, '--steps', '5', '--eval-every', '5', '--sample-length', '0'],
        ...['--state-reset-probability', '0', '--clip-norm', String(CLIP_NORM), ...flags],
      );
      const exported = path.join(dir, 'exports', name);
      await cli('export', name, '--runs-dir', runs, '--format', 'pytorch', '--to', exported);
      return { text, folder: path.join(runs, name, 'latest'), exported };
    };

    /** PyTorch: train.py's own loop from the export, every step's loss written out. */
    const torchTrain = async (exported: string, name: string, extra: string[]) => {
      const out = path.join(dir, 'exports', name);
      const losses = path.join(dir, `${name}-losses.json`);
      const r = await runPython(PYTHON, [
        ...['-m', 'recurrent_torch.train', '--task', 'char-lm', '--init', exported],
        ...['--data', path.join(dir, 'voyage.txt'), '--steps', String(STEPS), '--out', out],
        ...['--losses', losses, ...extra],
      ]);
      expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
      const steps: TorchStep[] = JSON.parse(readFileSync(losses, 'utf8'));
      const config = JSON.parse(readFileSync(path.join(out, 'config.json'), 'utf8'));
      return { steps, valLoss: config.metrics.valLoss as number, weights: read(out) };
    };

    /** tfjs: the same start (the run the export was made from), a fresh Adam, the same data. */
    const tfjsTrain = async (folder: string, text: string) => {
      const model = await loadCharLm(folder);
      const hp = model.hyperParameters;
      expect(hp.stateResetProbability).toBe(0);
      expect(hp.dropout).toBe(0);
      expect(hp.clipNorm).toBe(CLIP_NORM);
      const data = await prepareCharLmData(readFileSync(text, 'utf8'), {
        vocabulary: model.vocabulary,
        validationFraction: hp.validationFraction,
      });
      const progress: TrainProgress[] = [];
      const result = await trainCharLm(model, data, {
        steps: STEPS,
        evalEvery: STEPS,
        onProgress: (e) => progress.push(e),
      });
      const steps = progress.flatMap((e) => (e.kind === 'step' ? [e] : []));
      expect(steps).toHaveLength(STEPS);
      expect(steps[STEPS - 1]!.loss).toBeLessThan(steps[0]!.loss - 0.3); // it really trained
      // The final weights, under PyTorch's names, tensor by tensor.
      const exportedState = charLmPytorch.toPytorch(model).stateDict;
      const weights = await collectWeights(exportedState);
      tf.dispose(Object.values(exportedState));
      const valLoss = result.lastMetrics?.valLoss as number;
      model.dispose();
      return { steps, weights, valLoss, hp };
    };

    const table = (
      ours: readonly StepProgress[],
      torch: readonly TorchStep[],
      other: readonly TorchStep[],
    ) =>
      [1, 2, 5, 10, 20, 30, 40, 50].map((n) => {
        const [s, t, d] = [ours[n - 1]!, torch[n - 1]!, other[n - 1]!];
        const rel = (a: number, b: number) => (Math.abs(a - b) / b).toExponential(1);
        return `| ${n} | ${s.learningRate.toExponential(3)} | ${s.loss.toFixed(6)} | ${t.loss.toFixed(6)} | ${rel(s.loss, t.loss)} | ${s.gradNorm.toFixed(4)} | ${t.gradNorm.toFixed(4)} | ${d.loss.toFixed(6)} | ${d.gradNorm.toFixed(4)} |`;
      });

    it(`${STEPS} steps of Adam from the defaults (two LSTM biases, epsilon 1e-8): the same losses and final weights in tfjs and PyTorch`, async () => {
      await tf.setBackend('cpu');
      writeFileSync(path.join(dir, 'voyage.txt'), corpus());
      const before = tf.memory().numTensors;
      const start = await startRun('start', []);
      const torch = await torchTrain(start.exported, 'torch-two-biases', []); // nn.LSTM's own way
      const oneBias = await torchTrain(start.exported, 'torch-one-bias', ['--one-bias']);
      const ours = await tfjsTrain(start.folder, start.text);
      expect(ours.hp.secondBias).toBe(true);
      expect(ours.hp.adamEpsilon).toBe(1e-8);

      const drift = lossDrift(ours.steps, torch.steps);
      const clipped = ours.steps.filter((s) => s.clipped).length;
      expect(clipped).toBeGreaterThan(10); // clipping is part of what is compared
      const weights = weightDrift(ours.weights, torch.weights);
      const valDrift = Math.abs(ours.valLoss - torch.valLoss) / torch.valLoss;
      const frozenDrift = lossDrift(ours.steps, oneBias.steps);
      console.log(
        [
          `training parity, ${STEPS} steps (${clipped} clipped), two biases on both sides: max relative loss drift ${drift.toExponential(2)}, max relative weight drift ${weights.drift.toExponential(2)} (${weights.name}), valLoss tfjs ${ours.valLoss.toFixed(6)} torch ${torch.valLoss.toFixed(6)} (${valDrift.toExponential(1)})`,
          `PyTorch with bias_hh frozen (--one-bias) against our two: max relative loss drift ${frozenDrift.toExponential(2)}, valLoss ${oneBias.valLoss.toFixed(6)}`,
          '| step | lr | loss tfjs | loss torch | rel. diff | grad norm tfjs | grad norm torch | loss torch --one-bias | grad norm torch --one-bias |',
          '|---|---|---|---|---|---|---|---|---|',
          ...table(ours.steps, torch.steps, oneBias.steps),
        ].join('\n'),
      );
      expect(drift).toBeLessThan(LOSS_TOLERANCE);
      expect(weights.drift).toBeLessThan(WEIGHT_TOLERANCE);
      expect(valDrift).toBeLessThan(LOSS_TOLERANCE);
      // The test finds a real difference: freezing one of the two biases moves the losses.
      expect(frozenDrift).toBeGreaterThan(10 * LOSS_TOLERANCE);
      expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
    });

    it(`${STEPS} steps of Adam with Keras' choices (one bias, epsilon 1e-7, --kernel-init keras): the same in tfjs and PyTorch --one-bias`, async () => {
      await tf.setBackend('cpu');
      writeFileSync(path.join(dir, 'voyage.txt'), corpus());
      const before = tf.memory().numTensors;
      const start = await startRun('start-keras', [
        ...['--no-second-bias', '--adam-epsilon', '1e-7', '--kernel-init', 'keras'],
        ...['--embedding-init', 'uniform', '--forget-bias', '1'],
      ]);
      // --one-bias trains bias_ih alone, as tfjs' one-bias LSTM (the export puts zeros in bias_hh).
      const torch = await torchTrain(start.exported, 'torch-keras-one-bias', ['--one-bias']);
      const twoBiases = await torchTrain(start.exported, 'torch-keras-two-biases', []);
      const ours = await tfjsTrain(start.folder, start.text);
      expect(ours.hp.secondBias).toBe(false);

      const drift = lossDrift(ours.steps, torch.steps);
      const weights = weightDrift(ours.weights, torch.weights);
      const valDrift = Math.abs(ours.valLoss - torch.valLoss) / torch.valLoss;
      const defaultDrift = lossDrift(ours.steps, twoBiases.steps);
      console.log(
        [
          `training parity, one bias (--no-second-bias, torch --one-bias): max relative loss drift ${drift.toExponential(2)}, max relative weight drift ${weights.drift.toExponential(2)} (${weights.name}), valLoss tfjs ${ours.valLoss.toFixed(6)} torch ${torch.valLoss.toFixed(6)} (${valDrift.toExponential(1)})`,
          `PyTorch training both LSTM biases from that one-bias start: max relative loss drift ${defaultDrift.toExponential(2)}, valLoss ${twoBiases.valLoss.toFixed(6)}`,
          '| step | lr | loss tfjs | loss torch --one-bias | rel. diff | grad norm tfjs | grad norm torch --one-bias | loss torch, two biases | grad norm torch, two biases |',
          '|---|---|---|---|---|---|---|---|---|',
          ...table(ours.steps, torch.steps, twoBiases.steps),
        ].join('\n'),
      );
      expect(drift).toBeLessThan(LOSS_TOLERANCE);
      expect(weights.drift).toBeLessThan(WEIGHT_TOLERANCE);
      expect(valDrift).toBeLessThan(LOSS_TOLERANCE);
      // One bias against two: the bias (their sum) gets two Adam updates per step and its
      // gradient counts twice in the clip norm.
      expect(twoBiases.steps[0]!.gradNorm).toBeGreaterThan(ours.steps[0]!.gradNorm * 1.05);
      expect(defaultDrift).toBeGreaterThan(10 * LOSS_TOLERANCE);
      expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
    });
  },
);
