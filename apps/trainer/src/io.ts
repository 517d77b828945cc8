/** Where commands write: the real terminal in the binary, buffers in tests. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** True when stdout is a terminal (live progress lines instead of log lines). */
  readonly isTty: boolean;
}

export const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  isTty: Boolean(process.stdout.isTTY),
};
