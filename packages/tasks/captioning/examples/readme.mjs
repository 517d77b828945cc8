// The README's example: node examples/readme.mjs (after `pnpm build`).
// biome-ignore-all lint/suspicious/noConsole: an example prints what it did
import { selectBackend } from '@recurrent/backends';
import {
  captionImages,
  createCaptioningModel,
  prepareCaptioningData,
  resolveCaptioningHyperParameters,
  scoreSplit,
  trainCaptioning,
} from '@recurrent/captioning';

await selectBackend('wasm');
const hyperParameters = resolveCaptioningHyperParameters('tiny', { steps: 60 }); // seconds, not the real run
const data = prepareCaptioningData(
  { scenes: 500, validationScenes: 50, heldOutScenes: 50 },
  hyperParameters,
);
const image = data.heldOut[0]; // a scene with a colour-shape-relation combination training never sees
console.log(
  'references:',
  image.references.map((r) => r.join(' ')),
);
const model = createCaptioningModel({ vocabulary: data.vocabulary, hyperParameters });
const { losses } = await trainCaptioning(model, data, { evalEvery: 60 });
console.log(
  `loss ${losses[0].toFixed(2)} -> ${losses.at(-1).toFixed(2)} after ${losses.length} steps`,
);
const [beams] = await captionImages(model, [image.pixels], { beamWidth: 3 });
for (const b of beams) console.log(b.logProb.toFixed(3), b.words.join(' '));
const { bleu, attributes } = await scoreSplit(model, data.heldOut, { beamWidth: 3 });
console.log(
  `held-out BLEU-4 ${bleu.bleu4.toFixed(3)} | every attribute right ${attributes.all.toFixed(3)}`,
);
