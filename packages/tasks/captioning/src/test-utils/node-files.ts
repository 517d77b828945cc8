/** `TaskFiles` on Node's filesystem, as the trainer supplies them, for the tests. */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileSource } from '@recurrent/data/node';
import type { TaskFiles } from '@recurrent/task';

export const nodeFiles: TaskFiles = Object.freeze({
  textSource: (file: string) => fileSource(file),
  readBytes: async (file: string) => new Uint8Array(await readFile(file)),
  list: async (dir: string) => (await readdir(dir)).sort(),
  async kind(file: string) {
    const info = await stat(file).catch(() => null);
    return info?.isDirectory() ? 'folder' : info?.isFile() ? 'file' : null;
  },
  join: (...parts: string[]) => path.join(...parts),
});

/** A path inside the package's `fixtures/` folder (written by examples/write-dataset-fixtures.mjs). */
export const fixture = (...parts: string[]) =>
  path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', ...parts);
