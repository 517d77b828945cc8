/** A buffered Io for tests: what a command printed, line by line. */
import type { Io } from './io.js';

export function bufferIo(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, isTty: false, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}
