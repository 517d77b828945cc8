/**
 * Cell lab: the lecture's equation `h_t = tanh(h_{t-1} W + x_t U + b)` as a live widget.
 * A word is the input sequence (one-hot over its own letters); the worker runs a simple RNN
 * or an LSTM from @recurrent/cells over it, and the page draws the input strip, the circuit
 * vs the unrolled graph, h_t for every t, and for the LSTM its gates i, f, o and c_t over
 * time. Sliders scale W and U and set the biases; every change recomputes at once.
 */
import { cellEquation as equation } from '../components/cell-equation.js';
import { createFieldMessage } from '../components/field-message.js';
import { createHeatMap, transpose, visibleChar } from '../components/heat-map.js';
import { createRnnDiagram } from '../components/rnn-diagram.js';
import { createSequenceStrip } from '../components/sequence-strip.js';
import { createSlider } from '../components/slider.js';
import { h, replaceChildren } from '../lib/dom.js';
import { WorkerRestartedError } from '../lib/worker-client.js';
import type { MountPage } from '../routes.js';
import type { CellLabParams, CellLabTrace } from '../worker/protocol.js';

export const cellLabDefaults = Object.freeze({
  kind: 'rnn' as CellLabParams['kind'],
  word: 'hello', // five steps, a repeated letter: watch the two l's give different h_t
  units: 4, // the lecture's picture has a handful of units
  wScale: 1, // the seeded orthogonal W as initialised
  uScale: 1.5, // inputs strong enough to move tanh visibly
  bias: 0, // no offset: h_t is odd in x and h
  forgetBias: 1, // the usual LSTM initialisation: start by remembering
  seed: 7,
  maxLetters: 16, // one heat-map column per letter: 16 stay readable on a phone
});

