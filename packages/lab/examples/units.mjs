// The units example of the README: which units of the shipped char-LM track quotes and
// line breaks, ranked by `rankUnits` on the default trace text (Moby-Dick, chapter 48).
// Run from the repository root after `pnpm build`: node packages/lab/examples/units.mjs
import { selectBackend } from '@recurrent/backends';
import { loadCharLm } from '@recurrent/char-lm';
import { rankUnits } from '@recurrent/lab';

await selectBackend('wasm');
const model = await loadCharLm('apps/demo/public/models/char-lm'); // LSTM, 256 units
const ranking = await rankUnits(model, { top: 2 }); // h0..h255 and tanh(c0..c255) vs 7 features
model.dispose();
for (const f of ranking.features) {
  const top = f.top.map((u) => `${u.name} ${u.r.toFixed(3)}`).join(', ');
  console.log(`${f.label.padEnd(22)} ${top}`);
}
