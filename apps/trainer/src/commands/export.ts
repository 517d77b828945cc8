/**
 * `recurrent export <run> --to <dir>`: writes the run's best checkpoint as a weights-only
 * folder (config.json + weights.safetensors, checksums verified) where the web demo loads it.
 */
import { loadCheckpoint } from '@recurrent/train';
import { saveCheckpoint } from '@recurrent/train/node';
import type { FlagSpec, FlagValues } from '../flags.js';
import type { Io } from '../io.js';
import { resolveCheckpoint } from '../run-location.js';
import { UsageError } from '../usage-error.js';

export const exportFlags: readonly FlagSpec[] = [
  { name: 'to', type: 'string', help: 'destination folder, e.g. apps/demo/public/models/char-lm' },
  {
    name: 'which',
    type: 'string',
    default: 'best',
    choices: ['best', 'latest'],
    help: 'which checkpoint of the run',
  },
  { name: 'runs-dir', type: 'string', default: 'runs', help: 'folder of runs' },
];

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
  const checkpoint = await loadCheckpoint(where);
  const {
    files: _files,
    formatVersion: _v,
    producer: _p,
    optimizer: _o,
    ...config
  } = checkpoint.config;
  const out = await saveCheckpoint(String(values.to), {
    config: {
      ...config,
      exportedFrom: where,
      trainedSteps: checkpoint.state?.step ?? null,
      // The validation metrics at that step, so the demo can show how good the model is.
      metrics: checkpoint.state?.lastMetrics ?? null,
    },
    weights: checkpoint.weights,
  });
  io.out(
    `exported ${where} (step ${checkpoint.state?.step ?? '?'}, ${checkpoint.weights.size} weights) -> ${out}`,
  );
  return 0;
}
