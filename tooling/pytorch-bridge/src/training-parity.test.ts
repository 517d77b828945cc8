/**
 * Training parity: the same tiny char-LM trained 50 steps by tfjs (`trainCharLm`, cpu) and by
 * PyTorch (`python -m recurrent_torch.train`) from the same weights (a run exported with
 * `recurrent export --format pytorch`) gives the same per-step losses and the same final
 * weights. Both read the same sequential windows (16 lanes x 32 steps, state carried between
 * windows and reset at each epoch: 24 windows an epoch, so steps 25 and 49 start from zeros),
 * with Adam (epsilon 1e-7), 5 warmup steps then cosine to lr/20, and clipping to global norm
 * 0.15 (the tiny preset's 5 would never bite here: its norms are 0.1-0.8). The per-lane random
 * state resets are turned off on both sides (stateResetProbability 0): each framework draws
 * them from its own RNG.
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

    it(`${STEPS} steps of Adam: the same losses and final weights in tfjs and PyTorch`, async () => {
      await tf.setBackend('cpu');
      const text = path.join(dir, 'voyage.txt');
      writeFileSync(text, corpus());
      const runs = path.join(dir, 'runs');
      // 5 steps first, so the shared start is a trained run rather than fresh initialisers.
      await cli(
        ...['train', 'char-lm', '--preset', 'tiny', '--corpus', text, '--runs-dir', runs],
        ...['--name', 'start', '--steps', '5', '--eval-every', '5', '--sample-length', '0'],
        ...['--state-reset-probability', '0', '--clip-norm', String(CLIP_NORM)],
      );
      const exported = path.join(dir, 'exports', 'start');
      await cli('export', 'start', '--runs-dir', runs, '--format', 'pytorch', '--to', exported);

      // PyTorch: train.py's own loop, every step's loss written out; --one-bias trains bias_ih
      // alone, as tfjs' LSTM has one bias (the export puts it in bias_ih, zeros in bias_hh).
      const torchTrain = async (name: string, extra: string[]) => {
        const out = path.join(dir, 'exports', name);
        const losses = path.join(dir, `${name}-losses.json`);
        const r = await runPython(PYTHON, [
          ...['-m', 'recurrent_torch.train', '--task', 'char-lm', '--init', exported],
          ...['--data', text, '--steps', String(STEPS), '--out', out, '--losses', losses, ...extra],
        ]);
        expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
        const steps: TorchStep[] = JSON.parse(readFileSync(losses, 'utf8'));
        const config = JSON.parse(readFileSync(path.join(out, 'config.json'), 'utf8'));
        return { steps, valLoss: config.metrics.valLoss as number, weights: read(out) };
      };
      const torch = await torchTrain('torch-one-bias', ['--one-bias']);
      const twoBiases = await torchTrain('torch-two-biases', []); // PyTorch's own nn.LSTM training

      // tfjs: the same start (the run the export was made from), a fresh Adam, the same data.
      const model = await loadCharLm(path.join(runs, 'start', 'latest'));
      const hp = model.hyperParameters;
      expect(hp.stateResetProbability).toBe(0);
      expect(hp.dropout).toBe(0);
      expect(hp.clipNorm).toBe(CLIP_NORM);
      const data = await prepareCharLmData(readFileSync(text, 'utf8'), {
        vocabulary: model.vocabulary,
        validationFraction: hp.validationFraction,
      });
      const ours: TrainProgress[] = [];
      const before = tf.memory().numTensors;
      const result = await trainCharLm(model, data, {
        steps: STEPS,
        evalEvery: STEPS,
        onProgress: (e) => ours.push(e),
      });
      const steps = ours.flatMap((e) => (e.kind === 'step' ? [e] : []));
      expect(steps).toHaveLength(STEPS);

      const drift = lossDrift(steps, torch.steps);
      const rows = [1, 2, 5, 10, 20, 30, 40, 50].map((n) => {
        const [s, t, d] = [steps[n - 1]!, torch.steps[n - 1]!, twoBiases.steps[n - 1]!];
        const rel = (a: number, b: number) => (Math.abs(a - b) / b).toExponential(1);
        return `| ${n} | ${s.learningRate.toExponential(3)} | ${s.loss.toFixed(6)} | ${t.loss.toFixed(6)} | ${rel(s.loss, t.loss)} | ${s.gradNorm.toFixed(4)} | ${t.gradNorm.toFixed(4)} | ${d.loss.toFixed(6)} | ${d.gradNorm.toFixed(4)} |`;
      });
      expect(steps[STEPS - 1]!.loss).toBeLessThan(steps[0]!.loss - 0.3); // it really trained
      const clipped = steps.filter((s) => s.clipped).length;
      expect(clipped).toBeGreaterThan(10); // clipping is part of what is compared

      // The final weights, under PyTorch's names, tensor by tensor.
      const exportedState = charLmPytorch.toPytorch(model).stateDict;
      const mine = await collectWeights(exportedState);
      tf.dispose(Object.values(exportedState));
      const weights = weightDrift(mine, torch.weights);
      const valLoss = result.lastMetrics?.valLoss as number;
      const valDrift = Math.abs(valLoss - torch.valLoss) / torch.valLoss;
      const defaultDrift = lossDrift(steps, twoBiases.steps);
      console.log(
        [
          `training parity, ${STEPS} steps (${clipped} clipped), --one-bias: max relative loss drift ${drift.toExponential(2)}, max relative weight drift ${weights.drift.toExponential(2)} (${weights.name}), valLoss tfjs ${valLoss.toFixed(6)} torch ${torch.valLoss.toFixed(6)} (${valDrift.toExponential(1)})`,
          `PyTorch training both LSTM biases (its default): max relative loss drift ${defaultDrift.toExponential(2)}, valLoss ${twoBiases.valLoss.toFixed(6)}`,
          '| step | lr | loss tfjs | loss torch --one-bias | rel. diff | grad norm tfjs | grad norm torch --one-bias | loss torch, two biases | grad norm torch, two biases |',
          '|---|---|---|---|---|---|---|---|---|',
          ...rows,
        ].join('\n'),
      );
      expect(drift).toBeLessThan(LOSS_TOLERANCE);
      expect(weights.drift).toBeLessThan(WEIGHT_TOLERANCE);
      expect(valDrift).toBeLessThan(LOSS_TOLERANCE);
      // The one place the frameworks differ: nn.LSTM trains b_ih and b_hh, so the bias (their
      // sum) gets two Adam updates per step and its gradient counts twice in the clip norm.
      expect(twoBiases.steps[0]!.gradNorm).toBeGreaterThan(steps[0]!.gradNorm * 1.05);
      expect(defaultDrift).toBeGreaterThan(10 * LOSS_TOLERANCE);
      model.dispose();
      expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
    });
  },
);
