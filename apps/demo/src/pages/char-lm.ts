/**
 * Char-LM: the `@recurrent/char-lm` model in the worker, driven through the generic task
 * protocol (`taskClient(client, 'char-lm')`). The pretrained Moby-Dick model (exported by
 * `recurrent export` into public/models/char-lm/) loads when the page opens; or train a new
 * one from scratch on pasted text (or the book's opening) and watch the loss fall live;
 * sample with temperature / top-k / top-p / a prime, streamed as it is drawn; and look
 * inside: the text coloured by one unit's activation, the gates as heat maps over time.
 */
import { ConfigError } from '@recurrent/errors';
import { charLmFactRows } from '../components/char-lm-fact-rows.js';
import { createHiddenStateView } from '../components/hidden-state-view.js';
import { createModelFacts } from '../components/model-facts.js';
import type { OptionField } from '../components/option-fields.js';
import { createSampleControls } from '../components/sample-controls.js';
import { createTrainControls } from '../components/train-controls.js';
import { h } from '../lib/dom.js';
import { mobyDickOpening } from '../lib/moby-dick-opening.js';
import { taskClient } from '../lib/task-client.js';
import { whenVisible } from '../lib/when-visible.js';
import { WorkerRestartedError } from '../lib/worker-client.js';
import type { MountPage } from '../routes.js';
import type { CharLmProbes } from '../worker/char-lm-worker-module.js';
import type { ModelFacts, TaskInfo, TaskTrainConfig } from '../worker/protocol.js';

export const charLmPageDefaults = Object.freeze({
  task: 'char-lm', // the name in the worker's task registry
  pretrained: 'models/char-lm/', // relative to the page: public/models/char-lm in the repo
  preset: 'tiny', // units 64, window 32, batch 16, learning rate 0.01: seconds per hundred steps
  steps: 300, // about a minute on wasm; Stop ends earlier
  evalEvery: 50, // a validation loss every 50 steps (the held-out tail is tiny: cheap)
  traceLength: 160, // characters shown in the hidden-state view
});

/** The hyper-parameters a reader may change here; the rest come from the preset. */
export const charLmTrainFields: readonly (string | OptionField)[] = Object.freeze([
  'units',
  { key: 'timeSteps', label: 'window (chars)' },
  { key: 'batchSize', label: 'batch (lanes)' },
  'learningRate',
  'steps',
]);

/** The characters a char-LM knows (its facts list them, without the special tokens). */
const charactersOf = (facts: ModelFacts | null) =>
  new Set((facts?.details.characters as string[] | undefined) ?? []);

