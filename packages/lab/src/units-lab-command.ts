/**
 * `recurrent lab units <run>`: which units of a trained char-LM track which features of the
 * text (inside quotes, inside parentheses, position in line, ...; Karpathy, Johnson & Fei-Fei
 * 2015). Loads the run's best checkpoint (or a checkpoint folder, such as the demo's
 * apps/demo/public/models/char-lm), reads the trace text, prints the top units per feature
 * with Pearson's r and the text coloured by the best unit of each feature, and writes every
 * correlation to `--out`/units.json when asked.
 *
 *   recurrent lab units char-lm                                # runs/char-lm/best
 *   recurrent lab units apps/demo/public/models/char-lm --top 5 --units c
 */
import { CHAR_LM_TASK, charLmFromCheckpoint } from '@recurrent/char-lm';
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
import { rankUnits, rankUnitsDefaults, type UnitRanking, type UnitStates } from './rank-units.js';
import { rankedLabel, unitsTable, unitTextLines, unitValues } from './units-report.js';
import { unitsTraceText } from './units-trace-text.js';
import { writeLabFiles } from './write-lab-files.js';

const who = 'recurrent lab units';

const options: OptionSpecs = Object.freeze({
  text: {
    type: 'path',
    help: 'a UTF-8 text file for the model to read (default: six paragraphs of Moby-Dick, ch. 48, with quotes, parentheses and line breaks)',
  },
  top: {
    type: 'integer',
    default: rankUnitsDefaults.top,
    min: 1,
    max: 100,
    help: 'units listed per feature, strongest |r| first',
  },
  units: {
    type: 'string',
    default: rankUnitsDefaults.states,
    choices: ['h', 'c', 'both'],
    help: 'which units to rank: hidden h, cell c (LSTM only) or both',
  },
  show: {
    type: 'integer',
    default: 2000,
    min: 0,
    help: 'characters of the text drawn under each feature, coloured by its best unit (0: none; the ranking always reads all of it)',
  },
  color: {
    type: 'string',
    default: 'auto',
    choices: ['auto', 'always', 'never'],
    help: 'ANSI colours for the drawn text; auto: when stdout is a terminal (else a row of digits 0-9 under each line)',
  },
  out: {
    type: 'path',
    help: "folder to write units.json to (every unit's r for every feature); nothing is written without it",
  },
  runsDir: { type: 'path', default: 'runs', help: 'folder of runs' },
});

const stdoutIsTty = () => typeof process !== 'undefined' && Boolean(process.stdout?.isTTY);

/**
 * The checkpoint folder of `run`: a folder with config.json as it is, else
 * `<run>/best`, `<run>/latest`, `<run>/latest.prev`, then the same under `<runs-dir>/<run>`
 * (the trainer's `recurrent sample <run>` looks in the same places).
 */
async function resolveRun(run: string, runsDir: string, files: TaskFiles): Promise<string> {
  const slots = ['best', 'latest', 'latest.prev'];
  if ((await files.kind(files.join(run, 'config.json'))) === 'file') return run;
  const candidates = [run, files.join(runsDir, run)].flatMap((dir) =>
    slots.map((s) => files.join(dir, s)),
  );
  for (const c of candidates) {
    if ((await files.kind(files.join(c, 'config.json'))) === 'file') return c;
  }
  throw new CheckpointError(
    `${who}: no checkpoint found for "${run}": looked in ${candidates.join(', ')}. Train one with \`recurrent train char-lm --name ${run}\`, or pass a checkpoint folder such as apps/demo/public/models/char-lm.`,
  );
}

async function traceText(
  v: OptionValues,
  files: TaskFiles,
): Promise<{ text: string; source: string }> {
  if (typeof v.text !== 'string')
    return { text: unitsTraceText.text, source: unitsTraceText.source };
  const bytes = await files.readBytes(v.text);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new ConfigError(
      `${who}: --text ${v.text}: expected UTF-8 text, got bytes that are not UTF-8. Save the file as UTF-8.`,
      { cause },
    );
  }
  if (text.trim() === '') {
    throw new ConfigError(
      `${who}: --text ${v.text}: expected some text for the model to read, got an empty file.`,
    );
  }
  return { text, source: v.text };
}

function correlationsJson(ranking: UnitRanking) {
  const finite = (r: number) => (Number.isFinite(r) ? Number(r.toFixed(6)) : null);
  return {
    units: ranking.units.map((u) => u.name),
    features: ranking.features.map((f) => ({
      name: f.name,
      label: f.label,
      top: f.top.map((u) => ({ name: u.name, r: finite(u.r) })),
      r: Array.from(f.r, finite),
    })),
  };
}

