/**
 * Human lines for one prediction: the label and its probability, then the trajectory (the
 * positive probability after each word; for characters, after each word's last character;
 * for more than two classes, the likeliest class after each word).
 */
import type { SentimentPrediction } from './predict-sentiment.js';

const two = (p: number) => p.toFixed(2);

/**
 * @example
 * formatPrediction(p);
 * // ['positive 0.996  "The talk was not so bad after all."',
 * //  '  the 0.41 | talk 0.38 | was 0.40 | not 0.07 | so 0.07 | bad 0.01 | after 0.86 | all 0.99 | . 1.00']
 */
export function formatPrediction(p: SentimentPrediction): string[] {
  const best = p.labels.indexOf(p.label);
  const lines = [`${p.label} ${p.probabilities[best]!.toFixed(3)}  ${JSON.stringify(p.text)}`];
  const binary = p.labels.length === 2;
  const show = (probs: readonly number[]) => {
    if (binary) return two(probs[1]!);
    const k = probs.indexOf(Math.max(...probs));
    return `${p.labels[k]} ${two(probs[k]!)}`;
  };
  const chars = p.trajectory.every((s) => [...s.token].length === 1) && p.text.includes(' ');
  const steps: string[] = [];
  let word = '';
  p.trajectory.forEach((s, i) => {
    if (!chars) {
      steps.push(`${s.token} ${show(s.probabilities)}`);
      return;
    }
    if (s.token !== ' ') word += s.token;
    const end = i === p.trajectory.length - 1 || p.trajectory[i + 1]!.token === ' ';
    if (end && word !== '') {
      steps.push(`${word} ${show(s.probabilities)}`);
      word = '';
    }
  });
  if (steps.length > 0) {
    lines.push(
      `  ${binary ? `P(${p.labels[1]}) after each ${chars ? 'word' : 'token'}: ` : ''}${steps.join(' | ')}`,
    );
  }
  if (p.unknown.length > 0) lines.push(`  unseen (read as <unk>): ${p.unknown.join(' ')}`);
  if (p.truncated > 0) lines.push(`  cut: the last ${p.truncated} tokens are beyond maxLength`);
  return lines;
}
