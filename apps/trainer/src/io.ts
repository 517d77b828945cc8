/** Where commands write: the real terminal in the binary, buffers in tests. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** True when stdout is a terminal (live progress lines instead of log lines). */
  readonly isTty: boolean;
  /** Writes without a newline (live progress lines, streamed samples). */
  write?(text: string): void;
  /** True once the reader of stdout has gone (`| head` closed the pipe): stop writing. */
  closed?(): boolean;
}

/** The process's stdout and stderr; after EPIPE on stdout, writes to it are dropped. */
export function createProcessIo(state: { stdoutClosed: boolean }): Io {
  const write = (text: string) => {
    if (!state.stdoutClosed) process.stdout.write(text);
  };
  return {
    out: (line) => write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    isTty: Boolean(process.stdout.isTTY),
    write,
    closed: () => state.stdoutClosed,
  };
}
