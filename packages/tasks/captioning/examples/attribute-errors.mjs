// Where a captioning model's attribute errors are: node examples/attribute-errors.mjs <checkpoint>
// (after `pnpm build`; default: the demo's pretrained model). For the validation (seen) and
// held-out scenes of the default data, greedy and beam 3, it prints each attribute's accuracy
// per number of shapes, and sorts the captions that are not exactly right by what went wrong:
// not in the grammar or the wrong number of shapes, the right shapes in the reverse order (the
// relation word points the wrong way), the axis, a shape's kind, its colour, its size.
// biome-ignore-all lint/suspicious/noConsole: an example prints what it measured
import { selectBackend } from '@recurrent/backends';
import {
  captionImages,
  loadCaptioningModel,
  parseCaption,
  prepareCaptioningData,
  scoreClaim,
} from '@recurrent/captioning';

await selectBackend('wasm');
const model = await loadCaptioningModel(process.argv[2] ?? 'apps/demo/public/models/captioning');
const data = prepareCaptioningData({}, model.hyperParameters);
const keys = ['colour', 'shape', 'size', 'relation', 'all'];
const pct = (x, n) => `${((100 * x) / n).toFixed(1)}%`.padStart(6);

/** What is wrong with a caption that is not exactly right (the first thing that is). */
function errorKind(claim, scene) {
  const truth = scene.objects;
  if (!claim) return 'not in the grammar';
  if (claim.objects.length !== truth.length) return 'wrong number of shapes';
  const same = (a, b) => a.colour === b.colour && a.shape === b.shape;
  const reversed = [...claim.objects].reverse();
  if (
    !claim.objects.every((o, i) => same(o, truth[i])) &&
    reversed.every((o, i) => same(o, truth[i]))
  )
    return 'reverse order';
  if (claim.axis !== null && claim.axis !== scene.axis) return 'wrong axis';
  for (const attribute of ['shape', 'colour', 'size']) {
    if (claim.objects.some((o, i) => o[attribute] !== truth[i][attribute]))
      return `a wrong ${attribute}`;
  }
  return 'other';
}

for (const [split, images] of [
  ['seen', data.validation],
  ['held-out', data.heldOut],
]) {
  for (const beamWidth of [1, 3]) {
    const captions = await captionImages(
      model,
      images.map((i) => i.pixels),
      { beamWidth },
    );
    const rows = new Map();
    const errors = new Map();
    captions.forEach((beams, i) => {
      const scene = images[i].scene;
      const claim = parseCaption(beams[0].words);
      const score = scoreClaim(claim, scene);
      for (const group of [`${scene.objects.length} shapes`, 'all']) {
        const row = rows.get(group) ?? { n: 0, colour: 0, shape: 0, size: 0, relation: 0, all: 0 };
        row.n++;
        for (const k of keys) row[k] += score[k] ? 1 : 0;
        rows.set(group, row);
      }
      if (!score.all) {
        const kind = errorKind(claim, scene);
        errors.set(kind, (errors.get(kind) ?? 0) + 1);
      }
    });
    console.log(`${split}, ${beamWidth === 1 ? 'greedy' : `beam ${beamWidth}`}:`);
    for (const [group, row] of [...rows].sort()) {
      console.log(
        `  ${group.padEnd(8)} ${String(row.n).padStart(4)} images | ${keys.map((k) => `${k} ${pct(row[k], row.n)}`).join(' | ')}`,
      );
    }
    const wrong = [...errors].sort((a, b) => b[1] - a[1]);
    console.log(
      `  not exactly right: ${wrong.map(([kind, n]) => `${kind} ${n}`).join(', ') || 'none'}`,
    );
  }
}
