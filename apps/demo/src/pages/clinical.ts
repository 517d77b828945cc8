/**
 * Clinical: `clinicalTask` of @recurrent/clinical in the worker, through the generic task
 * protocol plus its worker module (`worker/clinical-worker-module.ts`). The pretrained GRU
 * (public/models/clinical) loads when the page opens; the reader picks one of eight generated
 * ICU stays and sees its vitals over 48 hours, the model's risk of in-hospital death after
 * every hour (the task's `predict` verb: what `recurrent predict` prints) and which variables
 * moved that risk at each hour (gradient x input saliency, computed in the worker). Train runs
 * the task's cross-validation on generated stays in the worker.
 */
import './clinical.css';
import { clinicalFactRows } from '../components/clinical-fact-rows.js';
import { createModelFacts } from '../components/model-facts.js';
import { createProgressLine } from '../components/progress-line.js';
import { createRiskChart } from '../components/risk-chart.js';
import { createSaliencyView } from '../components/saliency-view.js';
import { createTrainControls } from '../components/train-controls.js';
import { createVitalsChart } from '../components/vitals-chart.js';
import { h, replaceChildren } from '../lib/dom.js';
import { taskClient } from '../lib/task-client.js';
import { WorkerError } from '../lib/worker-client.js';
import type { MountPage } from '../routes.js';
import type { PageStay } from '../worker/clinical-page-stays.js';
import type { ClinicalProbes } from '../worker/clinical-worker-module.js';
import type { ModelFacts, TaskInfo } from '../worker/protocol.js';
import { clinicalPageDefaults, clinicalTrainFields, icuTypes } from './clinical-defaults.js';
import { startClinicalTraining } from './clinical-training.js';

/** One stay's prediction as the task's `predict` verb returns it. */
interface StayPredictionJson {
  readonly recordId: number;
  readonly hourly: readonly number[];
  readonly finalRisk: number;
  readonly hours: number;
}

const stayLabel = (s: PageStay) =>
  `${s.recordId} · ${Number.isNaN(s.age) ? '?' : Math.round(s.age)} y ${s.gender === 1 ? 'man' : s.gender === 0 ? 'woman' : ''} · ${icuTypes[s.icuType] ?? 'ICU'} · ${s.died ? 'died in hospital' : 'survived'}`;

