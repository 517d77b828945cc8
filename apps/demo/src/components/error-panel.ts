/**
 * The visible error panel: every failure the worker reports (a failed request, an uncaught
 * error or rejection, a worker that did not load) appears here with its message, where it
 * came from and its stack, with buttons to restart the worker or dismiss.
 */
import { h, replaceChildren } from '../lib/dom.js';
import type { WorkerErrorInfo } from '../worker/protocol.js';

const sourceText: Record<WorkerErrorInfo['source'], string> = {
  request: 'a request to the compute worker failed',
  uncaught: 'uncaught error in the compute worker',
  unhandledrejection: 'unhandled promise rejection in the compute worker',
  'worker-load': 'the compute worker could not start',
};

export interface ErrorPanel {
  readonly element: HTMLElement;
  show(info: WorkerErrorInfo): void;
  clear(): void;
}

export function createErrorPanel(onRestart: () => void): ErrorPanel {
  const list = h('div', { className: 'error-list' });
  const element = h(
    'section',
    { className: 'error-panel', hidden: true, role: 'alert', dataset: { testid: 'error-panel' } },
    h(
      'div',
      { className: 'error-head' },
      h('strong', {}, 'Something went wrong'),
      h(
        'span',
        { className: 'error-actions' },
        h('button', { type: 'button', onclick: () => onRestart() }, 'Restart worker'),
        h('button', { type: 'button', onclick: () => panel.clear() }, 'Dismiss'),
      ),
    ),
    list,
  );
  const panel: ErrorPanel = {
    element,
    show(info) {
      element.hidden = false;
      list.append(
        h(
          'div',
          { className: 'error-item', dataset: { source: info.source } },
          h('div', { className: 'error-source' }, sourceText[info.source]),
          h('div', { className: 'error-message' }, `${info.name}: ${info.message}`),
          info.stack ? h('details', {}, h('summary', {}, 'stack'), h('pre', {}, info.stack)) : null,
        ),
      );
    },
    clear() {
      element.hidden = true;
      replaceChildren(list);
    },
  };
  return panel;
}
