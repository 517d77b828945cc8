/**
 * The trainer as a careful user and a security reviewer try it (issue 11): every defect found
 * is reproduced here and must stay fixed. Paths the trainer writes stay inside the run folder
 * or the export target; nothing it did not write is renamed or deleted.
 */
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
import { runBin } from './test-bin.js';

const dir = mkdtempSync(path.join(tmpdir(), 'recurrent-hardening-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const corpus = path.join(dir, 'small.txt');
writeFileSync(corpus, 'the cat sat on the mat. the dog sat on the log.\n'.repeat(40));
const oneLabel = path.join(dir, 'one-label.csv');
writeFileSync(oneLabel, 'text,label\nhello there,maybe\ngood day,maybe\n');
const small = [
  '--preset',
  'tiny',
  '--units',
  '16',
  '--embedding-dim',
  '8',
  '--time-steps',
  '16',
  '--batch-size',
  '4',
];
const R = (args: string[], options?: Parameters<typeof runBin>[2]) => runBin(dir, args, options);

beforeAll(async () => {
  const base = await R([
    'train',
    'char-lm',
    ...small,
    '--corpus',
    corpus,
    '--name',
    'base',
    '--steps',
    '6',
    '--eval-every',
    '3',
    '--checkpoint-every',
    '3',
    '--sample-length',
    '0',
  ]);
  expect(base.code, base.stderr).toBe(0);
}, 300_000);

describe('1. run names cannot leave the runs folder', () => {
  it('refuses --name ../victim and leaves the victim untouched', async () => {
    const victim = path.join(dir, 'victim');
    for (const sub of ['best', 'best.prev', 'latest.prev'])
      mkdirSync(path.join(victim, sub), { recursive: true });
    writeFileSync(path.join(victim, 'best', 'notes.txt'), 'x');
    const result = await R([
      'train',
      'char-lm',
      ...small,
      '--steps',
      '20',
      '--eval-every',
      '5',
      '--checkpoint-every',
      '5',
      '--sample-length',
      '0',
      '--name',
      '../victim',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--name: expected a run name/);
    expect(readFileSync(path.join(victim, 'best', 'notes.txt'), 'utf8')).toBe('x');
    expect(readdirSync(victim).sort()).toEqual(['best', 'best.prev', 'latest.prev']);
  });
});

describe('3. a corpus without a newline', () => {
  it('samples from a character it has, and checkpoints at the first evaluation', async () => {
    const a = path.join(dir, 'a.txt');
    writeFileSync(a, 'a'.repeat(20_000));
    const result = await R([
      'train',
      'char-lm',
      '--steps',
      '6',
      '--units',
      '16',
      '--time-steps',
      '16',
      '--batch-size',
      '4',
      '--eval-every',
      '6',
      '--corpus',
      a,
      '--name',
      'no-newline',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/sample at step 6/);
    expect(existsSync(path.join(dir, 'runs', 'no-newline', 'best', 'config.json'))).toBe(true);
  });
});

describe('4. closed pipes', () => {
  it('training whose stdout is closed keeps going, logs to log.jsonl and saves', async () => {
    const result = await R(
      [
        'train',
        'char-lm',
        ...small,
        '--corpus',
        corpus,
        '--steps',
        '40',
        '--log-every',
        '1',
        '--checkpoint-every',
        '10',
        '--eval-every',
        '1000',
        '--name',
        'piped',
      ],
      { pipeTo: 'head -n 5' },
    );
    expect(result.stdout.trim().split('\n')).toHaveLength(5);
    expect(result.stderr).toMatch(/stdout was closed; carrying on/);
    const log = readFileSync(path.join(dir, 'runs', 'piped', 'log.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(log.map((l) => JSON.parse(l).kind)).toContain('final');
    expect(existsSync(path.join(dir, 'runs', 'piped', 'latest', 'config.json'))).toBe(true);
    const state = JSON.parse(
      readFileSync(path.join(dir, 'runs', 'piped', 'latest', 'state.json'), 'utf8'),
    );
    expect(state.step).toBe(40);
  });

  it('sampling stops when the reader closes the pipe, with exit 0', async () => {
    const result = await R(['sample', 'base', '--prime', 'the', '--length', '60000'], {
      pipeTo: 'head -c 100',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toHaveLength(100);
    const drawn = Number(/(\d+) characters in/.exec(result.stderr)?.[1]);
    expect(drawn).toBeLessThan(60_000);
  });
});

describe('5. resume and loading', () => {
  it('a corrupt latest/config.json is one clear error, not a stack trace', async () => {
    await R([
      'train',
      'char-lm',
      ...small,
      '--corpus',
      corpus,
      '--name',
      'broken',
      '--steps',
      '3',
      '--eval-every',
      '3',
      '--checkpoint-every',
      '3',
      '--sample-length',
      '0',
    ]);
    writeFileSync(
      path.join(dir, 'runs', 'broken', 'latest', 'config.json'),
      '{"task": "char-lm", ',
    );
    const result = await R([
      'train',
      'char-lm',
      ...small,
      '--corpus',
      corpus,
      '--name',
      'broken',
      '--resume',
      '--steps',
      '6',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /latest\/config\.json is not valid JSON .* the checkpoint is damaged/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a run trained on another text gets "a different vocabulary"', async () => {
    const other = path.join(dir, 'other.txt');
    writeFileSync(other, 'ZYXW VUTS RQPO. '.repeat(300));
    const result = await R([
      'train',
      'char-lm',
      ...small,
      '--corpus',
      other,
      '--name',
      'base',
      '--resume',
      '--steps',
      '8',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/this run was trained on a different vocabulary/);
  });

  it('sample and eval find a checkpoint left only as latest.prev', async () => {
    const run = path.join(dir, 'runs', 'prev-only');
    mkdirSync(run, { recursive: true });
    const { cpSync } = await import('node:fs');
    cpSync(path.join(dir, 'runs', 'base', 'latest'), path.join(run, 'latest.prev'), {
      recursive: true,
    });
    const sampled = await R(['sample', 'prev-only', '--prime', 'the', '--length', '10']);
    expect(sampled.code, sampled.stderr).toBe(0);
    expect(sampled.stderr).toMatch(/from runs\/prev-only\/latest\.prev/);
    const evaluated = await R(['eval', 'prev-only']);
    expect(evaluated.code, evaluated.stderr).toBe(0);
  });
});

describe('6. one process per run folder', () => {
  it('refuses a second run of the same name while the first lives', async () => {
    let second: Awaited<ReturnType<typeof R>> | null = null;
    let started = false;
    const first = await R(
      [
        'train',
        'char-lm',
        ...small,
        '--corpus',
        corpus,
        '--name',
        'busy',
        '--steps',
        '400',
        '--log-every',
        '1',
        '--eval-every',
        '1000',
        '--checkpoint-every',
        '5',
      ],
      {
        onStdout: (out, child) => {
          if (started || !/checkpoint step 5 /.test(out)) return;
          started = true;
          void R([
            'train',
            'char-lm',
            ...small,
            '--corpus',
            corpus,
            '--name',
            'busy',
            '--resume',
            '--steps',
            '400',
          ]).then((result) => {
            second = result;
            child.kill('SIGINT');
          });
        },
      },
    );
    expect(first.code).toBe(130);
    expect(second!.code).toBe(1);
    expect(second!.stderr).toMatch(/run .*busy is in use by process \d+ since .*run\.lock/);
    const log = readFileSync(path.join(dir, 'runs', 'busy', 'log.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(log.filter((l) => JSON.parse(l).kind === 'start')).toHaveLength(1); // the second wrote nothing
    expect(existsSync(path.join(dir, 'runs', 'busy', 'run.lock'))).toBe(false);
  });

  it('a run that fails before training leaves no folder behind', async () => {
    const empty = path.join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const result = await R(['train', 'char-lm', '--corpus', empty, '--name', 'never']);
    expect(result.code).toBe(1);
    expect(existsSync(path.join(dir, 'runs', 'never'))).toBe(false);
  });
});

describe('8. smaller defects', () => {
  it("eval scores the run's own corpus by default, and says so", async () => {
    const result = await R(['eval', 'base']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/of the held-out tail of .*small\.txt/);
  });

  it('eval of NaN weights is an error, not "NaN nats/char"', async () => {
    const { encodeCheckpoint, loadCheckpoint } = await import('@recurrent/train');
    const good = await loadCheckpoint(path.join(dir, 'runs', 'base', 'best'));
    const weights = new Map(
      [...good.weights].map(([name, r]) => [
        name,
        { ...r, data: new Float32Array(r.data.length).fill(Number.NaN) },
      ]),
    );
    const files = await encodeCheckpoint({ config: good.config, weights });
    const nan = path.join(dir, 'nan-weights');
    mkdirSync(nan);
    for (const [name, bytes] of files) writeFileSync(path.join(nan, name), bytes);
    const result = await R(['eval', nan]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/its weights hold NaN or infinite values/);
    expect(result.stdout).not.toMatch(/NaN nats/);
  });

  it('eval refuses a text too short to score', async () => {
    for (const text of ['', 't']) {
      const file = path.join(dir, `short-${text.length}.txt`);
      writeFileSync(file, text);
      const result = await R(['eval', 'base', '--text', file]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/expected a text of at least 2 characters|is empty/);
    }
  });

  it('a sample error is not glued to a printed prime', async () => {
    const result = await R(['sample', 'base', '--prime', 'the Ω', '--length', '5']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^error: sample: the prime has characters the model never saw: "Ω"/,
    );
  });

  it('SIGTERM saves latest/ like Ctrl-C; an interrupted run lists only checkpoints that exist', async () => {
    let sent = false;
    const result = await R(
      [
        'train',
        'char-lm',
        ...small,
        '--corpus',
        corpus,
        '--name',
        'term',
        '--steps',
        '400',
        '--log-every',
        '1',
        '--eval-every',
        '1000',
        '--checkpoint-every',
        '1000',
      ],
      {
        onStdout: (out, child) => {
          if (!sent && /step 5\//.test(out)) {
            sent = true;
            child.kill('SIGTERM');
          }
        },
      },
    );
    expect(result.code).toBe(143);
    expect(result.stdout).toMatch(/done: aborted at step \d+/);
    expect(result.stdout).toMatch(/checkpoints: \S+\/term\/latest; log:/);
    expect(result.stdout).not.toMatch(/term\/best/);
    expect(existsSync(path.join(dir, 'runs', 'term', 'latest', 'config.json'))).toBe(true);
  });
});

describe('bad inputs, per command: the message the user sees', () => {
  it.each([
    [['train', 'char-lm', '--temperature', '2'], 2, /Unknown option '--temperature'/],
    [['train', 'char-lm', '--corpus', ''], 2, /--corpus: expected a path, got an empty text/],
    [['train', 'char-lm', '--dropout', '1'], 2, /--dropout: expected a number in \[0, 1\)/],
    [
      ['train', 'char-lm', '--validation-fraction', '0.7'],
      2,
      /--validation-fraction: expected a number in \(0, 0\.5\)/,
    ],
    [['train', 'char-lm', '--resume'], 2, /--resume needs the --name of the run to continue/],
    [['train', 'char-lm', 'extra'], 2, /unexpected argument "extra"/],
    [
      ['sample', 'base', '--temperature', '1e300'],
      2,
      /--temperature: expected a number in \[0, 100\]/,
    ],
    [['sample', 'base', '--length', '0'], 2, /--length: expected an integer in \[1, /],
    [['sample', 'base', '--top-p', '0'], 2, /--top-p: expected a number in \(0, 1\]/],
    [['eval', 'base', '--text', path.join(dir, 'missing.txt')], 1, /cannot read .*missing\.txt/],
    [['export', 'base'], 2, /expected a run and --to/],
    [['export', 'nope', '--to', path.join(dir, 'x')], 1, /No checkpoint found for "nope"/],
    // The sentiment task's data flags and predict inputs (issue 12 on the task shape).
    [
      ['train', 'sentiment', '--data', path.join(dir, 'nope.csv')],
      1,
      /cannot read .*nope\.csv.*Check the path/,
    ],
    [
      ['train', 'sentiment', '--format', 'xml'],
      2,
      /--format: unknown value "xml"\. Available: sst2, sst5/,
    ],
    [
      ['train', 'sentiment', '--input', 'bytes'],
      2,
      /--input: unknown value "bytes"\. Available: word, char/,
    ],
    [['train', 'sentiment', '--max-length', '-1'], 2, /--max-length: expected an integer/],
    [
      ['train', 'sentiment', '--data', oneLabel, '--preset', 'tiny', '--name', 'one-label'],
      1,
      /every row has the label "maybe"; a classifier needs at least two classes/,
    ],
    [
      ['predict', 'base', 'text'],
      2,
      /char-lm runs do not predict labels\. Try `recurrent sample base`/,
    ],
    [
      ['data', 'fetch', 'nothing'],
      1,
      /expected one dataset name, got "nothing"\. Available: sst2, imdb, uci/,
    ],
  ])('%j exits %i', async (args, code, message) => {
    const result = await R(args as string[]);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/unexpected error|\n\s+at /);
  });
});
