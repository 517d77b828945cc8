/**
 * `recurrent caption <run> <image...>`: the beam's captions of PNG or JPEG files with their
 * log-probabilities. The run is a checkpoint folder, or a run name looked up as
 * `recurrent sample` does (`<run>/best`, `<run>/latest`, then under `--runs-dir`).
 */
import { CheckpointError, ConfigError } from '@recurrent/errors';
import {
  type OptionSpecs,
  type OptionValues,
  resolveOptions,
  type TaskCommand,
  type TaskCommandContext,
  type TaskFiles,
} from '@recurrent/task';
import { loadCheckpoint } from '@recurrent/train';
import * as tf from '@tensorflow/tfjs-core';
import { captionFiles, formatFileCaptions } from './caption-files.js';
import { captionDefaults } from './caption-images.js';
import { CAPTIONING_TASK, captioningFromCheckpoint } from './captioning-config.js';

const who = 'recurrent caption';

export const captionOptions: OptionSpecs = Object.freeze({
  beamWidth: {
    type: 'integer',
    default: captionDefaults.beamWidth,
    min: 1,
    max: 64,
    help: 'beams kept and captions printed per image (1: greedy)',
  },
  lengthPenalty: {
    type: 'number',
    default: captionDefaults.lengthPenalty,
    min: 0,
    max: 5,
    help: 'alpha of score = logProb / length^alpha (0: plain probability)',
  },
  maxLength: {
    type: 'integer',
    default: captionDefaults.maxLength,
    min: 1,
    max: 1000,
    help: 'longest caption in words, <eos> included',
  },
});

const commandOptions: OptionSpecs = Object.freeze({
  ...captionOptions,
  runsDir: { type: 'path', default: 'runs', help: 'folder of runs' },
});

async function resolveRun(run: string, runsDir: string, files: TaskFiles): Promise<string> {
  if ((await files.kind(files.join(run, 'config.json'))) === 'file') return run;
  const candidates = [run, files.join(runsDir, run)].flatMap((dir) =>
    ['best', 'latest', 'latest.prev'].map((s) => files.join(dir, s)),
  );
  for (const c of candidates) {
    if ((await files.kind(files.join(c, 'config.json'))) === 'file') return c;
  }
  throw new CheckpointError(
    `${who}: no checkpoint found for "${run}": looked in ${candidates.join(', ')}. Train one with \`recurrent train captioning --name ${run}\`.`,
  );
}

export const captionCommand: TaskCommand = Object.freeze({
  path: ['caption'],
  usage: 'recurrent caption <run> <image.png|image.jpg...> [--beam-width 3] [--length-penalty 0.7]',
  summary:
    "captions of PNG/JPEG images from a captioning run: the beam's captions with log-probabilities",
  options: commandOptions,
  async run(ctx: TaskCommandContext): Promise<number> {
    const given: OptionValues = Object.fromEntries(
      Object.keys(commandOptions).map((k) => [k, ctx.values[k]]),
    );
    const v = resolveOptions(who, commandOptions, given);
    const [run, ...images] = ctx.positionals;
    if (!run || images.length === 0) {
      throw new ConfigError(
        `${who}: expected a run and at least one image, got ${run ? 'no image' : 'nothing'}. Example: \`${who} captioning scene.png\`.`,
      );
    }
    const where = await resolveRun(run, v.runsDir as string, ctx.files);
    const checkpoint = await loadCheckpoint(where);
    if (checkpoint.config.task !== CAPTIONING_TASK) {
      throw new ConfigError(
        `${who}: expected a captioning run, got a ${JSON.stringify(checkpoint.config.task ?? null)} run at ${where}. Train one with \`recurrent train captioning\`.`,
      );
    }
    const model = captioningFromCheckpoint(checkpoint);
    try {
      const start = performance.now();
      const results = await captionFiles(model, images, {
        beamWidth: v.beamWidth as number,
        lengthPenalty: v.lengthPenalty as number,
        maxLength: v.maxLength as number,
        read: (path) => ctx.files.readBytes(path),
      });
      for (const r of results) for (const line of formatFileCaptions(r)) ctx.out(line);
      const seconds = (performance.now() - start) / 1000;
      ctx.err(
        `${results.length} image${results.length === 1 ? '' : 's'} in ${seconds.toFixed(2)} s (beam ${v.beamWidth}, backend ${tf.getBackend()}) from ${where}`,
      );
    } finally {
      model.dispose();
    }
    return 0;
  },
});
