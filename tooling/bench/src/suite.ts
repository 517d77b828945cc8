/** A benchmark suite: `pnpm bench <name> [flags]` runs `run(flags)`. */
export interface Suite {
  readonly name: string;
  /** One line for `--help`. */
  readonly summary: string;
  /** The flags this suite takes, one line each, for `--help`. */
  readonly flags: readonly string[];
  run(flags: readonly string[]): Promise<void>;
  /** Runs one measurement in a child process (see `child.ts`); returns its result. */
  runCase?(spec: unknown): Promise<unknown>;
}
