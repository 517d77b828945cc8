/**
 * Char-LM: train a tiny character-level LSTM in the worker on pasted text (or the opening of
 * Moby-Dick), watch the loss fall live, sample with temperature / top-k / a prime, and look
 * inside: the text coloured by one unit's activation and the gates as heat maps over time.
 *
 * The model is the page's own stand-in (`worker/tiny-char-lm.ts`, built from
 * @recurrent/cells); the pretrained checkpoint and the task package's model arrive with
 * @recurrent/char-lm (marked below as not yet available).
 */
import { createHeatMap, transpose, visibleChar } from '../components/heat-map.js';
import { createLossChart } from '../components/loss-chart.js';
import { createSampleControls } from '../components/sample-controls.js';
import { createTextActivation } from '../components/text-activation.js';
import { h, replaceChildren } from '../lib/dom.js';
import { mobyDickOpening } from '../lib/moby-dick-opening.js';
import { WorkerRestartedError } from '../lib/worker-client.js';
import type { MountPage } from '../routes.js';
import type { CharLmTrace, CharLmTrainConfig } from '../worker/protocol.js';

export const charLmPageDefaults = Object.freeze({
  units: 64, // enough to memorise a paragraph's common words within a few hundred steps
  seqLength: 32, // characters per window: a few words of context
  batchSize: 16, // windows per step: a smooth loss curve, still fast on wasm
  learningRate: 0.01, // Adam; tiny models tolerate a high rate
  steps: 300, // about a minute on wasm; Stop ends earlier
  seed: 42,
  traceLength: 160, // characters shown in the hidden-state view
});

function numberField(
  label: string,
  value: number,
  testid: string,
  attrs: Record<string, unknown> = {},
) {
  const input = h('input', {
    type: 'number',
    value,
    'aria-label': label,
    dataset: { testid },
    ...attrs,
  });
  return { input, element: h('label', {}, h('span', {}, label), input) };
}

