/**
 * What the captioning page shows of one image: the greedy caption, the beam's candidates
 * with their log-probabilities and length-normalised scores (best first), and the decoder
 * word by word. The stepper reveals one step per "Next word": the word chosen there and the
 * top next words with their probabilities. A click on another candidate asks the owner for
 * the decoder after that prefix (`onChoose`), which then continues greedily.
 */
import type { Caption, DecoderStep } from '@recurrent/captioning';
import { h, replaceChildren } from '../lib/dom.js';

export interface CaptionResults {
  readonly captions: HTMLElement;
  readonly stepper: HTMLElement;
  /** The greedy caption and the beam's candidates. */
  showCaptions(greedy: Caption, beams: readonly Caption[], note: string): void;
  /** A new walk of the decoder; `revealed` steps are open (the rest come with Next word). */
  showSteps(steps: readonly DecoderStep[], revealed: number): void;
  /** Called with the words to force when the reader picks another candidate at a step. */
  onChoose(listener: (words: string[]) => void): void;
  clear(text: string): void;
}

const words = (c: Caption) => c.words.join(' ') || '(nothing)';

export function createCaptionResults(): CaptionResults {
  let choose: (words: string[]) => void = () => {};
  let steps: readonly DecoderStep[] = [];
  let revealed = 0;

  const greedyLine = h('p', { className: 'caption-greedy', dataset: { testid: 'greedy-caption' } });
  const beamTable = h('table', { className: 'caption-beams', dataset: { testid: 'beams' } });
  const captionNote = h('p', { className: 'hint', dataset: { testid: 'caption-note' } });
  const captions = h(
    'div',
    {},
    h('h3', {}, 'Greedy (the most likely word at every step)'),
    greedyLine,
    h('h3', {}, 'Beam search (best first)'),
    h('div', { className: 'caption-beams-scroll' }, beamTable),
    captionNote,
  );

  const sentence = h('p', { className: 'caption-sentence', dataset: { testid: 'step-sentence' } });
  const next = h(
    'button',
    { type: 'button', className: 'primary', dataset: { testid: 'next-word' } },
    'Next word',
  );
  const all = h('button', { type: 'button', dataset: { testid: 'all-words' } }, 'All words');
  const restart = h(
    'button',
    { type: 'button', dataset: { testid: 'restart-steps' } },
    'From <bos>',
  );
  const list = h('ol', { className: 'caption-steps', dataset: { testid: 'decoder-steps' } });
  const stepper = h(
    'div',
    {},
    h('div', { className: 'controls-row' }, next, all, restart),
    sentence,
    list,
  );

  function draw(): void {
    const shown = steps.slice(0, revealed);
    replaceChildren(
      sentence,
      h('span', { className: 'caption-token special' }, '<bos>'),
      ...shown.map((s) =>
        h(
          'span',
          {
            className: `caption-token${s.forced ? ' forced' : ''}${s.word === '<eos>' ? ' special' : ''}`,
          },
          s.word,
        ),
      ),
      revealed < steps.length ? h('span', { className: 'caption-token next' }, '…') : null,
    );
    replaceChildren(
      list,
      ...shown.map((s, t) =>
        h(
          'li',
          { dataset: { testid: 'decoder-step', step: String(t), word: s.word } },
          h(
            'span',
            { className: 'step-head' },
            `step ${t + 1}: after “${['<bos>', ...steps.slice(0, t).map((p) => p.word)].slice(-3).join(' ')}” ${s.forced ? 'you chose' : 'the decoder writes'} “${s.word}” (p ${s.prob.toFixed(3)})`,
          ),
          h(
            'span',
            { className: 'step-top' },
            ...s.top.map((w) =>
              h(
                'button',
                {
                  type: 'button',
                  className: `step-word${w.word === s.word ? ' chosen' : ''}`,
                  title: `log p = ${w.logProb.toFixed(4)}: click to make the decoder write “${w.word}” here`,
                  dataset: { testid: 'step-candidate', word: w.word, prob: String(w.prob) },
                  onclick: () => {
                    if (w.word === s.word) return;
                    choose([...steps.slice(0, t).map((p) => p.word), w.word]);
                  },
                },
                h('span', {
                  className: 'step-bar',
                  style: { width: `${Math.max(2, 100 * w.prob)}%` },
                }),
                h('span', { className: 'step-label' }, `${w.word} ${w.prob.toFixed(3)}`),
              ),
            ),
          ),
        ),
      ),
    );
    list.dataset.shown = String(revealed);
    list.dataset.total = String(steps.length);
    next.disabled = revealed >= steps.length;
    all.disabled = revealed >= steps.length;
    restart.disabled = steps.length === 0;
  }
  next.addEventListener('click', () => {
    revealed = Math.min(steps.length, revealed + 1);
    draw();
  });
  all.addEventListener('click', () => {
    revealed = steps.length;
    draw();
  });
  restart.addEventListener('click', () => {
    if (steps.some((s) => s.forced)) choose([]);
    else {
      revealed = 0;
      draw();
    }
  });

  return {
    captions,
    stepper,
    showCaptions(greedy, beams, note) {
      greedyLine.textContent = `${words(greedy)}  (log p ${greedy.logProb.toFixed(3)})`;
      greedyLine.dataset.caption = words(greedy);
      replaceChildren(
        beamTable,
        h(
          'tr',
          {},
          h('th', {}, '#'),
          h('th', {}, 'caption'),
          h('th', { title: 'natural-log probability of the words and <eos>' }, 'log p'),
          h('th', { title: 'what beams are ranked by: log p / length^0.7' }, 'score'),
        ),
        ...beams.map((b, i) =>
          h(
            'tr',
            { dataset: { testid: 'beam', caption: words(b), logProb: String(b.logProb) } },
            h('td', {}, String(i + 1)),
            h('td', {}, words(b), b.finished ? '' : ' (no <eos> yet)'),
            h('td', {}, b.logProb.toFixed(3)),
            h('td', {}, b.score.toFixed(3)),
          ),
        ),
      );
      captionNote.textContent = note;
    },
    showSteps(next, open) {
      steps = next;
      revealed = Math.min(open, steps.length);
      draw();
    },
    onChoose(listener) {
      choose = listener;
    },
    clear(text) {
      greedyLine.textContent = text;
      delete greedyLine.dataset.caption;
      replaceChildren(beamTable);
      captionNote.textContent = '';
      steps = [];
      revealed = 0;
      draw();
    },
  };
}
