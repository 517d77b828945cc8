import { RecurrentError } from './recurrent-error.js';

/** Input data (a file, a corpus, a vocabulary) is not in the expected format. */
export class DataFormatError extends RecurrentError {
  override name = 'DataFormatError';
}
