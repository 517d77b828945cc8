import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { bufferIo } from '../test-io.js';

const dir = mkdtempSync(path.join(tmpdir(), 'recurrent-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const runs = path.join(dir, 'runs');

beforeAll(async () => {
  const corpus = path.join(dir, 'small.txt');
  writeFileSync(corpus, 'the cat sat on the mat. the dog sat on the log.\n'.repeat(40));
  const io = bufferIo();
  const code = await runCli(
    [
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
      '4',
      '--time-steps',
      '16',
      '--batch-size',
      '4',
      '--eval-every',
      '4',
      '--checkpoint-every',
      '4',
      '--sample-length',
      '0',
      '--backend',
      'wasm',
    ],
    io,
  );
  expect(code, io.stderr.join('\n')).toBe(0);
}, 300_000);

async function exportTo(to: string, ...extra: string[]) {
  const io = bufferIo();
  const code = await runCli(['export', 'base', '--runs-dir', runs, '--to', to, ...extra], io);
  return { code, stderr: io.stderr.join('\n'), stdout: io.stdout.join('\n') };
}

describe('recurrent export never destroys what is at the target', () => {
  it('refuses a non-empty folder that is not an export, and keeps its files with --force', async () => {
    const d = path.join(dir, 'd');
    mkdirSync(d);
    writeFileSync(path.join(d, 'mine.txt'), 'keep');
    const refused = await exportTo(d);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /is not empty \(1 entries\) and is not an earlier export \(no \.recurrent-export\.json\)\. .*--force/,
    );
    expect(readdirSync(d)).toEqual(['mine.txt']);
    expect((await exportTo(d, '--force')).code).toBe(0);
    expect((await exportTo(d)).code).toBe(0); // an earlier export: replaced in place
    expect((await exportTo(d)).code).toBe(0);
    expect(readFileSync(path.join(d, 'mine.txt'), 'utf8')).toBe('keep');
    expect(readdirSync(d)).toEqual(
      expect.arrayContaining([
        '.recurrent-export.json',
        'config.json',
        'mine.txt',
        'weights.safetensors',
      ]),
    );
  });

  it("refuses to overwrite a run's own training checkpoint", async () => {
    const best = path.join(runs, 'base', 'best');
    const before = readdirSync(best).sort();
    const result = await exportTo(best);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is the checkpoint being exported|holds a training checkpoint/);
    const latest = await exportTo(path.join(runs, 'base', 'latest'));
    expect(latest.stderr).toMatch(/holds a training checkpoint \(it has state\.json\)/);
    expect(readdirSync(best).sort()).toEqual(before);
  });

  it('turns filesystem errors into one clear message and leaves no temporary files', async () => {
    const file = path.join(dir, 'a-file');
    writeFileSync(file, 'x');
    const onFile = await exportTo(file);
    expect(onFile.code).toBe(1);
    expect(onFile.stderr).toMatch(/is a file; expected a folder/);
    const under = await exportTo(path.join(file, 'sub'));
    expect(under.code).toBe(1);
    expect(under.stderr).toMatch(/cannot write .*a-file\/sub \((ENOTDIR|EEXIST)/);
    expect(under.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(readFileSync(file, 'utf8')).toBe('x');
    const leftovers = readdirSync(dir).filter((n) => n.includes('.tmp-'));
    expect(leftovers).toEqual([]);
  });

  it('refuses the current folder when it holds other files', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const result = await exportTo('.');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/--to \. is not empty/);
    } finally {
      process.chdir(cwd);
    }
    expect(existsSync(path.join(dir, 'config.json'))).toBe(false);
  });
});
