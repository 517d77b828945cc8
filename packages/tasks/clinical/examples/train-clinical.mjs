// What `recurrent train clinical` runs, from the Task alone: node examples/train-clinical.mjs
// (after `pnpm build`). Generated stays, 5-fold cross-validation, the baseline beside it,
// then the run's checkpoint predicts one new stay file. Flags as JSON: HP='{"cell":"lstm"}'.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { selectBackend } from '@recurrent/backends';
import { clinicalTask, generatePhysionetFiles } from '@recurrent/clinical';
import { loadCheckpoint } from '@recurrent/train';

await selectBackend('wasm');
const started = performance.now();
const hp = clinicalTask.resolveHyperParameters('default', JSON.parse(process.env.HP ?? '{}'));
const data = await clinicalTask.prepareData({ folds: 5 }, hp, {});
for (const line of clinicalTask.describeData(data)) console.log(line);
const model = clinicalTask.create(data, hp);
const runDir = mkdtempSync(path.join(tmpdir(), 'clinical-run-'));
const result = await clinicalTask.train(model, data, {
  checkpointDir: runDir,
  extraConfig: clinicalTask.dataProvenance(data),
  onProgress: (e) => {
    if (e.kind === 'step' && e.step % 500 === 0)
      console.log(
        `step ${e.step}/${e.totalSteps} | loss ${e.loss.toFixed(4)} | ${e.itemsPerSecond.toFixed(0)} stays/s`,
      );
  },
  onNote: (n) => console.log(`${n.title}:\n  ${n.text.replace(/\n/g, '\n  ')}`),
});
const seconds = (performance.now() - started) / 1000;
console.log(
  `final: ${clinicalTask.summarizeMetrics(result.lastMetrics)} in ${Math.floor(seconds / 60)}m${Math.round(seconds % 60)}s`,
);

const best = clinicalTask.fromCheckpoint(await loadCheckpoint(path.join(runDir, 'best')));
const stay = [...generatePhysionetFiles({ stays: 1, seed: 99 })][0];
const file = path.join(runDir, `${stay.recordId}.txt`);
writeFileSync(file, stay.text);
const [prediction] = await clinicalTask.predict.predict(best, [file], { hours: true });
for (const line of clinicalTask.predict
  .format(prediction)
  .filter((_, i) => i === 0 || i % 12 === 0))
  console.log(line);
