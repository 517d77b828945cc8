import { RecurrentError } from './recurrent-error.js';

/** A tensor or array has the wrong shape, rank or dtype. */
export class ShapeError extends RecurrentError {
  override name = 'ShapeError';
}
