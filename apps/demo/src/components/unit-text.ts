/**
 * A text with every character's background set by one unit's value after reading it (blue
 * negative, white 0, red positive; Karpathy, Johnson & Fei-Fei 2015). Words stay whole on a
 * line: non-space runs are grouped in a no-wrap span; a line break shows as ↵ and breaks.
 */
import { colorOf, textColorOn } from '../lib/colors.js';
import { h } from '../lib/dom.js';

/**
 * @example
 * replaceChildren(host, ...unitTextNodes([...'Hi'], [0.2, -0.9], (ch, t, v) => `${ch} ${v}`));
 */
export function unitTextNodes(
  chars: readonly string[],
  values: readonly number[],
  titleOf: (ch: string, t: number, value: number) => string,
): Node[] {
  const parts: Node[] = [];
  let word: HTMLElement | undefined;
  chars.forEach((ch, t) => {
    const value = values[t]!;
    const span = h(
      'span',
      {
        className: 'ch',
        title: titleOf(ch, t, value),
        style: {
          background: colorOf(value, 'diverging'),
          color: textColorOn(value, 'diverging'),
        },
      },
      ch === '\n' ? '↵' : ch,
    );
    if (/\s/.test(ch)) {
      word = undefined;
      parts.push(span);
      if (ch === '\n') parts.push(h('br'));
    } else {
      if (!word) {
        word = h('span', { className: 'word' });
        parts.push(word);
      }
      word.append(span);
    }
  });
  return parts;
}
