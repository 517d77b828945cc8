/**
 * Char-LM: the `@recurrent/char-lm` model in the worker, driven through the generic task
 * protocol (`taskClient(client, 'char-lm')`). The pretrained Moby-Dick model loads when the
 * page opens; sample it (prime, temperature, top-k / top-p, streamed as drawn); train a new
 * one on chapters of the book (or pasted text) and watch the loss, a sample every 50 steps
 * and an overfitting notice; look inside with the hidden-state view and the units panel (which
 * units track quotes, parentheses, line position: `rankUnits` of @recurrent/lab). A trained model is kept
 * in IndexedDB: a reload offers it back, a backend switch brings it back. Settings live in
 * the URL (`#/char-lm?units=128&prime=Call+me`).
 */
import { charLmFactRows } from '../components/char-lm-fact-rows.js';
import { createHiddenStateView } from '../components/hidden-state-view.js';
import { createModelFacts } from '../components/model-facts.js';
import { createProgressLine } from '../components/progress-line.js';
import { createSampleControls } from '../components/sample-controls.js';
import { createSavedModelBanner } from '../components/saved-model-banner.js';
import { createTrainControls } from '../components/train-controls.js';
import { createTrainingText } from '../components/training-text.js';
import { createUnitsPanel } from '../components/units-panel.js';
import { h } from '../lib/dom.js';
import { mobyDickOpening } from '../lib/moby-dick-opening.js';
import { pageSettings, writePageSettings } from '../lib/page-settings.js';
import { taskClient } from '../lib/task-client.js';
import { WorkerRestartedError } from '../lib/worker-client.js';
import type { MountPage } from '../routes.js';
import type { CharLmProbes } from '../worker/char-lm-worker-module.js';
import type { ModelFacts, TaskInfo } from '../worker/protocol.js';
import { charactersOf, charLmPageDefaults, charLmTrainFields } from './char-lm-defaults.js';
import { createCharLmRestorer } from './char-lm-restore.js';
import { bindCharLmSettings } from './char-lm-settings.js';
import { createTraceRunner } from './char-lm-trace.js';
import { startCharLmTraining } from './char-lm-training.js';
import { createUnitsRunner } from './char-lm-units.js';

export { charLmPageDefaults, charLmTrainFields };

