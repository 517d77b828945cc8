/**
 * Captioning: `captioningTask` of @recurrent/captioning in the worker, through the generic
 * task protocol plus its worker module (`worker/captioning-worker-module.ts`). The pretrained
 * model (public/models/captioning) loads when the page opens and captions a generated scene.
 * The reader generates scenes, builds one from shapes or drops in a photo; the page shows
 * the greedy caption, the beam's candidates with their log-probabilities, and the decoder
 * word by word with the top next words at each step (a click on one continues from it).
 */
import './captioning.css';
import type { JsonValue } from '@recurrent/train';
import { createModelFacts } from '../components/model-facts.js';
import { createProgressLine } from '../components/progress-line.js';
import { h } from '../lib/dom.js';
import { taskClient } from '../lib/task-client.js';
import { WorkerError } from '../lib/worker-client.js';
import type { MountPage } from '../routes.js';
import type { CaptioningProbes } from '../worker/captioning-worker-module.js';
import type { ModelFacts } from '../worker/protocol.js';
import { captioningPageDefaults } from './captioning-defaults.js';
import { captioningFactRows } from './captioning-fact-rows.js';
import { createImageInput, type ImageRequest } from './captioning-image-input.js';
import { createCaptionResults } from './captioning-results.js';

export const mount: MountPage = (host, { client, reportError }) => {
  const captioning = taskClient<CaptioningProbes>(client, captioningPageDefaults.task);
  const s = {
    disposed: false,
    loading: false,
    model: null as ModelFacts | null,
    request: {
      kind: 'generated',
      split: 'train',
      seed: captioningPageDefaults.firstSeed,
    } as ImageRequest,
    /** The model's input of the image shown (what `steps` re-reads). */
    pixels: null as number[] | null,
    version: 0,
    captioned: 0,
  };
  const facts = createModelFacts(captioningFactRows);
  facts.show(null, 'Loading the pretrained model…');
  const loadButton = h('button', { type: 'button', dataset: { testid: 'load-pretrained' } }, '');
  const loadStatus = h('span', { className: 'status', dataset: { testid: 'load-status' } });
  const loadBar = createProgressLine('load-progress');
  const input = createImageInput();
  const results = createCaptionResults();
  const beamPicker = h(
    'select',
    { 'aria-label': 'beam width', dataset: { testid: 'beam-width' } },
    ...captioningPageDefaults.beamWidths.map((w) =>
      h(
        'option',
        { value: String(w), selected: w === captioningPageDefaults.beamWidth },
        w === 1 ? '1 (greedy)' : String(w),
      ),
    ),
  );
  const status = h('p', { className: 'status', dataset: { testid: 'caption-status' } });
  const references = h('p', { className: 'hint', dataset: { testid: 'references' } });
  const card = (title: string, ...body: (Node | string)[]) =>
    h('section', { className: 'card' }, h('h2', {}, title), ...body);

  host.append(
    h(
      'section',
      { className: 'intro' },
      h('h1', {}, 'Shapes in, sentences out'),
      h(
        'p',
        {},
        'Show and Tell in miniature: a small CNN reads a 32 x 32 image, an LSTM decoder starts from what it saw and writes the caption one word at a time until <eos> (@recurrent/captioning, trained on generated scenes of coloured shapes; the model facts below say how this model reads the image). Everything runs in a Web Worker; this page only draws.',
      ),
    ),
    card('An image', input.element, references),
    card(
      'Captions',
      h('div', { className: 'controls-row' }, h('label', {}, 'beam width ', beamPicker)),
      results.captions,
      status,
    ),
    card(
      'The decoder, word by word',
      h(
        'p',
        { className: 'hint' },
        'At every step the decoder reads the word before and gives a probability to every next word; greedy decoding writes the most likely one. Next word shows one step at a time with its top 5; click another word to make the decoder write it there and see how it carries on.',
      ),
      results.stepper,
    ),
    card(
      'Model',
      h('div', { className: 'controls-row' }, loadButton, loadStatus),
      loadBar.element,
      facts.element,
    ),
  );

  function refresh(): void {
    const ready = client.status.kind === 'ready';
    loadButton.disabled = !ready || s.loading;
    const pretrainedShown = s.model?.origin === 'pretrained';
    loadButton.className = pretrainedShown ? '' : 'primary';
    loadButton.textContent = pretrainedShown
      ? 'Reload the pretrained model'
      : 'Load the pretrained model';
    input.setEnabled(ready && s.model !== null && !s.loading);
    beamPicker.disabled = !(ready && s.model !== null);
    host.dataset.loading = String(s.loading);
  }

  const failed = (version: number) => (error: unknown) => {
    if (s.disposed || version !== s.version) return;
    host.dataset.busy = 'false';
    status.textContent =
      error instanceof WorkerError
        ? error.message
        : 'The worker restarted: captioning again when it is ready.';
    if (!(error instanceof WorkerError) && client.status.kind === 'ready') reportError(error);
  };

  /** Captions the image of `s.request` with the current model; only the latest answer is drawn. */
  function caption(): void {
    if (!s.model || s.loading || client.status.kind !== 'ready') return;
    const version = ++s.version;
    const request = s.request;
    host.dataset.busy = 'true';
    status.textContent = 'captioning…';
    const beamWidth = Number(beamPicker.value);
    const image: Promise<{ input: Record<string, JsonValue>; refs: string[] | null }> =
      request.kind === 'photo'
        ? Promise.resolve({
            input: { rgba: request.rgba, width: request.width, height: request.height },
            refs: null,
          })
        : captioning
            .probe(
              'scene',
              request.kind === 'built'
                ? { seed: request.seed, shapes: request.shapes as unknown as JsonValue }
                : { seed: request.seed, split: request.split },
            )
            .then((scene) => ({ input: { pixels: scene.pixels }, refs: scene.references }));
    image
      .then(async ({ input: image, refs }) => {
        const shown = await captioning.probe('caption', { ...image, beamWidth });
        if (s.disposed || version !== s.version) return;
        s.pixels = shown.pixels;
        s.captioned++;
        const size = Math.round(Math.sqrt(shown.pixels.length / 3));
        const what =
          request.kind === 'photo'
            ? `${request.name}, as the encoder sees it (${size} x ${size})`
            : request.kind === 'built'
              ? `your scene (${size} x ${size})`
              : `generated scene ${request.seed} (${request.split === 'held-out' ? 'held-out combination' : 'seen combinations'}, ${size} x ${size})`;
        input.show(shown.pixels, size, what);
        references.textContent = refs
          ? `The grammar describes it as: “${refs[0]}” (or ${refs.length - 1} other phrasings: ${refs
              .slice(1)
              .map((r) => `“${r}”`)
              .join(', ')}).`
          : 'A photo has no reference caption.';
        results.showCaptions(
          shown.greedy,
          shown.beams,
          `beam width ${shown.beamWidth}, length penalty 0.7 (score = log p / length^0.7)`,
        );
        results.showSteps(shown.steps, 1);
        status.textContent = `captioned in ${Math.round(shown.ms)} ms (greedy, beam and the word-by-word walk) on ${client.status.kind === 'ready' ? client.status.backend.name : 'the worker'}`;
        host.dataset.captioned = String(s.captioned);
        host.dataset.caption = shown.greedy.words.join(' ');
        host.dataset.busy = 'false';
      })
      .catch(failed(version));
  }
  input.onImage((request) => {
    s.request = request;
    caption();
  });
  beamPicker.addEventListener('change', caption);

  results.onChoose((words) => {
    const pixels = s.pixels;
    if (!pixels || client.status.kind !== 'ready') return;
    const version = ++s.version;
    host.dataset.busy = 'true';
    captioning.probe('steps', { pixels, words }).then((steps) => {
      if (s.disposed || version !== s.version) return;
      results.showSteps(steps, words.length === 0 ? 0 : words.length + 1); // [] = From <bos>
      host.dataset.busy = 'false';
    }, failed(version));
  });

  function useModel(next: ModelFacts): void {
    s.model = next;
    const base = new URL('.', document.baseURI).href;
    const source = next.source.startsWith(base) ? next.source.slice(base.length) : next.source;
    facts.show({ ...next, source });
    input.setSize(Number(next.hyperParameters.imageSize));
    host.dataset.model = next.origin;
    refresh();
    caption();
  }

  function loadPretrained(): void {
    if (client.status.kind !== 'ready' || s.loading) return;
    s.loading = true;
    loadStatus.textContent = '';
    loadBar.busy('Loading the pretrained model (checksums verified)…');
    refresh();
    const started = performance.now();
    captioning
      .load(new URL(captioningPageDefaults.pretrained, document.baseURI).href)
      .then(
        (loaded) => {
          if (s.disposed) return;
          s.loading = false;
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

  const offStatus = client.onStatus((st) => {
    if (st.kind === 'starting') {
      // A new worker (another backend) has no model: clear what showed the old one.
      s.model = null;
      s.loading = false;
      s.version++;
      facts.show(null, 'Starting the worker…');
      results.clear('Starting the worker…');
      delete host.dataset.model;
      delete host.dataset.captioned;
      delete host.dataset.caption;
    }
    refresh();
    if (st.kind === 'ready' && !s.model && !s.loading) loadPretrained();
  });
  refresh();

  return () => {
    s.disposed = true;
    offStatus();
  };
};
