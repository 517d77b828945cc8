/** The user's files as a task reads them (`TaskFiles`), on Node's filesystem. */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileSource } from '@recurrent/data/node';
import { DataFormatError } from '@recurrent/errors';
import type { TaskFiles } from '@recurrent/task';

export const nodeTaskFiles: TaskFiles = Object.freeze({
  textSource: (file: string) => fileSource(file),
  async readBytes(file: string) {
    try {
      return new Uint8Array(await readFile(file));
    } catch (cause) {
      throw new DataFormatError(
        `cannot read ${JSON.stringify(file)} (resolved to ${path.resolve(file)}): ${(cause as Error).message}. Check the path.`,
        { cause },
      );
    }
  },
  async list(dir: string) {
    try {
      return (await readdir(dir)).sort();
    } catch (cause) {
      throw new DataFormatError(
        `cannot list the folder ${JSON.stringify(dir)} (resolved to ${path.resolve(dir)}): ${(cause as Error).message}. Check the path.`,
        { cause },
      );
    }
  },
  async kind(file: string) {
    try {
      const info = await stat(file);
      return info.isDirectory() ? 'folder' : info.isFile() ? 'file' : null;
    } catch {
      return null;
    }
  },
  join: (...parts: string[]) => path.join(...parts),
});
