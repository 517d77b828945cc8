// The README's decoderSteps example: node examples/decoder-steps.mjs [checkpoint folder]
// (after `pnpm build`; default: the demo's pretrained model). It captions a held-out scene
// word by word, then asks what the decoder writes after a prefix of our choosing.
// biome-ignore-all lint/suspicious/noConsole: an example prints what it did
import { selectBackend } from '@recurrent/backends';
import {
  captionScene,
  decoderSteps,
  generateScenes,
  loadCaptioningModel,
  renderScene,
} from '@recurrent/captioning';

await selectBackend('wasm');
const model = await loadCaptioningModel(
  process.argv[2] ??
    new URL('../../../../apps/demo/public/models/captioning/', import.meta.url).pathname,
);
const [scene] = generateScenes({ split: 'held-out', count: 1, seed: 3 });
console.log('reference:', captionScene(scene)[0]);
const show = (steps) =>
  steps.map((s) => `${s.forced ? '*' : ''}${s.word} ${s.prob.toFixed(2)}`).join(' | ');
const greedy = await decoderSteps(model, renderScene(scene), { topK: 3 });
console.log('greedy:', show(greedy));
const first = greedy[0];
console.log(`step 1 top 3: ${first.top.map((w) => `${w.word} ${w.prob.toFixed(3)}`).join(', ')}`);
const forced = await decoderSteps(model, renderScene(scene), {
  words: ['there', 'is', 'a', 'large'],
});
console.log('after "there is a large":', show(forced));
model.dispose();
