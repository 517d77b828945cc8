/**
 * `recurrent export <run> --to <dir>`: writes the run's best checkpoint as a weights-only
 * folder (config.json + weights.safetensors, checksums verified) where the web demo loads it;
 * with `--format pytorch`, as PyTorch state-dict names for python/'s `recurrent_torch`
 * (export-pytorch.ts).
 *
 * It never renames or deletes anything: each file is written to a temporary name beside its
 * final one and renamed over it (config.json, which checks the others, last), and a marker
 * file (.recurrent-export.json) says the folder is an export. A non-empty folder without that
 * marker is refused unless --force (then its other files are kept), and so is a training
 * checkpoint (exporting into runs/<run>/best would replace it with a weights-only copy).
 */
import { readdirSync, statSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { CheckpointError, ConfigError } from '@recurrent/errors';
import { encodeCheckpoint, loadCheckpoint } from '@recurrent/train';
import type { FlagSpec, FlagValues } from '../flags.js';
import type { Io } from '../io.js';
import { resolveCheckpoint } from '../run-location.js';
import { UsageError } from '../usage-error.js';
import { pytorchExportFiles } from './export-pytorch.js';

export const EXPORT_MARKER = '.recurrent-export.json';

export const exportFlags: readonly FlagSpec[] = [
  { name: 'to', type: 'path', help: 'destination folder, e.g. apps/demo/public/models/char-lm' },
  {
    name: 'format',
    type: 'string',
    default: 'recurrent',
    choices: ['recurrent', 'pytorch'],
    help: 'recurrent: what the demo and the CLI load; pytorch: state-dict names for python/recurrent_torch',
  },
  {
    name: 'which',
    type: 'string',
    default: 'best',
    choices: ['best', 'latest'],
    help: 'which checkpoint of the run',
  },
  {
    name: 'force',
    type: 'boolean',
    help: 'write into a non-empty folder that is not an earlier export (its other files are kept)',
  },
  { name: 'runs-dir', type: 'path', default: 'runs', help: 'folder of runs' },
];

function entriesOf(dir: string): string[] | null {
  let info: ReturnType<typeof statSync>;
  try {
    info = statSync(dir);
  } catch {
    return null;
  }
  if (!info.isDirectory()) {
    throw new ConfigError(
      `recurrent export: --to ${dir} is a file; expected a folder (a new one, or an earlier export).`,
    );
  }
  return readdirSync(dir);
}

/** Refuses targets whose files are not ours to replace. */
function checkTarget(target: string, source: string, force: boolean): void {
  if (path.resolve(target) === path.resolve(source)) {
    throw new ConfigError(
      `recurrent export: --to ${target} is the checkpoint being exported. Choose another folder.`,
    );
  }
  const entries = entriesOf(target);
  if (!entries || entries.length === 0) return;
  if (entries.includes('state.json') || entries.includes('optimizer.safetensors')) {
    throw new ConfigError(
      `recurrent export: --to ${target} holds a training checkpoint (it has ${entries.includes('state.json') ? 'state.json' : 'optimizer.safetensors'}); exporting there would replace it with a weights-only copy. Choose another folder.`,
    );
  }
  if (!entries.includes(EXPORT_MARKER) && !force) {
    throw new ConfigError(
      `recurrent export: --to ${target} is not empty (${entries.length} entries) and is not an earlier export (no ${EXPORT_MARKER}). Choose a new or empty folder, or pass --force to write the export's files into it (its other files are kept).`,
    );
  }
}

export async function writeFileAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}`);
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

export async function exportCommand(
  run: string | undefined,
  values: FlagValues,
  io: Io,
): Promise<number> {
  if (!run || !values.to)
    throw new UsageError(
      'recurrent export: expected a run and --to, e.g. `recurrent export char-lm --to apps/demo/public/models/char-lm`.',
    );
  const where = resolveCheckpoint(run, String(values.runsDir), values.which as 'best' | 'latest');
  const target = String(values.to);
  checkTarget(target, where, Boolean(values.force));
  const checkpoint = await loadCheckpoint(where);
  const {
    files: _files,
    formatVersion: _v,
    producer: _p,
    optimizer: _o,
    manifest: _m,
    ...config
  } = checkpoint.config;
  const described = {
    ...config,
    exportedFrom: where,
    trainedSteps: checkpoint.state?.step ?? null,
    // The validation metrics at that step, so the demo can show how good the model is.
    metrics: checkpoint.state?.lastMetrics ?? null,
  };
  const pytorch = values.format === 'pytorch';
  const files = pytorch
    ? await pytorchExportFiles(checkpoint, described, where)
    : await encodeCheckpoint({ config: described, weights: checkpoint.weights });
  const marker = {
    format: pytorch ? 'recurrent.export.pytorch' : 'recurrent.export',
    version: 1,
    exportedFrom: where,
    files: [...files.keys()],
  };
  try {
    await mkdir(target, { recursive: true });
    for (const [name, bytes] of files) await writeFileAtomically(path.join(target, name), bytes);
    await writeFileAtomically(
      path.join(target, EXPORT_MARKER),
      new TextEncoder().encode(`${JSON.stringify(marker, null, 2)}\n`),
    );
  } catch (cause) {
    const e = cause as NodeJS.ErrnoException;
    throw new CheckpointError(
      `recurrent export: cannot write ${target} (${e.code ?? 'error'}: ${e.message}). Check that the path is a folder you can write to.`,
      { cause },
    );
  }
  io.out(
    `exported ${where} (step ${checkpoint.state?.step ?? '?'}, ${checkpoint.weights.size} weights${pytorch ? ', PyTorch names' : ''}) -> ${path.resolve(target)}`,
  );
  return 0;
}
