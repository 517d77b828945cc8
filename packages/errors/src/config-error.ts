import { RecurrentError } from './recurrent-error.js';

/** An option or hyper-parameter is out of range, unknown or inconsistent. */
export class ConfigError extends RecurrentError {
  override name = 'ConfigError';
}
