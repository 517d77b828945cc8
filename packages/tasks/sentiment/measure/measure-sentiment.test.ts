/**
 * The README's numbers: trains the default sentiment model (wasm, one thread) on the
 * embedded UCI sentences + the order probe for each seed in SEEDS, times it, scores the
 * held-out UCI test split, the probe's held-out compositions and the two lecture
 * sentences, and trains the bag-of-words baseline on the same split with the same loop.
 *
 *   SEEDS=42,43,44 nice -n 15 npx vitest run --config vitest.measure.config.ts
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { writeFileSync } from 'node:fs';
import { selectBackend } from '@recurrent/backends';
import { it } from 'vitest';
import {
  createSentimentModel,
  encodeSentences,
  evaluateSentiment,
  lectureSentences,
  loadUciSentences,
  prepareSentimentData,
  resolveSentimentHyperParameters,
  scoreSentences,
  sentimentTokenizer,
  trainBaseline,
  trainSentiment,
} from '../src/index.js';

const seeds = (process.env.SEEDS ?? '42').split(',').map(Number);
const overrides = JSON.parse(process.env.HP ?? '{}');
const preset = process.env.PRESET ?? 'default';
const baseline = process.env.BASELINE !== '0';

it('measures the default sentiment run', async () => {
  await selectBackend('wasm');
  const uci = await loadUciSentences();
  const results = [];
  for (const seed of seeds) {
    const hp = resolveSentimentHyperParameters(preset, { ...overrides, seed });
    const data = prepareSentimentData(uci, { hyperParameters: hp });
    console.log(JSON.stringify(data.report));
    const model = createSentimentModel({
      vocabulary: data.vocabulary,
      tokenizer: sentimentTokenizer(hp.input),
      labels: data.labels,
      hyperParameters: hp,
    });
    const start = performance.now();
    let lastLog = 0;
    const r = await trainSentiment(model, data, {
      onProgress: (e) => {
        if (e.kind === 'eval')
          console.log(`seed ${seed} step ${e.step}`, JSON.stringify(e.metrics));
        if (e.kind === 'step' && e.step - lastLog >= 250) {
          lastLog = e.step;
          console.log(
            `seed ${seed} step ${e.step} loss ${e.loss.toFixed(4)} ${Math.round(e.tokensPerSecond ?? 0)} tok/s`,
          );
        }
      },
    });
    const seconds = (performance.now() - start) / 1000;
    const rnn = await evaluateSentiment(model, data);
    const lecture = encodeSentences(lectureSentences, model.tokenizer, model.vocabulary);
    const scores = await scoreSentences(model, lecture.sequences, data.report.maxLength);
    const lectureP = lectureSentences.map((s, i) => ({
      text: s.text,
      label: s.label,
      positive: scores.probabilities[i * 2 + 1],
    }));
    const bow = baseline ? await trainBaseline(data, { steps: hp.steps, seed }) : undefined;
    const row = {
      seed,
      seconds,
      steps: r.step,
      test: { accuracy: rnn.test.accuracy, macroF1: rnn.test.macroF1, auroc: rnn.test.auroc },
      validation: { accuracy: rnn.validation.accuracy },
      probe: rnn.probe,
      lecture: lectureP,
      baseline: bow && {
        test: { accuracy: bow.test.accuracy, macroF1: bow.test.macroF1, auroc: bow.test.auroc },
        probe: bow.probe,
      },
    };
    console.log(JSON.stringify(row));
    results.push(row);
    model.dispose();
  }
  if (process.env.OUT)
    writeFileSync(process.env.OUT, JSON.stringify({ hp: overrides, preset, results }, null, 2));
});
