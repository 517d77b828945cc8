import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBin } from './test-bin.js';

const dir = mkdtempSync(path.join(tmpdir(), 'recurrent-predict-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('recurrent predict (a task with a predict verb, from the registry)', () => {
  it('trains, predicts texts and stdin lines with a per-token trajectory, and evaluates', async () => {
    const trained = await runBin(dir, [
      'train',
      'sentiment',
      '--preset',
      'tiny',
      '--steps',
      '20',
      '--eval-every',
      '20',
      '--no-baseline',
      '--name',
      'mood',
    ]);
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stdout).toMatch(/^recurrent train sentiment \| backend /);
    expect(trained.stdout).toMatch(/final: test accuracy \d\.\d{3}/);
    const predicted = await runBin(dir, ['predict', 'mood', 'not so bad after all', 'boring']);
    expect(predicted.code, predicted.stderr).toBe(0);
    expect(predicted.stdout).toMatch(
      /^(positive|negative) 0\.\d{3} {2}"not so bad after all"\n {2}P\(positive\) after each token: not /,
    );
    expect(predicted.stdout).toMatch(/"boring"/);
    const piped = await runBin(dir, ['predict', 'mood', '--json'], {
      pipeTo: 'cat',
      stdin: 'good movie\nbad movie\n',
    });
    expect(piped.code, piped.stderr).toBe(0);
    const lines = piped.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.text)).toEqual(['good movie', 'bad movie']);
    const evaluated = await runBin(dir, ['eval', 'mood']);
    expect(evaluated.code, evaluated.stderr).toBe(0);
    expect(evaluated.stdout).toMatch(/accuracy \d\.\d{3} \| macro-F1/);
    const none = await runBin(dir, ['predict', 'mood'], { stdin: '' });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/expected a text to predict, got none/);
    const wrong = await runBin(dir, ['sample', 'mood']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(
      /sentiment runs do not generate text\. Try `recurrent predict mood/,
    );
  }, 300_000);
});
