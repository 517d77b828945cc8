/**
 * The text features `rankUnits` correlates every unit with (Karpathy, Johnson & Fei-Fei,
 * "Visualizing and Understanding Recurrent Networks", 2015, found cells for quotes, line
 * length and brackets). Each is a function of the characters read so far, one value per
 * character; NaN leaves a character out of that feature's correlation. Each lives in its
 * own file with its rules.
 */
import { afterNewline } from './after-newline.js';
import { insideParentheses } from './inside-parentheses.js';
import { insideQuotes } from './inside-quotes.js';
import { isSpace } from './is-space.js';
import { positionInLine } from './position-in-line.js';
import { positionInWord } from './position-in-word.js';
import { vowelOrConsonant } from './vowel-or-consonant.js';

export interface TextFeature {
  /** `insideQuotes`: the key in results and JSON. */
  readonly name: string;
  /** `inside quotes`: what tables and the page show. */
  readonly label: string;
  /** One value per character; NaN where the feature does not apply. */
  readonly of: (chars: readonly string[]) => Float64Array;
}

export const textFeatures: readonly TextFeature[] = Object.freeze([
  { name: 'insideQuotes', label: 'inside quotes', of: insideQuotes },
  { name: 'insideParentheses', label: 'inside parentheses', of: insideParentheses },
  { name: 'positionInLine', label: 'position in line', of: positionInLine },
  { name: 'afterNewline', label: 'right after a newline', of: afterNewline },
  { name: 'positionInWord', label: 'position in word', of: positionInWord },
  { name: 'vowelOrConsonant', label: 'vowel vs consonant', of: vowelOrConsonant },
  { name: 'isSpace', label: 'is a space', of: isSpace },
]);
