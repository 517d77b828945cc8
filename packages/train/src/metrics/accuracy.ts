/**
 * Accuracy: the fraction of examples whose predicted class equals the label
 * (sklearn's `accuracy_score(y_true, y_pred)`). Works for binary and multi-class ids.
 *
 * @example
 * accuracy([0, 1, 2, 3], [0, 2, 1, 3]); // 0.5
 */
import { checkClassIds, checkSameLength } from './check-inputs.js';

export function accuracy(labels: ArrayLike<number>, predictions: ArrayLike<number>): number {
  checkSameLength('accuracy', 'labels', labels, 'predictions', predictions);
  checkClassIds('accuracy', 'labels', labels);
  checkClassIds('accuracy', 'predictions', predictions);
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === predictions[i]) correct++;
  return correct / labels.length;
}
