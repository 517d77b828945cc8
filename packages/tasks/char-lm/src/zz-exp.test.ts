import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { selectBackend } from '@recurrent/backends';
import { it } from 'vitest';
import {
  createCharLm,
  evaluateCharLm,
  prepareCharLmData,
  resolveHyperParameters,
  trainCharLm,
} from './index.js';

const cfg = JSON.parse(process.env.EXP ?? '{}');
it('exp', async () => {
  await selectBackend('wasm');
  const data = await prepareCharLmData('moby-dick');
  console.log(data.report);
  const hp = resolveHyperParameters(cfg.preset ?? 'default', cfg.hp ?? {});
  const model = createCharLm({ vocabulary: data.vocabulary, hyperParameters: hp });
  const t0 = Date.now();
  await trainCharLm(model, data, {
    steps: cfg.steps ?? 20,
    evalEvery: cfg.evalEvery ?? 10000,
    onProgress: (e) => {
      if (e.kind === 'step' && e.step % (cfg.logEvery ?? 10) === 0)
        console.log(
          `step ${e.step} loss ${e.loss.toFixed(3)} tok/s ${e.tokensPerSecond?.toFixed(0)} gn ${e.gradNorm.toFixed(2)} lr ${e.learningRate.toExponential(2)} t ${((Date.now() - t0) / 1000).toFixed(0)}s`,
        );
      if (e.kind === 'eval')
        console.log(
          'EVAL',
          e.step,
          JSON.stringify(e.metrics),
          ((Date.now() - t0) / 1000).toFixed(0),
        );
    },
  });
  const t1 = Date.now();
  const m = await evaluateCharLm(model, data.validation);
  console.log('final', m, 'eval s', (Date.now() - t1) / 1000, 'total s', (Date.now() - t0) / 1000);
}, 3_600_000);
