// Writes fixtures/scene.png, the image the README's `recurrent caption` line reads: the first
// held-out scene of seed 7 (a combination training never sees), drawn as the task draws it.
// Run: node examples/write-fixtures.mjs (after `pnpm build`).
// biome-ignore-all lint/suspicious/noConsole: a generator prints what it wrote
import { writeFileSync } from 'node:fs';
import { captionScene, generateScenes, renderScene } from '@recurrent/captioning';
import { PNG } from 'pngjs';

const scene = generateScenes({ split: 'held-out', count: 1, seed: 7 })[0];
const pixels = renderScene(scene);
const png = new PNG({ width: scene.imageSize, height: scene.imageSize });
for (let i = 0; i < scene.imageSize ** 2; i++) {
  for (let c = 0; c < 3; c++) png.data[4 * i + c] = Math.round(255 * pixels[3 * i + c]);
  png.data[4 * i + 3] = 255;
}
const file = new URL('../fixtures/scene.png', import.meta.url);
writeFileSync(file, PNG.sync.write(png));
console.log(`wrote ${file.pathname}: ${captionScene(scene)[0]}`);
