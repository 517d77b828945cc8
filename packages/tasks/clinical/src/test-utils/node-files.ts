/** `TaskFiles` on Node's filesystem for tests (the trainer has its own). */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileSource } from '@recurrent/data/node';
import type { TaskFiles } from '@recurrent/task';

export const nodeFiles: TaskFiles = Object.freeze({
  textSource: (file: string) => fileSource(file),
  readBytes: async (file: string) => new Uint8Array(await readFile(file)),
  list: async (dir: string) => (await readdir(dir)).sort(),
  async kind(file: string) {
    const info = await stat(file).catch(() => null);
    return info ? (info.isDirectory() ? 'folder' : info.isFile() ? 'file' : null) : null;
  },
  join: (...parts: string[]) => path.join(...parts),
});

/** The package's fixture folder. */
export const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
