// The README's example: node examples/readme.mjs (after `pnpm build`).
// biome-ignore-all lint/suspicious/noConsole: an example prints what it did
import { selectBackend } from '@recurrent/backends';
import {
  createSentimentModel,
  evaluateSentiment,
  formatPrediction,
  lectureSentences,
  loadUciSentences,
  predictSentiment,
  prepareSentimentData,
  resolveSentimentHyperParameters,
  trainSentiment,
} from '@recurrent/sentiment';

await selectBackend('wasm');
const hyperParameters = resolveSentimentHyperParameters('default', { steps: 600 }); // a fifth of the default
const data = prepareSentimentData(await loadUciSentences(), { hyperParameters }); // embedded + order probe
const model = createSentimentModel({ ...data, hyperParameters }); // vocabulary, tokenizer, labels
await trainSentiment(model, data);
const { test, probe } = await evaluateSentiment(model, data);
console.log(
  `UCI test accuracy ${test.accuracy.toFixed(3)} | order probe (held out) ${probe.accuracy.toFixed(3)}`,
);
for (const p of await predictSentiment(
  model,
  lectureSentences.map((s) => s.text),
)) {
  console.log(formatPrediction(p).join('\n'));
}
