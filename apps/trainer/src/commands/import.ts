/**
 * `recurrent import <dir> --to runs/<name>`: a PyTorch export (from `recurrent export
 * --format pytorch`, possibly trained by python/'s `recurrent_torch.train`) back into a run
 * folder that sample, eval, predict, export and the demo load. The task's mapping turns the
 * state dict into its own weight names and layouts, every name and shape checked first; the
 * checkpoint is written by @recurrent/train (`<to>/best/`, manifest with fresh checksums),
 * then loaded back and rebuilt once to prove it works.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CheckpointError, ConfigError } from '@recurrent/errors';
import { decodeSafetensors, type JsonValue, loadCheckpoint } from '@recurrent/train';
import { saveCheckpoint } from '@recurrent/train/node';
import type { FlagSpec, FlagValues } from '../flags.js';
import type { Io } from '../io.js';
import { UsageError } from '../usage-error.js';
import {
  PYTORCH_FORMAT,
  PYTORCH_FORMAT_VERSION,
  PYTORCH_WEIGHTS,
  pytorchTask,
} from './export-pytorch.js';

export const importFlags: readonly FlagSpec[] = [
  { name: 'to', type: 'path', help: 'the run folder to create, e.g. runs/char-lm-torch' },
  {
    name: 'force',
    type: 'boolean',
    help: "replace the run's best/ checkpoint when the run already exists (the old one is kept as best.prev)",
  },
];

/** Keys of a PyTorch export's config.json that describe the export, not the run. */
const exportOnlyKeys = ['format', 'version', 'pytorch', 'weights', 'exportedFrom'];

function readExportConfig(dir: string): Record<string, JsonValue> {
  const file = path.join(dir, 'config.json');
  if (!existsSync(file)) {
    throw new ConfigError(
      `recurrent import: ${dir} has no config.json; expected a PyTorch export folder. Make one with \`recurrent export <run> --format pytorch --to ${dir}\` (python/'s recurrent_torch.save writes the same).`,
    );
  }
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new CheckpointError(
      `recurrent import: ${file} is not valid JSON (${(cause as Error).message}). Export again.`,
      { cause },
    );
  }
  const c = config as Record<string, JsonValue> | null;
  if (!c || typeof c !== 'object' || c.format !== PYTORCH_FORMAT) {
    throw new ConfigError(
      `recurrent import: ${file} has format ${JSON.stringify(c?.format ?? null)}, expected "${PYTORCH_FORMAT}". A recurrent checkpoint loads as it is (recurrent eval ${dir}); import only reads \`recurrent export --format pytorch\` folders.`,
    );
  }
  if (c.version !== PYTORCH_FORMAT_VERSION) {
    throw new ConfigError(
      `recurrent import: ${file} is version ${JSON.stringify(c.version ?? null)} of ${PYTORCH_FORMAT}; this recurrent reads version ${PYTORCH_FORMAT_VERSION}. Upgrade recurrent or export again.`,
    );
  }
  return c;
}

function checkTarget(to: string, force: boolean): void {
  if (!existsSync(to)) return;
  if (!statSync(to).isDirectory()) {
    throw new ConfigError(`recurrent import: --to ${to} is a file; expected a run folder.`);
  }
  const entries = readdirSync(to);
  if (entries.length > 0 && !force) {
    throw new ConfigError(
      `recurrent import: --to ${to} already exists (${entries.length} entries: ${entries.slice(0, 4).join(', ')}). Choose a new run folder, or pass --force to replace its best/ checkpoint (kept as best.prev).`,
    );
  }
}

export async function importCommand(
  dir: string | undefined,
  values: FlagValues,
  io: Io,
): Promise<number> {
  if (!dir || !values.to) {
    throw new UsageError(
      'recurrent import: expected an export folder and --to, e.g. `recurrent import exports/char-lm-torch --to runs/char-lm-torch`.',
    );
  }
  const to = String(values.to);
  const config = readExportConfig(dir);
  checkTarget(to, Boolean(values.force));
  const weightsFile = path.join(
    dir,
    typeof config.weights === 'string' ? config.weights : PYTORCH_WEIGHTS,
  );
  if (!existsSync(weightsFile)) {
    throw new CheckpointError(
      `recurrent import: ${weightsFile} is missing; the export has config.json but no weights. Export again, or save the model with recurrent_torch.save(model, config, "${dir}").`,
    );
  }
  const { tensors } = decodeSafetensors(new Uint8Array(readFileSync(weightsFile)), weightsFile);
  const runConfig = Object.fromEntries(
    Object.entries(config).filter(([k]) => !exportOnlyKeys.includes(k)),
  ) as Record<string, JsonValue>;
  runConfig.importedFrom = path.resolve(dir);
  const task = pytorchTask(runConfig, dir);
  const weights = await task.pytorch!.fromPytorch(runConfig, tensors, weightsFile);
  const best = path.join(to, 'best');
  await saveCheckpoint(best, { config: runConfig, weights });
  // Load it as sample/eval/predict will: checksums verified, the model rebuilt from config.json.
  task.fromCheckpoint(await loadCheckpoint(best)).dispose();
  io.out(
    `imported ${path.resolve(dir)} (${task.name}, ${tensors.size} tensors) -> ${path.resolve(best)}; try \`recurrent eval ${to}\``,
  );
  return 0;
}
