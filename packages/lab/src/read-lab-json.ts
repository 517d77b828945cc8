/**
 * Reads a JSON file a lab wrote earlier (Node only, like `writeLabFiles`): `null` when there
 * is none yet, an error naming the file when it is not JSON.
 */
import { DataFormatError } from '@recurrent/errors';

/**
 * @example
 * const recorded = await readLabJson('lab-defaults/runs/today.json'); // null on a first run
 */
export async function readLabJson(file: string): Promise<unknown> {
  const fs = await import('node:fs/promises');
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DataFormatError(
      `${file}: expected the JSON a lab wrote, got text that does not parse (${(error as Error).message}). Delete the file to run that part again.`,
      { cause: error },
    );
  }
}
