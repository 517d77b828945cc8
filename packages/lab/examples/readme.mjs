// The README's example: node examples/readme.mjs (after `pnpm build`).
import { selectBackend } from '@recurrent/backends';
import { labModels, longRangeBatch, longRangeModel, longRangeVocabSize } from '@recurrent/lab';
import { registerGradients } from '@recurrent/train';

await selectBackend('wasm');
await registerGradients(); // tfjs-core alone has no gradients; train() does this too
const batch = longRangeBatch({ k: 50, batch: 64 }, 0); // 64 sequences of length 60, the key at t = 10
for (const { name, cell, forgetBias } of labModels) {
  const model = longRangeModel({ cell, forgetBias, vocabSize: longRangeVocabSize(), units: 32, embeddingDim: 8, classes: 2, maxLength: 60, seed: 0 });
  const { h } = model.flow(batch); // ||dL/dh_t|| for t = 1..60 from one backward pass (untrained)
  console.log(name.padEnd(12), `||dL/dh_1|| / ||dL/dh_60|| = ${(h[0] / h[59]).toExponential(1)}`, `at the key: ${(h[9] / h[59]).toExponential(1)}`);
  model.dispose();
}