export const mount: MountPage = (host, { client }) => {
  const { maxLetters: _, ...initial } = cellLabDefaults;
  const params: { -readonly [K in keyof CellLabParams]: CellLabParams[K] } = { ...initial };
  let disposed = false;

  const kindButtons = (['rnn', 'lstm'] as const).map((kind) =>
    h(
      'button',
      {
        type: 'button',
        className: kind === params.kind ? 'seg active' : 'seg',
        dataset: { testid: `kind-${kind}` },
        onclick: () => {
          params.kind = kind;
          for (const b of kindButtons)
            b.classList.toggle('active', b.dataset.testid === `kind-${kind}`);
          forgetSlider.element.hidden = kind !== 'lstm';
          request();
        },
      },
      kind === 'rnn' ? 'Simple RNN' : 'LSTM',
    ),
  );
  const wordInput = h('input', {
    type: 'text',
    value: params.word,
    'aria-label': 'input word',
    dataset: { testid: 'word-input' },
  });
  const wordMessage = createFieldMessage(wordInput, 'word-message');
  wordInput.addEventListener('input', () => {
    const letters = Array.from(wordInput.value);
    if (letters.length === 0) {
      // Nothing to run: say so, and mark what is drawn as the previous word's.
      wordMessage.error(
        'input word: type at least one letter. The maps below still show the last word.',
      );
      host.dataset.stale = 'true';
      return;
    }
    const max = cellLabDefaults.maxLetters;
    if (letters.length > max) {
      wordMessage.note(
        `Using the first ${max} letters ("${letters.slice(0, max).join('')}"): one column per letter stays readable.`,
      );
    } else wordMessage.clear();
    host.dataset.stale = 'false';
    params.word = letters.slice(0, max).join('');
    request();
  });
  const slider = (
    label: string,
    key: 'wScale' | 'uScale' | 'bias' | 'forgetBias',
    min: number,
    max: number,
    testid: string,
  ) =>
    createSlider({
      label,
      min,
      max,
      step: 0.05,
      value: params[key],
      testid,
      onInput: (v) => {
        params[key] = v;
        request();
      },
    });
  const wSlider = slider('W scale (recurrent)', 'wScale', 0, 3, 'w-scale');
  const uSlider = slider('U scale (input)', 'uScale', 0, 3, 'u-scale');
  const bSlider = slider('bias b', 'bias', -2, 2, 'bias');
  const forgetSlider = slider('forget-gate bias', 'forgetBias', -4, 4, 'forget-bias');
  forgetSlider.element.hidden = params.kind !== 'lstm';
  const unitsSlider = createSlider({
    label: 'units',
    min: 1,
    max: 8,
    step: 1,
    value: params.units,
    testid: 'units',
    format: (v) => String(v),
    onInput: (v) => {
      params.units = v;
      request();
    },
  });

  const equationHost = h('div', {});
  const strip = createSequenceStrip();
  const diagram = createRnnDiagram();
  const hMap = createHeatMap({ label: 'h_t for every step t (rows: units)' });
  const weightsHost = h('div', { className: 'weights' });
  const gatesHost = h('div', { className: 'gates', dataset: { testid: 'gates' } });
  const gateMaps = {
    i: createHeatMap({ label: 'input gate i_t (how much of g to write)' }),
    f: createHeatMap({ label: 'forget gate f_t (how much of c_{t−1} to keep)' }),
    o: createHeatMap({ label: 'output gate o_t (how much of tanh(c_t) to show)' }),
    g: createHeatMap({ label: 'candidate g_t = tanh(…)' }),
    c: createHeatMap({ label: 'cell state c_t' }),
  };
  const wMap = createHeatMap({ label: 'W (recurrent, units × units)' });
  const uMap = createHeatMap({ label: 'U (input, letters × units)' });
  const status = h(
    'p',
    { className: 'status', dataset: { testid: 'cell-lab-status' } },
    'Waiting for the worker…',
  );

  host.append(
    h(
      'section',
      { className: 'intro' },
      h('h1', {}, 'Cell lab'),
      h(
        'p',
        {},
        'A recurrent cell reads a sequence one step at a time and carries a state h',
        h('sub', {}, 't'),
        ' forward. Type a word, move the sliders, and watch every h',
        h('sub', {}, 't'),
        ' change. The numbers come from @recurrent/cells running in a Web Worker.',
      ),
    ),
    h(
      'section',
      { className: 'card controls' },
      h(
        'div',
        { className: 'controls-row' },
        h('div', { className: 'segmented' }, ...kindButtons),
        h('label', { className: 'word' }, 'input word ', wordInput),
      ),
      wordMessage.element,
      h(
        'div',
        { className: 'slider-grid' },
        wSlider.element,
        uSlider.element,
        bSlider.element,
        forgetSlider.element,
        unitsSlider.element,
      ),
      equationHost,
    ),
    h('section', { className: 'card' }, h('h2', {}, 'Input sequence x_t'), strip.element),
    h(
      'section',
      { className: 'card' },
      h('h2', {}, 'Circuit vs unrolled graph'),
      h('div', { className: 'diagram-scroll' }, diagram.element),
    ),
    h(
      'section',
      { className: 'card', dataset: { testid: 'h-map' } },
      h('h2', {}, 'Hidden state h_t'),
      hMap.element,
      status,
    ),
    gatesHost,
    weightsHost,
  );

  function draw(trace: CellLabTrace): void {
    const cols = trace.tokens.map(visibleChar);
    const unitLabels = trace.h[0]!.map((_, u) => `unit ${u + 1}`);
    replaceChildren(equationHost, equation(trace.kind, params));
    strip.update(trace.tokens, trace.alphabet, trace.inputs);
    diagram.update(trace.kind, trace.tokens, trace.h);
    hMap.update({
      values: transpose(trace.h),
      rowLabels: unitLabels,
      colLabels: cols,
      scale: 'diverging',
      showValues: true,
    });
    hMap.element.dataset.steps = String(trace.h.length);
    status.textContent = `${trace.h.length} steps × ${unitLabels.length} units · h_T = [${trace.h[trace.h.length - 1]!.map((v) => v.toFixed(3)).join(', ')}]`;
    if (trace.kind === 'lstm' && trace.gates && trace.c) {
      const range = Math.max(1, ...trace.c.flat().map(Math.abs));
      const maps = { ...trace.gates, c: trace.c };
      for (const key of ['i', 'f', 'o', 'g', 'c'] as const) {
        const gate = key === 'i' || key === 'f' || key === 'o';
        gateMaps[key].update({
          values: transpose(maps[key]),
          rowLabels: unitLabels,
          colLabels: cols,
          scale: gate ? 'sequential' : 'diverging',
          ...(key === 'c' ? { range } : {}),
          showValues: true,
        });
      }
      replaceChildren(
        gatesHost,
        h(
          'section',
          { className: 'card' },
          h('h2', {}, 'LSTM gates and cell state over time'),
          h(
            'p',
            { className: 'hint' },
            'Gates are in [0, 1] (white = closed, teal = open). Lower the forget-gate bias to watch c_t forget.',
          ),
          h(
            'div',
            { className: 'map-grid' },
            gateMaps.i.element,
            gateMaps.f.element,
            gateMaps.o.element,
            gateMaps.g.element,
            gateMaps.c.element,
          ),
        ),
      );
      replaceChildren(weightsHost);
    } else {
      replaceChildren(gatesHost);
      const units = trace.W.length;
      wMap.update({
        values: trace.W,
        rowLabels: unitLabels,
        colLabels: trace.W[0]!.map((_, u) => `${u + 1}`),
        scale: 'diverging',
        showValues: true,
      });
      uMap.update({
        values: trace.U,
        rowLabels: trace.alphabet.map((a) => `'${visibleChar(a)}'`),
        colLabels: Array.from({ length: units }, (_, u) => `${u + 1}`),
        scale: 'diverging',
        showValues: true,
      });
      replaceChildren(
        weightsHost,
        h(
          'section',
          { className: 'card' },
          h('h2', {}, 'The weights after scaling'),
          h('div', { className: 'map-grid' }, wMap.element, uMap.element),
        ),
      );
    }
    host.dataset.kind = trace.kind;
  }

  // Latest-wins: one request in flight; changes made meanwhile are sent when it answers.
  let inFlight = false;
  let dirty = false;
  function request(): void {
    if (disposed) return;
    if (inFlight) {
      dirty = true;
      return;
    }
    if (client.status.kind !== 'ready') return;
    inFlight = true;
    dirty = false;
    const sent = { ...params };
    client
      .call({ type: 'cellLab/run', params: sent })
      .then(
        (reply) => {
          if (!disposed) draw(reply.trace);
        },
        (error: unknown) => {
          if (!(error instanceof WorkerRestartedError) && !disposed) {
            status.textContent = 'The worker could not compute this (see the error above).';
          }
        },
      )
      .finally(() => {
        inFlight = false;
        if (dirty) request();
      });
  }

  const off = client.onStatus((s) => {
    if (s.kind === 'failed')
      status.textContent = 'The compute worker failed (see the error above).';
    if (s.kind === 'starting') status.textContent = 'Waiting for the worker…';
    if (s.kind === 'ready') {
      inFlight = false;
      request();
    }
  });
  return () => {
    disposed = true;
    off();
  };
};
