/** Loads the char-LM of a run (or checkpoint folder), runs `use` with it, and always frees it. */
import { type CharLm, loadCharLm } from '@recurrent/char-lm';
import { resolveCheckpoint } from './run-location.js';
import { UsageError } from './usage-error.js';

export async function withCharLmRun<T>(
  command: string,
  example: string,
  run: string | undefined,
  runsDir: string,
  use: (model: CharLm, where: string) => Promise<T>,
): Promise<T> {
  if (!run) {
    throw new UsageError(
      `recurrent ${command}: expected a run name or checkpoint folder, e.g. \`${example}\`.`,
    );
  }
  const where = resolveCheckpoint(run, runsDir);
  const model = await loadCharLm(where);
  try {
    return await use(model, where);
  } finally {
    model.dispose();
  }
}