export const mount: MountPage = (host, { client }) => {
  const charLm = taskClient<CharLmProbes>(client, charLmPageDefaults.task);
  const settings = pageSettings();
  const s = {
    disposed: false,
    info: null as TaskInfo | null,
    training: null as Promise<unknown> | null,
    sampling: null as Promise<unknown> | null,
    loading: false,
    model: null as ModelFacts | null,
    resume: true,
    /** A trained model was on screen when the worker restarted: bring it back from IndexedDB. */
    restoreAfterRestart: false,
    textLoaded: false,
    /** The default text has arrived (or the reader typed one): Train waits for it. */
    textReady: false,
  };
  host.dataset.tracing = 'false';
  host.dataset.traced = 'false';
  host.dataset.ranking = 'false';
  host.dataset.ranked = 'false';

  const facts = createModelFacts(charLmFactRows);
  facts.show(null, 'Loading the pretrained model…');
  const loadButton = h('button', { type: 'button', dataset: { testid: 'load-pretrained' } }, '');
  const loadStatus = h('span', { className: 'status', dataset: { testid: 'load-status' } });
  const loadBar = createProgressLine('load-progress');
  const banner = createSavedModelBanner();
  const text = createTrainingText();
  const trainer = createTrainControls({
    fields: charLmTrainFields,
    validationMetric: 'valLoss',
    unit: 'chars/s',
    hint: 'Train replaces the model above with a new one trained on this text.',
  });
  text.onChange(() => {
    s.textReady = true;
    refresh();
  });
  const sampler = createSampleControls();
  sampler.prime = settings.get('prime') ?? sampler.prime;
  sampler.onPrimeChange(() => writePageSettings({ prime: sampler.prime }));
  const hidden = createHiddenStateView(mobyDickOpening.slice(0, charLmPageDefaults.traceLength));
  const unitsPanel = createUnitsPanel();
  const card = (title: string, ...body: (Node | string)[]) =>
    h('section', { className: 'card' }, h('h2', {}, title), ...body);

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
    banner.element,
    card(
      'Model',
      h('div', { className: 'controls-row' }, loadButton, loadStatus),
      loadBar.element,
      facts.element,
    ),
    card('Sample', sampler.element),
    card('Train from scratch', text.element, trainer.element),
    card(
      'Hidden-state view',
      h(
        'p',
        { className: 'hint' },
        'Each character coloured by one unit after reading it (blue −1, red +1). Some units learn to track spaces, word starts, quotes or line lengths.',
      ),
      hidden.element,
    ),
    card(
      'Units that track features',
      h(
        'p',
        { className: 'hint' },
        'The model reads a text; every unit (h, and tanh(c) for an LSTM) is correlated with simple features of it, character by character, and the best ones are listed with Pearson’s r (Karpathy, Johnson & Fei-Fei 2015); ',
        h('code', {}, 'recurrent lab units'),
        ' prints the same ranking. Click a unit to colour the text by it.',
      ),
      unitsPanel.element,
    ),
  );

  /** Enables exactly what the worker can do now. */
  function refresh(): void {
    const ready = client.status.kind === 'ready';
    const busy = s.loading || s.training !== null || s.sampling !== null;
    loadButton.disabled = !ready || busy;
    const pretrainedShown = s.model?.origin === 'pretrained';
    loadButton.className = pretrainedShown ? '' : 'primary'; // a call to action only when it is one
    loadButton.textContent = pretrainedShown
      ? 'Reload the pretrained model'
      : 'Load pretrained Moby Dick model';
    trainer.setState({
      canTrain: ready && !s.loading && s.textReady,
      training: s.training !== null,
    });
    const canUse = ready && s.model !== null && !s.loading;
    sampler.setEnabled(
      canUse && s.sampling === null,
      s.model ? (s.sampling !== null ? 'sampling…' : '') : 'Load or train a model first.',
    );
    hidden.setEnabled(canUse);
    unitsPanel.setEnabled(canUse && host.dataset.ranking !== 'true');
    host.dataset.training = String(s.training !== null);
    host.dataset.loading = String(s.loading);
  }

  /** The fields from the task's specs: the preset's values, the page's steps, the URL's. */
  function describe(): void {
    if (s.info) return;
    charLm.describe().then(
      (described) => {
        if (s.disposed || s.info) return;
        s.info = described;
        const preset = described.presets[charLmPageDefaults.preset];
        trainer.showFields(described, { ...preset, steps: charLmPageDefaults.steps });
        bindCharLmSettings(trainer, host);
        refresh();
      },
      () => {}, // asked again when a restarted worker is ready; the layout shows errors
    );
  }
  const trace = createTraceRunner({
    host,
    charLm,
    hidden,
    canTrace: () => s.model !== null && !s.loading && !s.disposed,
    refresh,
  });
  const units = createUnitsRunner({
    host,
    charLm,
    panel: unitsPanel,
    canRank: () => s.model !== null && !s.loading && !s.disposed,
    refresh,
  });

  /** Shows `next`; a model other than the one shown (`isNew`) also gets its hidden state traced. */
  function useModel(next: ModelFacts, isNew: boolean): void {
    s.model = next;
    sampler.setCharacters(charactersOf(next));
    // The worker reports the checkpoint's absolute URL; the page's own path reads better.
    const base = new URL('.', document.baseURI).href;
    const source = next.source.startsWith(base) ? next.source.slice(base.length) : next.source;
    facts.show({ ...next, source });
    hidden.setLayers(Number(next.hyperParameters.layers ?? 1));
    host.dataset.model = next.origin;
    if (isNew) {
      trace.newModel();
      units.newModel();
    }
  }

  function loadPretrained(): void {
    if (client.status.kind !== 'ready' || s.loading) return;
    s.loading = true;
    loadStatus.textContent = '';
    loadBar.busy('Loading the pretrained model (1.4 MB, checksums verified)…');
    refresh();
    const started = performance.now();
    charLm
      .load(new URL(charLmPageDefaults.pretrained, document.baseURI).href)
      .then(
        (loaded) => {
          if (s.disposed) return;
          s.loading = false;
          useModel(loaded, true);
          s.resume = false; // the next Train starts a new model
          loadStatus.textContent = `loaded in ${Math.round(performance.now() - started)} ms`;
        },
        () => {
          if (s.disposed) return;
          loadStatus.textContent = 'loading failed (see the error above)';
          if (!s.model) facts.show(null, 'No model: the pretrained model did not load.');
        },
      )
      .finally(() => {
        s.loading = false;
        loadBar.hide();
        if (!s.disposed) refresh();
      });
  }
  loadButton.addEventListener('click', loadPretrained);

  const restorer = createCharLmRestorer({
    host,
    charLm,
    s,
    banner,
    bar: loadBar,
    status: loadStatus,
    text,
    trainer,
    useModel,
    refresh,
  });

  trainer.onTrain(() =>
    startCharLmTraining({ host, charLm, client, s, trainer, text, useModel, refresh }),
  );
  trainer.onStop(() => {
    charLm.stop().catch(() => {});
  });
  trainer.onReset(() => {
    s.resume = false;
    trainer.setStatus('The next training starts from fresh weights.');
  });

  sampler.onSample((options) => {
    const call = charLm.generate({ ...options }, (chunk) => {
      if (!s.disposed && s.sampling === call) sampler.append(chunk);
    });
    s.sampling = call;
    sampler.begin(options.prime, options.length);
    refresh();
    call
      .then(
        (result) => {
          if (!s.disposed) sampler.showText(result.prefix, result.prefix + result.text);
        },
        () => {
          if (!s.disposed) sampler.note('Sampling stopped: the worker restarted or failed.');
        },
      )
      .finally(() => {
        if (s.sampling === call) s.sampling = null;
        if (!s.disposed) refresh();
      });
  });

  // A backend switch waits for a running training to stop, which saves its model to IndexedDB.
  const offRestart = client.beforeRestart(async () => {
    s.restoreAfterRestart = s.model?.origin === 'trained' || s.training !== null;
    if (s.training) {
      await charLm.stop();
      await s.training.catch(() => {});
    }
  });

  const offStatus = client.onStatus((st) => {
    if (st.kind === 'starting') {
      // A new worker (another backend) has no model: clear everything that showed the old one.
      s.model = null;
      s.training = null;
      s.sampling = null;
      s.loading = false;
      facts.show(null, 'Starting the worker…');
      trainer.clear(
        s.restoreAfterRestart
          ? 'The worker restarted on another backend: bringing back your trained model…'
          : 'Train replaces the model above with a new one trained on this text.',
      );
      sampler.reset();
      trace.clear('Load or train a model, then press “Show hidden state”.');
      units.clear('Load or train a model, then press “Find units”.');
      delete host.dataset.trainedSteps;
      delete host.dataset.modelSteps;
      delete host.dataset.model;
    }
    refresh();
    if (st.kind !== 'ready') return;
    describe();
    loadDefaultText();
    if (s.model || s.loading) return;
    if (s.restoreAfterRestart) {
      s.restoreAfterRestart = false;
      void restorer.restore();
      return;
    }
    loadPretrained();
    restorer.offer();
  });

  /** The default training text: chapters of Moby Dick, read in the worker. */
  function loadDefaultText(): void {
    if (s.textLoaded) return;
    s.textLoaded = true;
    client.call({ type: 'corpus', name: 'moby-dick', ...charLmPageDefaults.chapters }).then(
      ({ corpus }) => {
        const n = corpus.text.length.toLocaleString('en');
        s.textReady = true;
        refresh();
        text.setDefault(
          corpus.text,
          `Moby Dick by Herman Melville, ${corpus.headings.map((t) => t.replace(/\.$/, '')).join('; ')}: ${n} characters (@recurrent/data's embedded corpus). Paste your own text to train on it instead.`,
        );
      },
      (error: unknown) => {
        s.textLoaded = false; // asked again when the (restarted) worker is ready
        if (s.disposed || error instanceof WorkerRestartedError) return;
        // The error panel shows the worker's error; the field says what to do instead.
        text.setDefault(
          '',
          'Moby Dick could not be read in the worker (see the error above): paste a text to train on.',
        );
      },
    );
  }

  return () => {
    s.disposed = true;
    trace.disconnect();
    units.disconnect();
    offStatus();
    offRestart();
    if (s.training !== null) charLm.stop().catch(() => {});
  };
};
