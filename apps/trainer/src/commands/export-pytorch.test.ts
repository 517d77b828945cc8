/**
 * `recurrent export --format pytorch` and `recurrent import` in Node alone (no Python): the
 * round trip gives back the very weights, and each bad input fails with a message naming
 * what is wrong. The PyTorch side is tested in tooling/pytorch-bridge.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { charLmTask } from '@recurrent/char-lm';
import { type AnyTask, createTaskRegistry } from '@recurrent/task';
import { decodeSafetensors, encodeSafetensors, loadCheckpoint } from '@recurrent/train';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { bufferIo } from '../test-io.js';
import { pytorchTask } from './export-pytorch.js';

const dir = mkdtempSync(path.join(tmpdir(), 'recurrent-export-pytorch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const runs = path.join(dir, 'runs');

async function cli(...args: string[]) {
  const io = bufferIo();
  const code = await runCli([...args, '--backend', 'cpu'], io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

beforeAll(async () => {
  const corpus = path.join(dir, 'small.txt');
  writeFileSync(corpus, 'the cat sat on the mat. the dog sat on the log.\n'.repeat(40));
  const r = await cli(
    'train',
    'char-lm',
    '--preset',
    'tiny',
    '--corpus',
    corpus,
    '--runs-dir',
    runs,
    '--name',
    'base',
    '--steps',
    '3',
    '--time-steps',
    '16',
    '--batch-size',
    '4',
    '--eval-every',
    '3',
    '--checkpoint-every',
    '3',
    '--sample-length',
    '0',
    '--layers',
    '2',
    '--cell',
    'gru',
  );
  expect(r.code, r.stderr).toBe(0);
}, 300_000);

describe('recurrent export --format pytorch', () => {
  it('writes PyTorch names, the config and the vocabulary', async () => {
    const to = path.join(dir, 'exports', 'base');
    const r = await cli('export', 'base', '--runs-dir', runs, '--format', 'pytorch', '--to', to);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/PyTorch names/);
    const config = JSON.parse(readFileSync(path.join(to, 'config.json'), 'utf8'));
    expect(config).toMatchObject({
      format: 'recurrent.pytorch',
      version: 1,
      task: 'char-lm',
      weights: 'model.safetensors',
      pytorch: { model: 'CharLm', cell: 'gru', layers: 2, units: 64, embeddingDim: 16 },
    });
    const vocab = JSON.parse(readFileSync(path.join(to, 'vocab.json'), 'utf8'));
    expect(vocab).toEqual(config.vocabulary.tokens);
    const { tensors } = decodeSafetensors(
      new Uint8Array(readFileSync(path.join(to, 'model.safetensors'))),
    );
    const V = vocab.length;
    expect([...tensors.keys()].sort()).toEqual(
      [
        'embedding.weight',
        'head.bias',
        'head.weight',
        ...[0, 1].flatMap((k) =>
          ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'].map((p) => `rnn.${p}_l${k}`),
        ),
      ].sort(),
    );
    expect(tensors.get('embedding.weight')!.shape).toEqual([V, 16]);
    expect(tensors.get('rnn.weight_ih_l0')!.shape).toEqual([192, 16]);
    expect(tensors.get('rnn.weight_hh_l1')!.shape).toEqual([192, 64]);
    expect(tensors.get('head.weight')!.shape).toEqual([V, 64]);
  });

  it('refuses a task without a PyTorch mapping, naming the tasks that have one', () => {
    const without = { ...charLmTask, pytorch: undefined } as unknown as AnyTask;
    expect(() =>
      pytorchTask({ task: 'char-lm' }, 'runs/x/best', createTaskRegistry([without])),
    ).toThrow(
      /task "char-lm" has no PyTorch mapping, so runs\/x\/best cannot cross to PyTorch\. Tasks with one: none\./,
    );
  });

  it('refuses an unknown format', async () => {
    const r = await cli(
      'export',
      'base',
      '--runs-dir',
      runs,
      '--format',
      'onnx',
      '--to',
      path.join(dir, 'x'),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format.*recurrent, pytorch/);
  });
});

describe('recurrent import', () => {
  const exported = path.join(dir, 'exports', 'base');

  it('gives back the very weights, and the run evaluates to the same loss', async () => {
    const to = path.join(dir, 'imported', 'same');
    const r = await cli('import', exported, '--to', to);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/char-lm, 11 tensors/);
    const original = await loadCheckpoint(path.join(runs, 'base', 'best'));
    const back = await loadCheckpoint(path.join(to, 'best'));
    expect(back.verified).toBe(true);
    expect([...back.weights.keys()].sort()).toEqual([...original.weights.keys()].sort());
    for (const [name, w] of original.weights) {
      expect(Array.from(back.weights.get(name)!.data), name).toEqual(Array.from(w.data));
    }
    expect(back.config.importedFrom).toBe(path.resolve(exported));
    const a = await cli('eval', path.join(runs, 'base', 'best'), '--json');
    const b = await cli('eval', to, '--json');
    expect(JSON.parse(b.stdout).valLoss).toBe(JSON.parse(a.stdout).valLoss);
    // The imported run is an ordinary run: it samples and exports for the demo.
    const sampled = await cli('sample', to, '--prime', 'the', '--length', '20', '--seed', '1');
    const original2 = await cli(
      'sample',
      path.join(runs, 'base', 'best'),
      '--prime',
      'the',
      '--length',
      '20',
      '--seed',
      '1',
    );
    expect(sampled.stdout).toBe(original2.stdout);
    expect((await cli('export', to, '--to', path.join(dir, 'demo-model'))).code).toBe(0);
  });

  it('refuses an existing run without --force and replaces best/ with it', async () => {
    const to = path.join(dir, 'imported', 'twice');
    expect((await cli('import', exported, '--to', to)).code).toBe(0);
    const again = await cli('import', exported, '--to', to);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists .*pass --force/);
    expect((await cli('import', exported, '--to', to, '--force')).code).toBe(0);
  });

  async function withStateDict(name: string, edit: (t: Map<string, unknown>) => void) {
    const to = path.join(dir, 'exports', name);
    const r = await cli('export', 'base', '--runs-dir', runs, '--format', 'pytorch', '--to', to);
    expect(r.code, r.stderr).toBe(0);
    const file = path.join(to, 'model.safetensors');
    const { tensors } = decodeSafetensors(new Uint8Array(readFileSync(file)));
    edit(tensors as Map<string, unknown>);
    writeFileSync(file, encodeSafetensors(tensors));
    return cli('import', to, '--to', path.join(dir, 'imported', name));
  }

  it('names a misshapen tensor', async () => {
    const r = await withStateDict('misshapen', (t) => {
      t.set('head.bias', { dtype: 'float32', shape: [3], data: new Float32Array(3) });
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/tensor "head\.bias" has shape \[3\], expected \[\d+\]/);
  });

  it('names missing and unknown tensors', async () => {
    const r = await withStateDict('renamed', (t) => {
      t.set('rnn.weight_ih_layer0', t.get('rnn.weight_ih_l0'));
      t.delete('rnn.weight_ih_l0');
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/missing "rnn\.weight_ih_l0"; unknown "rnn\.weight_ih_layer0"/);
  });

  it('refuses a folder that is not a PyTorch export', async () => {
    const r = await cli('import', path.join(runs, 'base', 'best'), '--to', path.join(dir, 'no'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/expected "recurrent\.pytorch"/);
  });
});
