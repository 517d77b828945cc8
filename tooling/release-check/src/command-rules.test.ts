import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  flagValue,
  type PlanContext,
  planFor,
  SHORT_STEPS,
  UnclassifiedCommandError,
  withFlag,
} from './command-rules.js';
import { splitShellLine } from './readme-commands.js';

const ctx: PlanContext = {
  scratch: '/tmp/t/line-1',
  sharedRuns: '/tmp/t/shared-runs',
  fixture: (name) => `/tmp/t/fixtures/${name}`,
  tasks: ['char-lm'],
};
const plan = (line: string) => planFor(splitShellLine(line)[0]!, ctx);
const run = (line: string) => {
  const p = plan(line);
  if (p.kind !== 'run') throw new Error(`${line} is exempt`);
  return p;
};

describe('planFor', () => {
  it('exempts install, test and the demo server, with a reason', () => {
    for (const line of [
      'pnpm install',
      'pnpm install --frozen-lockfile',
      'pnpm test',
      'pnpm demo',
      'pnpm recurrent import exports/char-lm-2 --to runs/char-lm-2',
    ]) {
      expect(plan(line)).toMatchObject({
        kind: 'exempt',
        reason: expect.stringMatching(/^exempt: /),
      });
    }
  });

  it('shortens training lines and sends them to a temp runs folder, keeping the README flags', () => {
    expect(run('pnpm train').argv).toEqual([
      'pnpm',
      'train',
      '--steps',
      String(SHORT_STEPS),
      '--preset',
      'tiny',
      '--runs-dir',
      '/tmp/t/line-1/runs',
    ]);
    expect(run('pnpm train --cell gru --units 384 --steps 3000').argv).toEqual([
      'pnpm',
      'train',
      '--cell',
      'gru',
      '--units',
      '384',
      '--steps',
      String(SHORT_STEPS),
      '--preset',
      'tiny',
      '--runs-dir',
      '/tmp/t/line-1/runs',
    ]);
    expect(run('pnpm train --preset large').argv).toContain('large');
    const runsDir = flagValue(
      run('pnpm recurrent train char-lm --runs-dir runs').argv,
      '--runs-dir',
    );
    expect(runsDir).toBe('/tmp/t/line-1/runs');
  });

  it('replaces placeholder files by fixtures and refuses a file it has none for', () => {
    expect(run('pnpm train --corpus my-book.txt').argv).toContain('/tmp/t/fixtures/my-book.txt');
    expect(run('pnpm recurrent eval char-lm --text=chapter.txt').argv).toContain(
      '--text=/tmp/t/fixtures/chapter.txt',
    );
    expect(() => plan('pnpm train --corpus war-and-peace.txt')).toThrow(/no fixture for/);
  });

  it('trains a tiny run under the README run name before sample, eval, export and resume', () => {
    const sample = run('pnpm recurrent sample char-lm --prime "Call me" --length 500');
    expect(sample.needsRun).toEqual({ task: 'char-lm', name: 'char-lm', runsDir: ctx.sharedRuns });
    expect(sample.argv).toEqual([
      'pnpm',
      'recurrent',
      'sample',
      'char-lm',
      '--prime',
      'Call me',
      '--length',
      '500',
      '--runs-dir',
      ctx.sharedRuns,
    ]);
    const resume = run('pnpm recurrent train char-lm --name char-lm --resume');
    expect(resume.needsRun).toMatchObject({ name: 'char-lm', runsDir: ctx.sharedRuns });
    expect(resume.argv).toContain(String(2 * SHORT_STEPS));
    expect(resume.argv).not.toContain('--preset'); // a resumed run keeps its own settings
  });

  it('redirects export --to into the scratch folder, never apps/demo/public/models', () => {
    const p = run('pnpm recurrent export char-lm --to apps/demo/public/models/char-lm');
    expect(p.argv).toContain(path.join(ctx.scratch, 'export', 'char-lm'));
    expect(p.argv.join(' ')).not.toContain('apps/demo');
    expect(p.expectFiles).toEqual([path.join(ctx.scratch, 'export', 'char-lm', 'config.json')]);
  });

  it('runs help, tasks and doctor as written, doctor with the backend table expected', () => {
    expect(run('pnpm recurrent train char-lm --help').argv).toEqual([
      'pnpm',
      'recurrent',
      'train',
      'char-lm',
      '--help',
    ]);
    expect(run('pnpm recurrent tasks').expect).toEqual([/\bchar-lm\b/]);
    expect(run('pnpm run doctor').expect!.length).toBeGreaterThan(1);
    expect(run('pnpm bench cells').argv).toEqual(['pnpm', 'bench', 'cells', '--help']);
  });

  it('fails a line no rule covers, or a run named after no task', () => {
    expect(() => plan('pnpm changeset')).toThrow(UnclassifiedCommandError);
    expect(() => plan('pnpm changeset')).toThrow(/No rule .* covers "pnpm changeset"/);
    expect(() => plan('pnpm recurrent sample my-model')).toThrow(/no task is called "my-model"/);
  });
});

describe('withFlag', () => {
  it('replaces a value in either spelling, or appends', () => {
    expect(withFlag(['a', '--steps', '9'], '--steps', '3')).toEqual(['a', '--steps', '3']);
    expect(withFlag(['a', '--steps=9'], '--steps', '3')).toEqual(['a', '--steps=3']);
    expect(withFlag(['a'], '--steps', '3')).toEqual(['a', '--steps', '3']);
  });
});