export const mount: MountPage = (host, { client }) => {
  let disposed = false;
  let trainingId: number | null = null;
  let hasModel = false;
  let lastTrace: CharLmTrace | undefined;

  const text = h(
    'textarea',
    { rows: 6, 'aria-label': 'training text', dataset: { testid: 'training-text' } },
    mobyDickOpening,
  );
  const units = numberField('units', charLmPageDefaults.units, 'units', { min: 4, max: 256 });
  const seqLength = numberField('window (chars)', charLmPageDefaults.seqLength, 'seq-length', {
    min: 4,
    max: 128,
  });
  const batchSize = numberField('batch', charLmPageDefaults.batchSize, 'batch-size', {
    min: 1,
    max: 128,
  });
  const learningRate = numberField(
    'learning rate',
    charLmPageDefaults.learningRate,
    'learning-rate',
    { min: 0.0001, max: 1, step: 0.001 },
  );
  const steps = numberField('steps', charLmPageDefaults.steps, 'steps', { min: 1, max: 100000 });
  const trainButton = h(
    'button',
    { type: 'button', className: 'primary', dataset: { testid: 'train-button' } },
    'Train',
  );
  const stopButton = h(
    'button',
    { type: 'button', disabled: true, dataset: { testid: 'stop-button' } },
    'Stop',
  );
  const resetButton = h(
    'button',
    { type: 'button', title: 'forget the model and start from fresh weights' },
    'New model',
  );
  const trainStatus = h(
    'span',
    { className: 'status', dataset: { testid: 'train-status' } },
    'Not trained yet.',
  );
  const chart = createLossChart();
  const sampler = createSampleControls();
  sampler.setEnabled(false, 'Train a few steps first.');
  const activation = createTextActivation();
  const traceInput = h(
    'textarea',
    { rows: 3, 'aria-label': 'text to trace', dataset: { testid: 'trace-text' } },
    mobyDickOpening.slice(0, charLmPageDefaults.traceLength),
  );
  const traceButton = h(
    'button',
    { type: 'button', disabled: true, dataset: { testid: 'trace-button' } },
    'Show hidden state',
  );
  const unitMap = createHeatMap({ cellWidth: 15, cellHeight: 18 });
  const gateMaps = {
    i: createHeatMap({ label: 'input gate i_t', cellWidth: 8, cellHeight: 5 }),
    f: createHeatMap({ label: 'forget gate f_t', cellWidth: 8, cellHeight: 5 }),
    o: createHeatMap({ label: 'output gate o_t', cellWidth: 8, cellHeight: 5 }),
  };
  const unitHost = h('div', { dataset: { testid: 'unit-gates' } }, unitMap.element);
  const gatesHost = h('div', { className: 'gate-stack', dataset: { testid: 'gate-maps' } });
  const unitTitle = h('h3', {});
  const hiddenHost = h(
    'div',
    { className: 'hidden-view', dataset: { testid: 'hidden-view' } },
    h('p', { className: 'hint' }, 'Train, then press “Show hidden state”.'),
  );
  let resume = true;

  host.append(
    h(
      'section',
      { className: 'intro' },
      h('h1', {}, 'Character language model'),
      h(
        'p',
        {},
        'An LSTM reads text one character at a time and learns to predict the next one. Training runs in a Web Worker; this page only draws.',
      ),
      h(
        'div',
        { className: 'notice', dataset: { testid: 'char-lm-notice' } },
        h('b', {}, 'Not yet available: '),
        'the pretrained Moby-Dick model and the task package’s model arrive with @recurrent/char-lm. Until then this page trains a tiny one-layer LSTM built directly from @recurrent/cells, from scratch, on the text below.',
      ),
    ),
    h(
      'section',
      { className: 'card' },
      h('h2', {}, 'Train'),
      text,
      h(
        'div',
        { className: 'form-grid' },
        units.element,
        seqLength.element,
        batchSize.element,
        learningRate.element,
        steps.element,
      ),
      h('div', { className: 'controls-row' }, trainButton, stopButton, resetButton, trainStatus),
      chart.element,
    ),
    h('section', { className: 'card' }, h('h2', {}, 'Sample'), sampler.element),
    h(
      'section',
      { className: 'card' },
      h('h2', {}, 'Hidden-state view'),
      h(
        'p',
        { className: 'hint' },
        'Each character coloured by one unit after reading it (blue −1, red +1). Some units learn to track spaces, word starts or vowels.',
      ),
      traceInput,
      h('div', { className: 'controls-row' }, traceButton),
      hiddenHost,
    ),
  );

  function setTraining(on: boolean): void {
    trainButton.disabled = on;
    stopButton.disabled = !on;
    resetButton.disabled = on;
    host.dataset.training = String(on);
  }

  function config(): CharLmTrainConfig {
    const num = (el: HTMLInputElement, fallback: number) => {
      const v = Number(el.value);
      return Number.isFinite(v) && v > 0 ? v : fallback;
    };
    return {
      text: text.value,
      units: Math.round(num(units.input, charLmPageDefaults.units)),
      seqLength: Math.round(num(seqLength.input, charLmPageDefaults.seqLength)),
      batchSize: Math.round(num(batchSize.input, charLmPageDefaults.batchSize)),
      learningRate: num(learningRate.input, charLmPageDefaults.learningRate),
      steps: Math.round(num(steps.input, charLmPageDefaults.steps)),
      seed: charLmPageDefaults.seed,
      resume,
    };
  }

  const off = client.onMessage((message) => {
    if (message.type === 'charLm/progress' && message.id === trainingId && !disposed) {
      const p = message.progress;
      chart.push(p.step, p.loss);
      trainStatus.textContent = `step ${p.step} · loss ${p.loss.toFixed(4)} · ${Math.round(p.tokensPerSecond).toLocaleString('en')} chars/s`;
    }
  });

  trainButton.addEventListener('click', () => {
    if (client.status.kind !== 'ready') return;
    const cfg = config();
    if (!resume) chart.reset();
    setTraining(true);
    trainStatus.textContent = 'starting…';
    const { id, reply: call } = client.send({ type: 'charLm/train', config: cfg });
    trainingId = id;
    call
      .then(
        (reply) => {
          if (disposed) return;
          const s = reply.summary;
          hasModel = true;
          resume = true;
          host.dataset.trainedSteps = String(s.steps);
          host.dataset.firstLoss = String(s.firstLoss);
          host.dataset.lastLoss = String(s.lastLoss);
          trainStatus.textContent = `${s.stopped ? 'stopped' : 'done'} after ${s.steps} steps · loss ${s.firstLoss.toFixed(3)} → ${s.lastLoss.toFixed(3)} · vocabulary ${s.vocabulary.length} chars`;
          sampler.setEnabled(true);
          traceButton.disabled = false;
          if (!lastTrace) showTrace();
        },
        (error: unknown) => {
          if (disposed || error instanceof WorkerRestartedError) return;
          trainStatus.textContent = 'training failed (see the error above)';
        },
      )
      .finally(() => {
        if (trainingId === id) trainingId = null;
        if (!disposed) setTraining(false);
      });
  });
  stopButton.addEventListener('click', () => {
    client.call({ type: 'charLm/stop' }).catch(() => {});
  });
  resetButton.addEventListener('click', () => {
    resume = false;
    chart.reset();
    trainStatus.textContent = 'The next training starts from fresh weights.';
  });

  sampler.onSample((options) => {
    sampler.setEnabled(false, 'sampling…');
    client
      .call({ type: 'charLm/sample', options })
      .then(
        (reply) => {
          if (!disposed) sampler.showText(options.prime, reply.text);
        },
        () => {},
      )
      .finally(() => {
        if (!disposed) sampler.setEnabled(hasModel);
      });
  });

  function drawTrace(trace: CharLmTrace): void {
    lastTrace = trace;
    activation.update(trace);
    const unit = activation.unit;
    const cols = trace.chars.map(visibleChar);
    const rows = trace.h[0]!.map((_, u) => `${u}`);
    const column = (m: number[][]) => m.map((step) => step[unit]!);
    unitTitle.textContent = `Unit ${unit} over time: its state and its gates`;
    unitMap.update({
      values: [
        column(trace.h),
        column(trace.c).map(Math.tanh),
        column(trace.gates.i),
        column(trace.gates.f),
        column(trace.gates.o),
      ],
      rowLabels: ['h_t', 'tanh(c_t)', 'input i_t', 'forget f_t', 'output o_t'],
      colLabels: cols,
      scale: 'sequential',
      rowScales: ['diverging', 'diverging', 'sequential', 'sequential', 'sequential'],
    });
    for (const key of ['i', 'f', 'o'] as const) {
      gateMaps[key].update({
        values: transpose(trace.gates[key]),
        rowLabels: rows,
        colLabels: cols,
        scale: 'sequential',
        highlightRow: unit,
      });
    }
    if (!hiddenHost.contains(activation.element)) {
      replaceChildren(
        hiddenHost,
        activation.element,
        unitTitle,
        unitHost,
        h(
          'details',
          { className: 'all-units' },
          h('summary', {}, 'All units: gates over time (rows: units, the chosen one outlined)'),
          gatesHost,
        ),
      );
      replaceChildren(gatesHost, gateMaps.i.element, gateMaps.f.element, gateMaps.o.element);
    }
    hiddenHost.dataset.chars = String(trace.chars.length);
    hiddenHost.dataset.unit = String(unit);
  }
  activation.onChange(() => {
    if (lastTrace) drawTrace(lastTrace);
  });

  function showTrace(): void {
    traceButton.disabled = true;
    client
      .call({ type: 'charLm/trace', text: traceInput.value })
      .then(
        (reply) => {
          if (!disposed) drawTrace(reply.trace);
        },
        () => {},
      )
      .finally(() => {
        if (!disposed) traceButton.disabled = !hasModel;
      });
  }
  traceButton.addEventListener('click', showTrace);

  const offStatus = client.onStatus((s) => {
    // A new worker (another backend) has no model: start over.
    if (s.kind === 'starting') {
      hasModel = false;
      resume = false;
      trainingId = null;
      setTraining(false);
      sampler.setEnabled(false, 'Train a few steps first.');
      traceButton.disabled = true;
    }
    trainButton.disabled = s.kind !== 'ready';
  });

  return () => {
    disposed = true;
    off();
    offStatus();
    if (trainingId !== null) client.call({ type: 'charLm/stop' }).catch(() => {});
  };
};
