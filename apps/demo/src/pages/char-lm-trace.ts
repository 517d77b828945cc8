/**
 * The char-LM page's hidden-state traces: one when a new model arrives and the view scrolls
 * into sight (a trace costs seconds on a software GPU), and one per "Show hidden state". An
 * empty text is explained under the field; a text past the worker's limit is traced up to it,
 * and the note under the field says so.
 */
import type { HiddenStateView } from '../components/hidden-state-view.js';
import type { TaskClient } from '../lib/task-client.js';
import { whenVisible } from '../lib/when-visible.js';
import { type CharLmProbes, charLmLimits } from '../worker/char-lm-worker-module.js';

export interface TraceRunner {
  /** Another model is on screen: its trace is drawn when the view is in sight. */
  newModel(): void;
  clear(hint: string): void;
  disconnect(): void;
}

export function createTraceRunner(o: {
  readonly host: HTMLElement;
  readonly charLm: TaskClient<CharLmProbes>;
  readonly hidden: HiddenStateView;
  readonly canTrace: () => boolean;
  readonly refresh: () => void;
}): TraceRunner {
  const { host, hidden } = o;
  /** Bumped when another model arrives; the trace drawn belongs to one. */
  let modelVersion = 0;

  function showTrace(): void {
    if (!o.canTrace()) return;
    const chars = Array.from(hidden.text);
    if (hidden.text.trim() === '') {
      hidden.message.error('text to trace: type a few words for the model to read.');
      return;
    }
    if (chars.length > charLmLimits.maxTrace) {
      hidden.message.note(
        `Traced the first ${charLmLimits.maxTrace} of ${chars.length} characters (one heat-map column each).`,
      );
    } else hidden.message.clear();
    onSight.cancel();
    const version = modelVersion;
    hidden.setEnabled(false);
    host.dataset.tracing = 'true';
    o.charLm
      .probe('trace', { text: hidden.text, layer: hidden.layer })
      .then(
        (trace) => {
          if (!o.canTrace() || version !== modelVersion) return;
          hidden.show(trace);
          host.dataset.traced = 'true';
        },
        () => {},
      )
      .finally(() => {
        host.dataset.tracing = 'false';
        o.refresh();
      });
  }
  hidden.onTrace(showTrace);
  const onSight = whenVisible(hidden.element, showTrace);

  return {
    newModel() {
      modelVersion += 1;
      host.dataset.traced = 'false';
      onSight.request();
    },
    clear(hint) {
      hidden.clear(hint);
      onSight.cancel();
      host.dataset.traced = 'false';
    },
    disconnect: () => onSight.disconnect(),
  };
}
