/**
 * Char-LM: the `@recurrent/char-lm` model in the worker. The pretrained Moby-Dick model
 * (exported by `recurrent export` into public/models/char-lm/) loads when the page opens;
 * or train a new one from scratch on pasted text (or the book's opening) and watch the loss
 * fall live; sample with temperature / top-k / top-p / a prime, streamed as it is drawn; and
 * look inside: the text coloured by one unit's activation, the gates as heat maps over time.
 */
import { createHiddenStateView } from '../components/hidden-state-view.js';
import { createLossChart } from '../components/loss-chart.js';
import { createModelFacts } from '../components/model-facts.js';
import { createSampleControls } from '../components/sample-controls.js';
import { h } from '../lib/dom.js';
import { mobyDickOpening } from '../lib/moby-dick-opening.js';
import { WorkerRestartedError } from '../lib/worker-client.js';
import type { MountPage } from '../routes.js';
import type { CharLmFacts, CharLmTrainConfig } from '../worker/protocol.js';

export const charLmPageDefaults = Object.freeze({
  pretrained: 'models/char-lm/', // relative to the page: public/models/char-lm in the repo
  units: 64, // enough to memorise a paragraph's common words within a few hundred steps
  seqLength: 32, // characters per window: a few words of context
  batchSize: 16, // lanes per step: a smooth loss curve, still fast on wasm
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
  let samplingId: number | null = null;
  let loading = false;
  let model: CharLmFacts | null = null;
  let resume = true;
  /** Bumped when another model arrives (loaded or newly trained); the trace drawn belongs to one. */
  let modelVersion = 0;
  /** The hidden-state view is traced when it is on screen (a trace costs seconds on a software GPU). */
  let traceVisible = false;
  let traceWanted = false;
  host.dataset.tracing = 'false';
  host.dataset.traced = 'false';

  const facts = createModelFacts();
  facts.show(null, 'Loading the pretrained model…');
  const loadButton = h(
    'button',
    { type: 'button', className: 'primary', dataset: { testid: 'load-pretrained' } },
    'Load pretrained Moby Dick model',
  );
  const loadStatus = h('span', { className: 'status', dataset: { testid: 'load-status' } });

  const text = h(
    'textarea',
    { rows: 6, 'aria-label': 'training text', dataset: { testid: 'training-text' } },
    mobyDickOpening,
  );
  const units = numberField('units', charLmPageDefaults.units, 'units', { min: 4, max: 512 });
  const seqLength = numberField('window (chars)', charLmPageDefaults.seqLength, 'seq-length', {
    min: 4,
    max: 128,
  });
  const batchSize = numberField('batch (lanes)', charLmPageDefaults.batchSize, 'batch-size', {
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
    { type: 'button', title: 'forget the model trained here and start from fresh weights' },
    'New model',
  );
  const trainStatus = h(
    'span',
    { className: 'status', dataset: { testid: 'train-status' } },
    'Train replaces the loaded model with a new one trained on this text.',
  );
  const chart = createLossChart();
  chart.element.hidden = true; // shown from the first training step on
  const sampler = createSampleControls();
  const hidden = createHiddenStateView(mobyDickOpening.slice(0, charLmPageDefaults.traceLength));

  host.append(
    h(
      'section',
      { className: 'intro' },
      h('h1', {}, 'Character language model'),
      h(
        'p',
        {},
        'An LSTM reads text one character at a time and learns to predict the next one (@recurrent/char-lm). Loading, training and sampling run in a Web Worker; this page only draws.',
      ),
    ),
    h(
      'section',
      { className: 'card' },
      h('h2', {}, 'Model'),
      h('div', { className: 'controls-row' }, loadButton, loadStatus),
      facts.element,
    ),
    h(
      'section',
      { className: 'card' },
      h('h2', {}, 'Train from scratch'),
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
        'Each character coloured by one unit after reading it (blue −1, red +1). Some units learn to track spaces, word starts, quotes or line lengths.',
      ),
      hidden.element,
    ),
  );

  /** Enables exactly what the worker can do now. */
  function refresh(): void {
    const ready = client.status.kind === 'ready';
    const training = trainingId !== null;
    loadButton.disabled = !ready || loading || training || samplingId !== null;
    trainButton.disabled = !ready || loading || training;
    stopButton.disabled = !training;
    resetButton.disabled = training;
    const canUse = ready && model !== null && !loading;
    sampler.setEnabled(
      canUse && samplingId === null,
      model ? (samplingId !== null ? 'sampling…' : '') : 'Load or train a model first.',
    );
    hidden.setEnabled(canUse);
    host.dataset.training = String(training);
    host.dataset.loading = String(loading);
  }

  /** Shows `next`; a model other than the one shown (`isNew`) also gets its hidden state traced. */
  function useModel(next: CharLmFacts, isNew: boolean): void {
    model = next;
    // The worker reports the checkpoint's absolute URL; the page's own path reads better.
    const base = new URL('.', document.baseURI).href;
    const source = next.source.startsWith(base) ? next.source.slice(base.length) : next.source;
    facts.show({ ...next, source });
    hidden.setLayers(next.layers);
    host.dataset.model = next.origin;
    if (!isNew) return;
    modelVersion += 1;
    host.dataset.traced = 'false';
    requestTrace();
  }

  function loadPretrained(): void {
    if (client.status.kind !== 'ready' || loading) return;
    loading = true;
    loadStatus.textContent = 'loading…';
    refresh();
    const url = new URL(charLmPageDefaults.pretrained, document.baseURI).href;
    const started = performance.now();
    client
      .call({ type: 'charLm/load', url })
      .then(
        (reply) => {
          if (disposed) return;
          loading = false;
          useModel(reply.model, true);
          resume = false; // the next Train starts a new model
          loadStatus.textContent = `loaded in ${Math.round(performance.now() - started)} ms`;
          refresh();
        },
        (error: unknown) => {
          if (disposed || error instanceof WorkerRestartedError) return;
          loadStatus.textContent = 'loading failed (see the error above)';
          if (!model) facts.show(null, 'No model: the pretrained model did not load.');
        },
      )
      .finally(() => {
        loading = false;
        if (!disposed) refresh();
      });
  }
  loadButton.addEventListener('click', loadPretrained);

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
      resume: resume && model?.origin === 'trained',
    };
  }

  const off = client.onMessage((message) => {
    if (disposed) return;
    if (message.type === 'charLm/progress' && message.id === trainingId) {
      const p = message.progress;
      if (p.step === 1) chart.reset(); // a new model starts at step 1; a resumed one continues
      chart.element.hidden = false;
      chart.push(p.step, p.loss);
      trainStatus.textContent = `step ${p.step} · loss ${p.loss.toFixed(4)} · ${Math.round(p.tokensPerSecond).toLocaleString('en')} chars/s`;
    } else if (message.type === 'charLm/evaluated' && message.id === trainingId) {
      chart.pushValidation(message.step, message.valLoss);
    } else if (message.type === 'charLm/chunk' && message.id === samplingId) {
      sampler.append(message.text);
    }
  });

  trainButton.addEventListener('click', () => {
    if (client.status.kind !== 'ready') return;
    const cfg = config();
    trainStatus.textContent = cfg.resume ? 'resuming…' : 'starting a new model…';
    const { id, reply: call } = client.send({ type: 'charLm/train', config: cfg });
    trainingId = id;
    refresh();
    call
      .then(
        (reply) => {
          if (disposed) return;
          const s = reply.summary;
          const fresh = model?.origin !== 'trained' || !cfg.resume;
          useModel(s.model, fresh);
          resume = true;
          host.dataset.trainedSteps = String(s.steps);
          host.dataset.firstLoss = String(s.firstLoss);
          host.dataset.lastLoss = String(s.lastLoss);
          trainStatus.textContent = `${s.stopped ? 'stopped' : 'done'} after ${s.steps} steps · loss ${s.firstLoss.toFixed(3)} → ${s.lastLoss.toFixed(3)} · vocabulary ${s.vocabulary.length} chars`;
        },
        (error: unknown) => {
          if (disposed || error instanceof WorkerRestartedError) return;
          trainStatus.textContent = 'training failed (see the error above)';
        },
      )
      .finally(() => {
        if (trainingId === id) trainingId = null;
        if (!disposed) refresh();
      });
  });
  stopButton.addEventListener('click', () => {
    client.call({ type: 'charLm/stop' }).catch(() => {});
  });
  resetButton.addEventListener('click', () => {
    resume = false;
    trainStatus.textContent = 'The next training starts from fresh weights.';
  });

  sampler.onSample((options) => {
    const { id, reply } = client.send({ type: 'charLm/sample', options });
    samplingId = id;
    sampler.begin(options.prime);
    refresh();
    reply
      .then(
        ({ result }) => {
          if (disposed) return;
          sampler.showText(result.prime, result.text);
          if (result.dropped.length > 0) {
            sampler.note(
              `Dropped from the prime (the model never saw them): ${result.dropped.map((c) => JSON.stringify(c)).join(' ')}`,
            );
          }
        },
        () => {},
      )
      .finally(() => {
        if (samplingId === id) samplingId = null;
        if (!disposed) refresh();
      });
  });

  function showTrace(): void {
    if (!model || loading) return;
    traceWanted = false;
    const version = modelVersion;
    hidden.setEnabled(false);
    host.dataset.tracing = 'true';
    client
      .call({ type: 'charLm/trace', text: hidden.text, layer: hidden.layer })
      .then(
        (reply) => {
          if (disposed || version !== modelVersion) return;
          hidden.show(reply.trace);
          host.dataset.traced = 'true';
        },
        () => {},
      )
      .finally(() => {
        if (disposed) return;
        host.dataset.tracing = 'false';
        refresh();
      });
  }
  hidden.onTrace(showTrace);

  function requestTrace(): void {
    if (traceVisible) showTrace();
    else traceWanted = true;
  }
  const visibility = new IntersectionObserver((entries) => {
    traceVisible = entries.some((e) => e.isIntersecting);
    if (traceVisible && traceWanted) showTrace();
  });
  visibility.observe(hidden.element);

  const offStatus = client.onStatus((s) => {
    if (s.kind === 'starting') {
      // A new worker (another backend) has no model: start over.
      model = null;
      resume = false;
      trainingId = null;
      samplingId = null;
      loading = false;
      facts.show(null, 'Starting the worker…');
      hidden.clear('Load or train a model, then press “Show hidden state”.');
      traceWanted = false;
      host.dataset.traced = 'false';
    }
    refresh();
    if (s.kind === 'ready' && !model && !loading) loadPretrained();
  });

  return () => {
    disposed = true;
    visibility.disconnect();
    off();
    offStatus();
    if (trainingId !== null) client.call({ type: 'charLm/stop' }).catch(() => {});
  };
};
