/** Where commands write: the real terminal in the binary, buffers in tests. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** True when stdout is a terminal (live progress lines instead of log lines). */
  readonly isTty: boolean;
  /** Writes without a newline (live progress lines); absent when output is not a terminal. */
  write?(text: string): void;
}

export const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  isTty: Boolean(process.stdout.isTTY),
  write: (text) => process.stdout.write(text),
};