export const mount: MountPage = (host, { client, reportError }) => {
  const charLm = taskClient<CharLmProbes>(client, charLmPageDefaults.task);
  let disposed = false;
  let info: TaskInfo | null = null;
  let training: Promise<unknown> | null = null;
  let sampling: Promise<unknown> | null = null;
  let loading = false;
  let model: ModelFacts | null = null;
  let resume = true;
  /** Bumped when another model arrives (loaded or newly trained); the trace drawn belongs to one. */
  let modelVersion = 0;
  host.dataset.tracing = 'false';
  host.dataset.traced = 'false';

  const facts = createModelFacts(charLmFactRows);
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
  const trainer = createTrainControls({
    fields: charLmTrainFields,
    validationMetric: 'valLoss',
    unit: 'chars/s',
    hint: 'Train replaces the loaded model with a new one trained on this text.',
  });
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
    h('section', { className: 'card' }, h('h2', {}, 'Train from scratch'), text, trainer.element),
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
    loadButton.disabled = !ready || loading || training !== null || sampling !== null;
    trainer.setState({ canTrain: ready && !loading, training: training !== null });
    const canUse = ready && model !== null && !loading;
    sampler.setEnabled(
      canUse && sampling === null,
      model ? (sampling !== null ? 'sampling…' : '') : 'Load or train a model first.',
    );
    hidden.setEnabled(canUse);
    host.dataset.training = String(training !== null);
    host.dataset.loading = String(loading);
  }

  /** The training fields from the task's specs: the preset's values and the page's steps. */
  function describe(): void {
    if (info) return;
    charLm.describe().then(
      (described) => {
        if (disposed || info) return;
        info = described;
        const preset = info.presets[charLmPageDefaults.preset];
        trainer.showFields(info, { ...preset, steps: charLmPageDefaults.steps });
        refresh();
      },
      () => {}, // asked again when a restarted worker is ready; the layout shows errors
    );
  }

  /** Shows `next`; a model other than the one shown (`isNew`) also gets its hidden state traced. */
  function useModel(next: ModelFacts, isNew: boolean): void {
    model = next;
    sampler.setCharacters(charactersOf(next));
    // The worker reports the checkpoint's absolute URL; the page's own path reads better.
    const base = new URL('.', document.baseURI).href;
    const source = next.source.startsWith(base) ? next.source.slice(base.length) : next.source;
    facts.show({ ...next, source });
    hidden.setLayers(Number(next.hyperParameters.layers ?? 1));
    host.dataset.model = next.origin;
    if (!isNew) return;
    modelVersion += 1;
    host.dataset.traced = 'false';
    traceOnSight.request(); // a trace costs seconds on a software GPU: only when on screen
  }

  function loadPretrained(): void {
    if (client.status.kind !== 'ready' || loading) return;
    loading = true;
    loadStatus.textContent = 'loading…';
    refresh();
    const started = performance.now();
    charLm
      .load(new URL(charLmPageDefaults.pretrained, document.baseURI).href)
      .then(
        (loaded) => {
          if (disposed) return;
          loading = false;
          useModel(loaded, true);
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

  trainer.onTrain(() => {
    const values = trainer.values();
    if (client.status.kind !== 'ready' || !values) return;
    if (text.value.trim().length === 0) {
      reportError(
        new ConfigError('char-lm.train: expected a text to train on, got none. Paste a text.'),
      );
      return;
    }
    const { steps, ...hyperParameters } = values;
    const config: TaskTrainConfig = {
      data: { text: text.value },
      preset: charLmPageDefaults.preset,
      hyperParameters,
      steps: Number(steps),
      evalEvery: charLmPageDefaults.evalEvery,
      resume: resume && model?.origin === 'trained',
    };
    trainer.setStatus(config.resume ? 'resuming…' : 'starting a new model…');
    const call = charLm.train(config, (event) => {
      if (!disposed && training === call) trainer.progress(event);
    });
    training = call;
    refresh();
    call
      .then(
        (s) => {
          if (disposed) return;
          useModel(s.model, model?.origin !== 'trained' || !config.resume);
          resume = true;
          host.dataset.trainedSteps = String(s.steps);
          host.dataset.firstLoss = String(s.firstLoss);
          host.dataset.lastLoss = String(s.lastLoss);
          const chars = charactersOf(s.model).size;
          trainer.setStatus(
            `${s.stopped ? 'stopped' : 'done'} after ${s.steps} steps · loss ${s.firstLoss.toFixed(3)} → ${s.lastLoss.toFixed(3)} · vocabulary ${chars} chars`,
          );
        },
        (error: unknown) => {
          if (disposed || error instanceof WorkerRestartedError) return;
          trainer.setStatus('training failed (see the error above)');
        },
      )
      .finally(() => {
        if (training === call) training = null;
        if (!disposed) refresh();
      });
  });
  trainer.onStop(() => {
    charLm.stop().catch(() => {});
  });
  trainer.onReset(() => {
    resume = false;
    trainer.setStatus('The next training starts from fresh weights.');
  });

  sampler.onSample((options) => {
    const call = charLm.generate({ ...options }, (chunk) => {
      if (!disposed && sampling === call) sampler.append(chunk);
    });
    sampling = call;
    sampler.begin(options.prime);
    refresh();
    call
      .then(
        (result) => {
          if (!disposed) sampler.showText(result.prefix, result.prefix + result.text);
        },
        () => {},
      )
      .finally(() => {
        if (sampling === call) sampling = null;
        if (!disposed) refresh();
      });
  });

  function showTrace(): void {
    if (!model || loading) return;
    traceOnSight.cancel();
    const version = modelVersion;
    hidden.setEnabled(false);
    host.dataset.tracing = 'true';
    charLm
      .probe('trace', { text: hidden.text, layer: hidden.layer })
      .then(
        (trace) => {
          if (disposed || version !== modelVersion) return;
          hidden.show(trace);
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
  const traceOnSight = whenVisible(hidden.element, showTrace);

  const offStatus = client.onStatus((s) => {
    if (s.kind === 'starting') {
      // A new worker (another backend) has no model: start over.
      model = null;
      resume = false;
      training = null;
      sampling = null;
      loading = false;
      facts.show(null, 'Starting the worker…');
      hidden.clear('Load or train a model, then press “Show hidden state”.');
      traceOnSight.cancel();
      host.dataset.traced = 'false';
    }
    refresh();
    if (s.kind !== 'ready') return;
    describe();
    if (!model && !loading) loadPretrained();
  });

  return () => {
    disposed = true;
    traceOnSight.disconnect();
    offStatus();
    if (training !== null) charLm.stop().catch(() => {});
  };
};
