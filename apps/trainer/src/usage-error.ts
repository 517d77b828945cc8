/** A command-line mistake (unknown flag, bad value): printed with a hint, exit code 2. */
import { ConfigError } from '@recurrent/errors';

export class UsageError extends ConfigError {
  override name = 'UsageError';
}
