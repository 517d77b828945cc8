/**
 * One sentence as the sentiment model read it: its label and P(positive), every word coloured
 * by P(positive) after reading up to it (red negative, white undecided, blue positive), and
 * a line chart of P(positive) over the words. The previous reading of the sentence, when it
 * was different (a word flipped), stays in the chart as a dashed grey line, so the change of
 * the trajectory is visible at a glance.
 */
import { colorOf, textColorOn } from '../lib/colors.js';
import { h, replaceChildren, svg } from '../lib/dom.js';

/** One prediction as the page draws it: the words and P(positive) after each of them. */
export interface SentenceReading {
  readonly label: string;
  /** P(positive) of the whole sentence (equal to the last step's). */
  readonly positive: number;
  readonly tokens: readonly string[];
  /** P(positive) after each token: `steps[t]` read tokens 0..t. */
  readonly steps: readonly number[];
  /** Tokens the model never saw in training (read as <unk>). */
  readonly unknown: readonly string[];
}

export interface SentimentTrajectory {
  readonly element: HTMLElement;
  /** Draws `reading`; the previous one (if its words differ) stays as the dashed line. */
  show(reading: SentenceReading): void;
  /** Clears the drawing (no sentence, or no model), with a line saying why. */
  clear(text: string): void;
}

const chart = Object.freeze({
  stepWidth: 40, // px per word: room for a rotated word under its point
  left: 36, // the P axis labels
  right: 12,
  top: 10,
  plotHeight: 120,
  bottom: 56, // rotated word labels
});

/** Diverging colour of a probability: 0 -> red (negative), 0.5 -> white, 1 -> blue (positive). */
const signed = (p: number) => 2 * p - 1;
const colour = (p: number) => colorOf(-signed(p), 'diverging');
const ink = (p: number) => textColorOn(signed(p), 'diverging');

function lineChart(reading: SentenceReading, previous: SentenceReading | null): SVGSVGElement {
  const n = reading.steps.length;
  const width = chart.left + chart.right + chart.stepWidth * Math.max(n, 2);
  const height = chart.top + chart.plotHeight + chart.bottom;
  const x = (t: number) => chart.left + chart.stepWidth * (t + 0.5);
  const y = (p: number) => chart.top + chart.plotHeight * (1 - p);
  const path = (steps: readonly number[]) =>
    steps.map((p, t) => `${t === 0 ? 'M' : 'L'}${x(t).toFixed(1)},${y(p).toFixed(1)}`).join(' ');
  const gridLines = [0, 0.5, 1].map((p) =>
    svg(
      'g',
      {},
      svg('line', {
        x1: chart.left,
        x2: width - chart.right,
        y1: y(p),
        y2: y(p),
        className: p === 0.5 ? 'trajectory-mid' : 'trajectory-grid',
      }),
      svg('text', { x: chart.left - 6, y: y(p) + 4, className: 'trajectory-axis' }, p.toFixed(1)),
    ),
  );
  const before =
    previous && previous.tokens.join(' ') !== reading.tokens.join(' ')
      ? svg('path', {
          d: path(previous.steps),
          className: 'trajectory-previous',
          dataset: { testid: 'trajectory-previous' },
        })
      : null;
  return svg(
    'svg',
    {
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      className: 'trajectory-chart',
      role: 'img',
      'aria-label': `P(positive) after each word: ${reading.tokens.map((w, t) => `${w} ${reading.steps[t]!.toFixed(2)}`).join(', ')}`,
      dataset: { testid: 'trajectory-chart', points: String(n) },
    },
    ...gridLines,
    before,
    svg('path', { d: path(reading.steps), className: 'trajectory-line' }),
    ...reading.steps.map((p, t) =>
      svg(
        'circle',
        { cx: x(t), cy: y(p), r: 4, fill: colour(p), className: 'trajectory-point' },
        svg('title', {}, `${reading.tokens[t]}: P(positive) ${p.toFixed(3)}`),
      ),
    ),
    ...reading.tokens.map((word, t) =>
      svg(
        'text',
        {
          x: x(t),
          y: chart.top + chart.plotHeight + 14,
          transform: `rotate(-40 ${x(t)} ${chart.top + chart.plotHeight + 14})`,
          className: 'trajectory-word',
        },
        word,
      ),
    ),
  );
}

export function createSentimentTrajectory(): SentimentTrajectory {
  const verdict = h('p', {
    className: 'sentence-verdict',
    dataset: { testid: 'sentence-verdict' },
  });
  const words = h('p', { className: 'sentence-words', dataset: { testid: 'sentence-words' } });
  const plot = h('div', { className: 'trajectory-scroll' });
  const cue = h('p', { className: 'scroll-cue' });
  const element = h('div', { className: 'sentiment-trajectory' }, verdict, words, plot, cue);
  /** Says so when the chart is wider than its box (a phone, a long sentence). */
  const checkOverflow = () =>
    requestAnimationFrame(() => {
      const hidden = plot.scrollWidth > plot.clientWidth + 1;
      cue.textContent = hidden ? 'Scroll the chart sideways → to see every word.' : '';
    });
  let previous: SentenceReading | null = null;
  return {
    element,
    show(reading) {
      const sure = reading.label === 'positive' ? reading.positive : 1 - reading.positive;
      element.dataset.label = reading.label;
      element.dataset.positive = String(reading.positive);
      element.dataset.trajectory = reading.steps.join(',');
      verdict.className = `sentence-verdict verdict-${reading.label}`;
      verdict.textContent = `${reading.label} (${(100 * sure).toFixed(1)} % sure) · P(positive) ${reading.positive.toFixed(3)}${reading.unknown.length > 0 ? ` · never seen in training: ${reading.unknown.join(', ')}` : ''}`;
      replaceChildren(
        words,
        ...reading.tokens.map((word, t) => {
          const p = reading.steps[t]!;
          return h(
            'span',
            {
              className: 'sentence-word',
              title: `P(positive) after “${word}”: ${p.toFixed(3)}`,
              style: { background: colour(p), color: ink(p) },
              dataset: { p: String(p) },
            },
            word,
          );
        }),
      );
      replaceChildren(plot, lineChart(reading, previous));
      checkOverflow();
      previous = reading;
    },
    clear(text) {
      delete element.dataset.label;
      delete element.dataset.positive;
      delete element.dataset.trajectory;
      verdict.className = 'sentence-verdict';
      verdict.textContent = text;
      words.replaceChildren();
      plot.replaceChildren();
      cue.textContent = '';
    },
  };
}
