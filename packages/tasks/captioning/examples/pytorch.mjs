// The README's PyTorch example: node examples/pytorch.mjs (after `pnpm build`).
// biome-ignore-all lint/suspicious/noConsole: an example prints what it did
import { selectBackend } from '@recurrent/backends';
import {
  captioningPytorch,
  createCaptioningModel,
  resolveCaptioningHyperParameters,
} from '@recurrent/captioning';
import { Vocabulary } from '@recurrent/data';

await selectBackend('wasm');
const vocabulary = Vocabulary.fromTokens('there is a small red circle'.split(' '));
const model = createCaptioningModel({
  vocabulary,
  hyperParameters: resolveCaptioningHyperParameters('tiny', { decoder: 'show-and-tell' }),
});
const { stateDict, config } = captioningPytorch.toPytorch(model);
for (const [name, t] of Object.entries(stateDict))
  console.log(name.padEnd(22), JSON.stringify(t.shape));
console.log(config);
