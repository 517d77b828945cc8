// The README's first example: node examples/readme.mjs (after `pnpm build`); seconds.
// biome-ignore-all lint/suspicious/noConsole: an example prints what it did
import { selectBackend } from '@recurrent/backends';
import { clinicalTask } from '@recurrent/clinical';

await selectBackend('wasm');
const hp = clinicalTask.resolveHyperParameters('default', { steps: 150 }); // GRU 64, 150 steps a fold
const data = await clinicalTask.prepareData({ stays: 400, folds: 2 }, hp, {}); // generated stays
for (const line of clinicalTask.describeData(data)) console.log(line);
const model = clinicalTask.create(data, hp);
const result = await clinicalTask.train(model, data, { evalEvery: 10 });
console.log(`final: ${clinicalTask.summarizeMetrics(result.lastMetrics)}`);
model.dispose();
