/**
 * The backend badge in the header: which tfjs backend the worker runs on (and its detail),
 * a click opens the report of `selectBackend` (why each other backend was refused or not
 * tried), and a picker restarts the worker on another backend (also `?backend=` in the URL).
 */
import { h, replaceChildren } from '../lib/dom.js';
import { backendChoices } from '../lib/url-params.js';
import type { WorkerClient, WorkerStatus } from '../lib/worker-client.js';
import type { BackendInfo, BackendRequest } from '../worker/protocol.js';

function reportTable(info: BackendInfo): HTMLElement {
  return h(
    'table',
    { className: 'report', dataset: { testid: 'backend-report' } },
    h('thead', {}, h('tr', {}, h('th', {}, 'backend'), h('th', {}, 'status'), h('th', {}, 'why'))),
    h(
      'tbody',
      {},
      ...info.report.map((entry) => {
        const status = entry.chosen
          ? 'chosen'
          : !entry.available
            ? 'refused'
            : entry.tried
              ? entry.reason
                ? 'passed by' // it runs, but auto prefers a faster one (a software GPU)
                : 'failed'
              : 'available, not tried';
        const why = entry.chosen
          ? (entry.detail ?? '')
          : (entry.reason ??
            (entry.available ? 'a backend higher in the list was chosen first' : ''));
        return h(
          'tr',
          {
            className: `status-${status.split(',')[0]!.replace(' ', '-')}`,
            dataset: { backend: entry.name },
          },
          h('td', {}, entry.name),
          h('td', {}, status),
          h('td', {}, why),
        );
      }),
    ),
  );
}

/** Backends tried before the chosen one and refused (auto mode): the reason it fell back. */
function refusedBefore(info: BackendInfo): BackendInfo['report'][number][] {
  return info.report.filter((r) => !r.chosen && !r.available && r.tried);
}

/** Backends that run here but auto passed by, with why (a software GPU adapter or renderer). */
function passedBy(info: BackendInfo): BackendInfo['report'][number][] {
  return info.report.filter((r) => !r.chosen && r.available && r.tried && r.reason);
}

/** The panel's first sentence: what runs, and why not the backends above it. */
function lead(info: BackendInfo): string {
  if (info.fellBack) {
    return `Asked for ${info.requested}, which could not run here, so the worker fell back to ${info.name}.`;
  }
  const passed = passedBy(info);
  const refused = refusedBefore(info);
  if (passed.length === 0 && refused.length === 0) {
    return `Running on ${info.name}${info.requested === 'auto' ? ', the best backend this browser offers' : ''}.`;
  }
  const why = [
    ...refused.map((r) => `${r.name} was refused`),
    ...passed.map((r) => `${r.name} runs here but was passed by: ${r.reason}`),
  ];
  return `${passed.length > 0 ? 'Chose' : 'Fell back to'} ${info.name}: ${why.join('; ')}.`;
}

function summary(info: BackendInfo): string {
  if (info.fellBack) return `${info.name} (asked for ${info.requested})`;
  const refused = refusedBefore(info);
  return refused.length > 0 ? `${info.name} (fallback)` : info.name;
}

export function createBackendBadge(
  client: WorkerClient,
  onSwitch: (b: BackendRequest) => void,
): HTMLElement {
  const badge = h('button', {
    type: 'button',
    className: 'badge badge-starting',
    dataset: { testid: 'backend-badge' },
    'aria-expanded': 'false',
    title: 'Which tensor backend the compute worker uses; click for the full report',
  });
  const panel = h('div', {
    className: 'backend-panel',
    hidden: true,
    dataset: { testid: 'backend-panel' },
  });
  const picker = h(
    'select',
    { 'aria-label': 'backend', dataset: { testid: 'backend-picker' } },
    ...backendChoices.map((b) =>
      h('option', { value: b }, b === 'auto' ? 'auto (best available)' : b),
    ),
  );
  picker.value = client.requestedBackend;
  picker.addEventListener('change', () => onSwitch(picker.value as BackendRequest));

  badge.addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    badge.setAttribute('aria-expanded', String(!panel.hidden));
  });
  document.addEventListener('click', (event) => {
    if (!panel.hidden && !wrapper.contains(event.target as Node)) {
      panel.hidden = true;
      badge.setAttribute('aria-expanded', 'false');
    }
  });

  function render(status: WorkerStatus): void {
    picker.value = client.requestedBackend;
    if (status.kind === 'starting') {
      badge.className = 'badge badge-starting';
      badge.dataset.state = 'starting';
      badge.dataset.backend = '';
      replaceChildren(badge, h('span', { className: 'dot' }), `starting ${status.requested}…`);
      replaceChildren(panel, h('p', {}, 'The compute worker is starting its tensor backend.'));
      return;
    }
    if (status.kind === 'failed') {
      badge.className = 'badge badge-failed';
      badge.dataset.state = 'failed';
      badge.dataset.backend = '';
      replaceChildren(badge, h('span', { className: 'dot' }), 'worker error');
      replaceChildren(panel, h('p', {}, `The compute worker failed: ${status.error.message}`));
      return;
    }
    const info = status.backend;
    const fellBack = info.fellBack || refusedBefore(info).length > 0;
    badge.className = `badge ${fellBack ? 'badge-fallback' : 'badge-ready'}`;
    badge.dataset.fallback = String(fellBack);
    badge.dataset.state = 'ready';
    badge.dataset.backend = info.name;
    replaceChildren(
      badge,
      h('span', { className: 'dot' }),
      h('b', {}, summary(info)),
      info.detail ? h('span', { className: 'badge-detail' }, info.detail) : null,
    );
    replaceChildren(
      panel,
      h('p', { className: 'panel-lead', dataset: { testid: 'backend-lead' } }, lead(info)),
      reportTable(info),
      h(
        'p',
        { className: 'panel-foot' },
        `tfjs ${info.tfjsVersion} · cross-origin isolated: ${info.crossOriginIsolated ? 'yes (threaded wasm possible)' : 'no'}`,
      ),
    );
  }
  client.onStatus(render);

  const wrapper = h(
    'div',
    { className: 'backend' },
    badge,
    h('label', { className: 'backend-picker' }, 'backend ', picker),
    panel,
  );
  return wrapper;
}