export const mount: MountPage = (host, { client, reportError }) => {
  const clinical = taskClient<ClinicalProbes>(client, clinicalPageDefaults.task);
  const s = {
    disposed: false,
    info: null as TaskInfo | null,
    training: null as Promise<unknown> | null,
    loading: false,
    model: null as ModelFacts | null,
    resume: true,
    stays: [] as PageStay[],
    hour: 0,
    version: 0,
  };
  const facts = createModelFacts(clinicalFactRows);
  facts.show(null, 'Loading the pretrained model…');
  const loadButton = h('button', { type: 'button', dataset: { testid: 'load-pretrained' } }, '');
  const loadStatus = h('span', { className: 'status', dataset: { testid: 'load-status' } });
  const loadBar = createProgressLine('load-progress');
  const picker = h('select', { dataset: { testid: 'stay-picker' }, 'aria-label': 'ICU stay' });
  const download = h('a', { dataset: { testid: 'stay-download' } }, 'the stay file');
  const stayNote = h('p', { className: 'hint', dataset: { testid: 'stay-note' } });
  const risk = createRiskChart();
  const vitals = createVitalsChart();
  const saliency = createSaliencyView();
  const status = h('p', { className: 'status', dataset: { testid: 'stay-status' } });
  const trainer = createTrainControls({
    fields: clinicalTrainFields,
    validationMetric: 'auroc',
    validationDirection: 'higher',
    unit: 'stays/s',
    hint: 'Train replaces the model above with one trained here on generated stays.',
    chartLabel:
      'training loss (weighted cross-entropy per stay) in blue, validation AUROC of fold 1 in orange',
  });
  const card = (title: string, ...body: (Node | string)[]) =>
    h('section', { className: 'card' }, h('h2', {}, title), ...body);

  host.append(
    h(
      'section',
      { className: 'intro' },
      h('h1', {}, 'ICU stays, hour by hour'),
      h(
        'p',
        {},
        'A GRU reads 48 hours of irregular ICU measurements (the PhysioNet/CinC 2012 format: 37 time series, each with an observed-mask and the time since it was last measured) and gives the risk of in-hospital death after every hour (@recurrent/clinical). Everything runs in a Web Worker; this page only draws.',
      ),
    ),
    card(
      'Pick a stay',
      h('div', { className: 'controls-row' }, picker),
      h(
        'p',
        { className: 'hint' },
        'These stays are generated, not real patients: @recurrent/clinical’s simulator wrote them in the PhysioNet 2012 file format (seed 48, RecordIDs from 300001; the pretrained model was trained on other generated stays, seed 2012), four that ended in death and four survivors. Download ',
        download,
        ' to run `recurrent predict` on it.',
      ),
      stayNote,
    ),
    card('Risk of in-hospital death after each hour', risk.element, status),
    card(
      'What moved the risk',
      h(
        'p',
        { className: 'hint' },
        'Gradient × input of the log-odds of death after each hour, summed per variable over its value, observed flag and time since measured, up to that hour; the reference is the training mean, unmeasured. Red raised the risk, blue lowered it. Click an hour in the risk chart.',
      ),
      saliency.element,
    ),
    card('Vitals over 48 hours (a dot per measurement)', vitals.element),
    card(
      'Model',
      h('div', { className: 'controls-row' }, loadButton, loadStatus),
      loadBar.element,
      facts.element,
    ),
    card(
      'Train in the worker',
      h(
        'p',
        { className: 'hint' },
        `On ${clinicalPageDefaults.stays} generated stays (seed 2012), ${clinicalPageDefaults.folds}-fold stratified cross-validation: fold 1 becomes the page’s model, and a logistic regression on per-variable aggregates is fitted on the same folds beside it. Steps are per fold.`,
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
    picker.disabled = s.stays.length === 0;
    trainer.setState({ canTrain: ready && !s.loading, training: s.training !== null });
    host.dataset.training = String(s.training !== null);
    host.dataset.loading = String(s.loading);
  }

  function selectHour(t: number): void {
    s.hour = t;
    risk.select(t);
    vitals.select(t);
    saliency.select(t);
  }
  risk.onSelect(selectHour);

  let downloadUrl = '';
  /** Reads the picked stay with the current model; only the latest answer is drawn. */
  function explain(): void {
    const stay = s.stays[picker.selectedIndex];
    if (!stay) return;
    URL.revokeObjectURL(downloadUrl);
    downloadUrl = URL.createObjectURL(new Blob([stay.text], { type: 'text/plain' }));
    download.href = downloadUrl;
    download.download = `${stay.recordId}.txt`;
    stayNote.textContent = `${stay.observations} measurements · Outcomes-a.txt line: ${stay.outcome}`;
    if (!s.model || s.loading || client.status.kind !== 'ready') return;
    if (s.training) {
      status.textContent = 'Training: the stay is read again when it ends.';
      return;
    }
    const version = ++s.version;
    host.dataset.explaining = 'true';
    status.textContent = 'reading the stay…';
    const started = performance.now();
    Promise.all([clinical.predict([stay.text], {}), clinical.probe('explain', { text: stay.text })])
      .then(
        ([predicted, explained]) => {
          if (s.disposed || version !== s.version) return;
          const p = predicted.predictions[0] as unknown as StayPredictionJson;
          const window = Math.max(48, explained.hours); // the challenge's 48-hour window
          risk.show(p.hourly, window);
          risk.element.dataset.record = String(p.recordId);
          risk.element.dataset.exact = explained.hourlyRisk.join(',');
          saliency.show(explained);
          vitals.show(explained.vitals, window);
          selectHour(Math.min(s.hour, p.hourly.length - 1));
          status.textContent = `risk ${p.finalRisk.toFixed(3)} after ${p.hours} h (${stay.died ? 'this stay ended in death' : 'this patient survived'}) · read and explained in ${Math.round(performance.now() - started)} ms${explained.problems.length ? ` · parse: ${explained.problems.join('; ')}` : ''}`;
          host.dataset.shown = String(p.recordId);
        },
        (error: unknown) => {
          if (s.disposed || version !== s.version) return;
          status.textContent =
            error instanceof WorkerError
              ? error.message
              : 'The worker restarted: reading again when it is ready.';
        },
      )
      .finally(() => {
        if (version === s.version) host.dataset.explaining = 'false';
      });
  }
  picker.addEventListener('change', explain);

  function loadStays(): void {
    if (s.stays.length > 0) {
      explain();
      return;
    }
    clinical.probe('stays', {}).then(
      (stays) => {
        if (s.disposed) return;
        s.stays = stays;
        replaceChildren(
          picker,
          ...stays.map((stay, i) => h('option', { value: String(i) }, stayLabel(stay))),
        );
        refresh();
        explain();
      },
      (error: unknown) => {
        if (!s.disposed && !(error instanceof WorkerError)) reportError(error);
      },
    );
  }

  function useModel(next: ModelFacts): void {
    s.model = next;
    const base = new URL('.', document.baseURI).href;
    const source = next.source.startsWith(base) ? next.source.slice(base.length) : next.source;
    facts.show({ ...next, source });
    host.dataset.model = next.origin;
    loadStays();
  }

  function describe(): void {
    if (s.info) return;
    clinical.describe().then(
      (described) => {
        if (s.disposed || s.info) return;
        s.info = described;
        const preset = described.presets[clinicalPageDefaults.preset] ?? {};
        trainer.showFields(described, { ...preset, steps: clinicalPageDefaults.steps });
        refresh();
      },
      () => {}, // asked again when a restarted worker is ready; the layout shows errors
    );
  }

  function loadPretrained(): void {
    if (client.status.kind !== 'ready' || s.loading) return;
    s.loading = true;
    loadStatus.textContent = '';
    loadBar.busy('Loading the pretrained model (checksums verified)…');
    refresh();
    const started = performance.now();
    clinical
      .load(new URL(clinicalPageDefaults.pretrained, document.baseURI).href)
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
    startClinicalTraining({ host, clinical, client, s, trainer, useModel, refresh });
  });
  trainer.onStop(() => {
    clinical.stop().catch(() => {});
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
      s.version++;
      facts.show(null, 'Starting the worker…');
      trainer.clear('Train replaces the model above with one trained here on generated stays.');
      risk.clear('Starting the worker…');
      saliency.clear('');
      vitals.clear();
      delete host.dataset.model;
      delete host.dataset.shown;
      delete host.dataset.trainedSteps;
    }
    refresh();
    if (st.kind !== 'ready') return;
    describe();
    if (!s.model && !s.loading) loadPretrained();
  });

  return () => {
    s.disposed = true;
    URL.revokeObjectURL(downloadUrl);
    offStatus();
    if (s.training !== null) clinical.stop().catch(() => {});
  };
};
