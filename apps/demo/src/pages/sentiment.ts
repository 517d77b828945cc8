/**
 * Sentiment: `sentimentTask` of @recurrent/sentiment in the worker, driven through the
 * generic task protocol (`taskClient(client, 'sentiment')`). The pretrained model
 * (public/models/sentiment) loads when the page opens and reads the lecture's two sentences:
 * every word coloured by P(positive) after reading up to it, and the line of P(positive)
 * over the words. Edit a sentence (flip "bad" to "good") and the new trajectory is drawn over
 * the old one. Train a new model in the worker on the embedded UCI sentences and the order
 * probe, with the live loss curve and validation accuracy.
 */
import { createModelFacts } from '../components/model-facts.js';
import { createProgressLine } from '../components/progress-line.js';
import { createSentenceProbe } from '../components/sentence-probe.js';
import { sentimentFactRows } from '../components/sentiment-fact-rows.js';
import type { SentenceReading } from '../components/sentiment-trajectory.js';
import { createTrainControls } from '../components/train-controls.js';
import { h } from '../lib/dom.js';
import { taskClient } from '../lib/task-client.js';
import { WorkerError } from '../lib/worker-client.js';
import type { MountPage } from '../routes.js';
import type { ModelFacts, TaskInfo } from '../worker/protocol.js';
import {
  lectureSentences,
  sentimentPageDefaults,
  sentimentTrainFields,
} from './sentiment-defaults.js';
import { startSentimentTraining } from './sentiment-training.js';

interface PredictionJson {
  readonly label: string;
  readonly labels: readonly string[];
  readonly probabilities: readonly number[];
  readonly trajectory: readonly { token: string; probabilities: readonly number[] }[];
  readonly unknown: readonly string[];
}

/** What the trajectory view draws, from one prediction of the task's `predict` verb. */
function readingOf(p: PredictionJson): SentenceReading {
  const positive = p.labels.indexOf('positive');
  const at = positive >= 0 ? positive : p.labels.length - 1;
  return {
    label: p.label,
    positive: p.probabilities[at]!,
    tokens: p.trajectory.map((step) => step.token),
    steps: p.trajectory.map((step) => step.probabilities[at]!),
    unknown: p.unknown,
  };
}

