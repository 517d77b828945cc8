/**
 * `recurrent lab units` end to end on small checkpoints written to a temporary folder
 * (seconds): the run is resolved like `recurrent sample` resolves one, the table prints the
 * JSON's numbers, the plain rendering puts one digit under every character, and a run of
 * another task is refused.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '@recurrent/backends';
import {
  type CellType,
  charLmConfig,
  createCharLm,
  resolveHyperParameters,
} from '@recurrent/char-lm';
import { Vocabulary } from '@recurrent/data';
import type { TaskCommandContext, TaskFiles } from '@recurrent/task';
import { encodeCheckpoint, type JsonValue } from '@recurrent/train';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textFeatures } from './text-features.js';
import { unitsLabCommand } from './units-lab-command.js';
import { unitsTraceText } from './units-trace-text.js';

let folder = '';

/** The parts of TaskFiles the command uses, on Node's filesystem. */
const files: TaskFiles = {
  textSource: () => {
    throw new Error('not used');
  },
  readBytes: async (file) => new Uint8Array(await readFile(file)),
  list: async (dir) => (await readdir(dir)).sort(),
  kind: async (file) => {
    try {
      const s = await stat(file);
      return s.isDirectory() ? 'folder' : 'file';
    } catch {
      return null;
    }
  },
  join: (...parts) => join(...parts),
};

async function writeCheckpoint(dir: string, cell: CellType, extra: Record<string, JsonValue> = {}) {
  const vocabulary = Vocabulary.build([[...unitsTraceText.text]]);
  const model = createCharLm({
    vocabulary,
    hyperParameters: resolveHyperParameters('tiny', { cell, units: 8, embeddingDim: 4 }),
  });
  const config: Record<string, JsonValue> = { ...charLmConfig(model), ...extra };
  const encoded = await encodeCheckpoint({ config, weights: model.variables });
  model.dispose();
  await mkdir(dir, { recursive: true });
  for (const [name, bytes] of encoded) await writeFile(join(dir, name), bytes);
}

async function runCommand(positionals: string[], values: Record<string, string | number> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: TaskCommandContext = {
    positionals,
    values: { backend: 'wasm', runsDir: join(folder, 'runs'), color: 'never', ...values },
    files,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  };
  const code = await unitsLabCommand.run(ctx);
  return { code, out, err };
}

beforeAll(async () => {
  await selectBackend('wasm');
  folder = await mkdtemp(join(tmpdir(), 'lab-units-'));
  await writeCheckpoint(join(folder, 'runs', 'tiny-lstm', 'best'), 'lstm');
  await writeCheckpoint(join(folder, 'gru'), 'gru', { trainedSteps: 1400 }); // as an export writes it
  await writeCheckpoint(join(folder, 'other'), 'lstm', { task: 'sentiment' });
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('recurrent lab units', () => {
  it('ranks h and c of a run by name: a table, the text drawn per feature, every r in units.json', async () => {
    const out = join(folder, 'out');
    const { code, out: lines } = await runCommand(['tiny-lstm'], { out });
    expect(code).toBe(0);
    expect(lines[0]).toMatch(
      /^lab units \| backend wasm \| .*tiny-lstm\/best: lstm, 1 x 8 units \| text: Herman Melville, Moby-Dick \(1851\), chapter 48, .*, 1,352 characters \| ranking 16 units \(h and c\)$/,
    );
    const json = JSON.parse(await readFile(join(out, 'units.json'), 'utf8'));
    expect(json.units).toHaveLength(16);
    expect(json.text).toBe(unitsTraceText.text);
    expect(json.features.map((f: { name: string }) => f.name)).toEqual(
      textFeatures.map((f) => f.name),
    );
    for (const f of json.features) {
      expect(f.r).toHaveLength(16);
      expect(f.top).toHaveLength(3);
      // The table row holds the JSON's top units.
      const row = lines.find((l) => l.startsWith(`${f.label}  `))!;
      for (const u of f.top)
        expect(row).toContain(`${u.name} ${u.r >= 0 ? '+' : '-'}${Math.abs(u.r).toFixed(2)}`);
      expect(f.r[json.units.indexOf(f.top[0].name)]).toBe(f.top[0].r);
    }
    // The plain rendering: under each printed line, one digit per character.
    const title = lines.findIndex((l) => l.startsWith('inside quotes: '));
    const textLine = lines[title + 1]!;
    const digitLine = lines[title + 2]!;
    expect(textLine.startsWith('In obedience to a sign from Ahab')).toBe(true);
    expect(digitLine).toMatch(/^[0-9]+$/);
    expect([...digitLine]).toHaveLength([...textLine].length);
    expect(lines.at(-1)).toBe(`wrote ${join(out, 'units.json')}`);
  });

  it('takes a checkpoint folder and a text file; --units h, --top, --show 0 draw no text', async () => {
    const textFile = join(folder, 'text.txt');
    await writeFile(textFile, 'Stubb said, "Pull (pull!) boys."\nAye.\n');
    const { code, out, err } = await runCommand([join(folder, 'gru')], {
      text: textFile,
      units: 'h',
      top: 2,
      show: 0,
    });
    expect(code).toBe(0);
    expect(out[0]).toContain(
      `gru: gru, 1 x 8 units, trained 1,400 steps | text: ${textFile}, 38 characters | ranking 8 units (h)`,
    );
    expect(out.filter((l) => /^[0-9]+$/.test(l))).toEqual([]);
    const quotes = out.find((l) => l.startsWith('inside quotes  '))!;
    expect(quotes.match(/h\d+ [+-]\d\.\d\d/g)).toHaveLength(2);
    expect(err).toEqual([]);
  });

  it('colours the text with ANSI backgrounds when asked', async () => {
    const { out } = await runCommand(['tiny-lstm'], { color: 'always', show: 40 });
    const title = out.findIndex((l) => l.startsWith('inside quotes: '));
    expect(out[title]).toContain('(blue < 0 < red)');
    const esc = String.fromCharCode(27);
    expect(out[title + 1]).toMatch(new RegExp(`^${esc}\\[(30|97);48;2;\\d+;\\d+;\\d+mI`));
    expect(out[title + 1]!.endsWith(`${esc}[0m`)).toBe(true);
  });

  it('refuses a run of another task, and says where it looked for a missing one', async () => {
    await expect(runCommand([join(folder, 'other')])).rejects.toThrow(
      /recurrent lab units: expected a char-lm run \(its units read characters\), got a "sentiment" run at .*other\. Pass a char-LM run/,
    );
    await expect(runCommand(['nothing-here'])).rejects.toThrow(
      /recurrent lab units: no checkpoint found for "nothing-here": looked in nothing-here\/best, .*runs\/nothing-here\/latest.prev\. Train one with `recurrent train char-lm --name nothing-here`/,
    );
    await expect(runCommand([])).rejects.toThrow(/expected a char-LM run or checkpoint folder/);
    await expect(runCommand([join(folder, 'gru')], { units: 'c' })).rejects.toThrow(
      /this gru model has none \(only an LSTM has c\)/,
    );
  });
});