export const unitsLabCommand: TaskCommand = Object.freeze({
  path: Object.freeze(['lab', 'units']),
  usage: 'recurrent lab units <run> [--text <file>] [--top 3] [--units h|c|both] [--out <dir>]',
  summary:
    'which char-LM units track quotes, parentheses, line position, ...: top units per feature with r, and the text coloured by each',
  options,
  async run(ctx: TaskCommandContext): Promise<number> {
    const given: OptionValues = Object.fromEntries(
      Object.keys(options).map((k) => [k, ctx.values[k]]),
    );
    const v = resolveOptions(who, options, given);
    const [run, ...extra] = ctx.positionals;
    if (!run) {
      throw new ConfigError(
        `${who}: expected a char-LM run or checkpoint folder, e.g. \`${who} char-lm\` or \`${who} apps/demo/public/models/char-lm\`.`,
      );
    }
    if (extra.length > 0) {
      throw new ConfigError(
        `${who}: expected one run, got also ${JSON.stringify(extra[0])}. Pass a text file with --text <file>.`,
      );
    }
    const where = await resolveRun(run, v.runsDir as string, ctx.files);
    const checkpoint = await loadCheckpoint(where);
    if (checkpoint.config.task !== CHAR_LM_TASK) {
      throw new ConfigError(
        `${who}: expected a char-lm run (its units read characters), got a ${JSON.stringify(checkpoint.config.task ?? null)} run at ${where}. Pass a char-LM run, e.g. \`recurrent train char-lm\` then \`${who} char-lm\`, or apps/demo/public/models/char-lm.`,
      );
    }
    if (checkpoint.note) ctx.err(`note: ${checkpoint.note}`);
    const { text, source } = await traceText(v, ctx.files);
    const model = charLmFromCheckpoint(checkpoint);
    let ranking: UnitRanking;
    try {
      ranking = await rankUnits(model, {
        text,
        states: v.units as UnitStates,
        top: v.top as number,
      });
    } finally {
      model.dispose();
    }
    const hp = model.hyperParameters;
    const n = ranking.chars.length.toLocaleString('en-US');
    // A run's checkpoint knows its step; an export (`recurrent export`) writes trainedSteps.
    const trained = checkpoint.state?.step ?? checkpoint.config.trainedSteps;
    const steps =
      typeof trained === 'number' ? `, trained ${trained.toLocaleString('en-US')} steps` : '';
    ctx.out(
      `lab units | backend ${tf.getBackend()} | ${where}: ${hp.cell}, ${hp.layers} x ${hp.units} units${steps} | text: ${source}, ${n} characters | ranking ${ranking.units.length} units (${v.units === 'both' ? 'h and c' : v.units})`,
    );
    if (ranking.unseen.length > 0) {
      ctx.err(
        `note: ${ranking.unseen.length} characters of the text are not in the model's vocabulary and were read as <unk>: ${ranking.unseen
          .slice(0, 10)
          .map((c) => JSON.stringify(c))
          .join(' ')}`,
      );
    }
    ctx.out('');
    ctx.out(`top units per feature: Pearson r over the ${n} characters, ranked by |r|, sign kept`);
    for (const line of unitsTable(ranking)) ctx.out(line);
    const show = v.show as number;
    const color = v.color === 'always' || (v.color === 'auto' && stdoutIsTty());
    if (show > 0) {
      for (const f of ranking.features) {
        const best = f.top[0];
        if (!best) continue;
        ctx.out('');
        ctx.out(
          `${f.label}: ${rankedLabel(best)}${color ? ' (blue < 0 < red)' : ' (under each line: 0 at its lowest, 9 at its highest value on this text)'}`,
        );
        const values = unitValues(ranking, best.unit);
        for (const line of unitTextLines(ranking.chars, values, { color, limit: show }))
          ctx.out(line);
      }
    }
    if (typeof v.out === 'string') {
      const json = {
        run: where,
        task: CHAR_LM_TASK,
        hyperParameters: { ...hp },
        ...(typeof trained === 'number' ? { trainedSteps: trained } : {}),
        backend: tf.getBackend(),
        source,
        text: ranking.chars.join(''),
        states: v.units,
        ...correlationsJson(ranking),
      };
      const paths = await writeLabFiles(v.out, {
        'units.json': `${JSON.stringify(json, null, 1)}\n`,
      });
      ctx.out('');
      ctx.out(`wrote ${paths.join(', ')}`);
    }
    return 0;
  },
});