export const mount: MountPage = (host, { client }) => {
  const sentiment = taskClient(client, sentimentPageDefaults.task);
  const s = {
    disposed: false,
    info: null as TaskInfo | null,
    training: null as Promise<unknown> | null,
    loading: false,
    model: null as ModelFacts | null,
    resume: true,
  };
  const facts = createModelFacts(sentimentFactRows);
  facts.show(null, 'Loading the pretrained model…');
  const loadButton = h('button', { type: 'button', dataset: { testid: 'load-pretrained' } }, '');
  const loadStatus = h('span', { className: 'status', dataset: { testid: 'load-status' } });
  const loadBar = createProgressLine('load-progress');
  const probes = lectureSentences.map((l, i) => createSentenceProbe(l.text, i));
  const trainer = createTrainControls({
    fields: sentimentTrainFields,
    validationMetric: 'accuracy',
    validationDirection: 'higher',
    unit: 'words/s',
    hint: 'Train replaces the model above with a new one trained on the embedded sentences.',
    chartLabel:
      'training loss (nats / sentence) in blue, validation accuracy (298 held-out UCI sentences) in orange',
  });
  const card = (title: string, ...body: (Node | string)[]) =>
    h('section', { className: 'card' }, h('h2', {}, title), ...body);

  host.append(
    h(
      'section',
      { className: 'intro' },
      h('h1', {}, 'Sentiment, word by word'),
      h(
        'p',
        {},
        'A bidirectional LSTM reads a sentence and says how positive it is after every word (@recurrent/sentiment). Word order matters: “not so bad after all” turns around where a bag of words would not. Everything runs in a Web Worker; this page only draws.',
      ),
    ),
    card(
      'Read a sentence',
      h(
        'p',
        { className: 'hint' },
        'Each word is coloured by P(positive) after reading up to it: red negative, white undecided, blue positive. Change a word (“bad” → “good”, “boring” → “great”): the old trajectory stays as a dashed grey line.',
      ),
      ...probes.map((p) => p.element),
    ),
    card(
      'Model',
      h('div', { className: 'controls-row' }, loadButton, loadStatus),
      loadBar.element,
      facts.element,
    ),
    card(
      'Train from scratch',
      h(
        'p',
        { className: 'hint' },
        'On the embedded data: 2,386 UCI review sentences (Amazon, IMDb, Yelp) and 2,501 generated order-probe sentences. At the end: the held-out test split, a bag-of-words baseline beside it and the probe per construction.',
      ),
      trainer.element,
    ),
  );

  /** Enables exactly what the worker can do now. */
  function refresh(): void {
    const ready = client.status.kind === 'ready';
    loadButton.disabled = !ready || s.loading || s.training !== null;
    const pretrainedShown = s.model?.origin === 'pretrained';
    loadButton.className = pretrainedShown ? '' : 'primary';
    loadButton.textContent = pretrainedShown
      ? 'Reload the pretrained model'
      : 'Load the pretrained model';
    trainer.setState({ canTrain: ready && !s.loading, training: s.training !== null });
    host.dataset.training = String(s.training !== null);
    host.dataset.loading = String(s.loading);
  }

  const versions = probes.map(() => 0);
  const timers = probes.map(() => 0);
  /** Reads sentence `i` with the current model; only the latest request's answer is drawn. */
  function predict(i: number): void {
    const probe = probes[i]!;
    const text = probe.read(); // null: the message under the field says why
    if (text === null) return;
    if (!s.model || s.loading || client.status.kind !== 'ready') {
      probe.clear(s.loading ? 'Loading the model…' : 'Load or train a model first.');
      return;
    }
    if (s.training) {
      probe.clear('Training: the sentence is read again when it ends.');
      return;
    }
    const version = ++versions[i]!;
    host.dataset.predicting = String(Number(host.dataset.predicting ?? 0) + 1);
    sentiment
      .predict([text], {})
      .then(
        (result) => {
          if (s.disposed || version !== versions[i]) return;
          probe.show(readingOf(result.predictions[0] as unknown as PredictionJson));
        },
        (error: unknown) => {
          if (s.disposed || version !== versions[i]) return;
          if (error instanceof WorkerError) probe.error(error.message);
          else probe.clear('The worker restarted: reading again when it is ready.');
        },
      )
      .finally(() => {
        host.dataset.predicting = String(Number(host.dataset.predicting) - 1);
      });
  }
  const predictAll = () => {
    for (let i = 0; i < probes.length; i++) predict(i);
  };
  probes.forEach((probe, i) => {
    probe.onInput(() => {
      clearTimeout(timers[i]);
      timers[i] = window.setTimeout(() => predict(i), sentimentPageDefaults.debounceMs);
    });
  });

  function useModel(next: ModelFacts): void {
    s.model = next;
    // The worker reports the checkpoint's absolute URL; the page's own path reads better.
    const base = new URL('.', document.baseURI).href;
    // A model trained here: the data's first line says enough (its full report is long).
    const source = next.source.startsWith(base)
      ? next.source.slice(base.length)
      : next.origin === 'trained'
        ? `${next.source.split(' | ')[0]!.replace(/^data: /, '')}, trained on this page`
        : next.source;
    facts.show({ ...next, source });
    host.dataset.model = next.origin;
    predictAll();
  }

  function describe(): void {
    if (s.info) return;
    sentiment.describe().then(
      (described) => {
        if (s.disposed || s.info) return;
        s.info = described;
        const preset = described.presets[sentimentPageDefaults.preset] ?? {};
        trainer.showFields(described, { ...preset, steps: sentimentPageDefaults.steps });
        refresh();
      },
      () => {}, // asked again when a restarted worker is ready; the layout shows errors
    );
  }

  function loadPretrained(): void {
    if (client.status.kind !== 'ready' || s.loading) return;
    s.loading = true;
    loadStatus.textContent = '';
    loadBar.busy('Loading the pretrained model (0.8 MB, checksums verified)…');
    refresh();
    const started = performance.now();
    sentiment
      .load(new URL(sentimentPageDefaults.pretrained, document.baseURI).href)
      .then(
        (loaded) => {
          if (s.disposed) return;
          s.loading = false;
          s.resume = false; // the next Train starts a new model
          loadStatus.textContent = `loaded in ${Math.round(performance.now() - started)} ms`;
          useModel(loaded);
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

  trainer.onTrain(() => {
    startSentimentTraining({ host, sentiment, client, s, trainer, useModel, refresh });
    if (s.training)
      for (const p of probes) p.clear('Training: the sentence is read again when it ends.');
  });
  trainer.onStop(() => {
    sentiment.stop().catch(() => {});
  });
  trainer.onReset(() => {
    s.resume = false;
    trainer.setStatus('The next training starts from fresh weights.');
  });

  const offStatus = client.onStatus((st) => {
    if (st.kind === 'starting') {
      // A new worker (another backend) has no model: clear what showed the old one.
      s.model = null;
      s.training = null;
      s.loading = false;
      facts.show(null, 'Starting the worker…');
      trainer.clear(
        'Train replaces the model above with a new one trained on the embedded sentences.',
      );
      for (const p of probes) p.clear('Starting the worker…');
      delete host.dataset.model;
      delete host.dataset.trainedSteps;
    }
    refresh();
    if (st.kind !== 'ready') return;
    describe();
    if (!s.model && !s.loading) loadPretrained();
  });

  return () => {
    s.disposed = true;
    for (const t of timers) clearTimeout(t);
    offStatus();
    if (s.training !== null) sentiment.stop().catch(() => {});
  };
};
