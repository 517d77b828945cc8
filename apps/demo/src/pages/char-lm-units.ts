/**
 * The char-LM page's units panel runs: one ranking when a new model arrives and the panel
 * scrolls into sight (the model reads the text one step per character: seconds on a
 * software GPU), and one per "Find units". An empty field means the default text; a text
 * past the worker's limit is read up to it, and the note under the field says so.
 */
import type { UnitsPanel } from '../components/units-panel.js';
import type { TaskClient } from '../lib/task-client.js';
import { whenVisible } from '../lib/when-visible.js';
import { type CharLmProbes, charLmLimits } from '../worker/char-lm-worker-module.js';

export interface UnitsRunner {
  /** Another model is on screen: its units are ranked when the panel is in sight. */
  newModel(): void;
  clear(hint: string): void;
  disconnect(): void;
}

export function createUnitsRunner(o: {
  readonly host: HTMLElement;
  readonly charLm: TaskClient<CharLmProbes>;
  readonly panel: UnitsPanel;
  readonly canRank: () => boolean;
  readonly refresh: () => void;
}): UnitsRunner {
  const { host, panel } = o;
  let modelVersion = 0;

  function rank(): void {
    if (!o.canRank()) return;
    const text = panel.text;
    if (text !== undefined && text.trim() === '') {
      panel.message.error(
        'text the model reads: type a few sentences, or clear the field for the default text.',
      );
      return;
    }
    const length = text === undefined ? 0 : Array.from(text).length;
    if (length > charLmLimits.maxUnits) {
      panel.message.note(`Read the first ${charLmLimits.maxUnits} of ${length} characters.`);
    } else panel.message.clear();
    onSight.cancel();
    const version = modelVersion;
    panel.setEnabled(false);
    host.dataset.ranking = 'true';
    o.charLm
      .probe('units', text === undefined ? {} : { text })
      .then(
        (units) => {
          if (!o.canRank() || version !== modelVersion) return;
          panel.show(units);
          host.dataset.ranked = 'true';
        },
        () => {},
      )
      .finally(() => {
        host.dataset.ranking = 'false';
        o.refresh();
      });
  }
  panel.onRank(rank);
  const onSight = whenVisible(panel.element, rank);

  return {
    newModel() {
      modelVersion += 1;
      host.dataset.ranked = 'false';
      onSight.request();
    },
    clear(hint) {
      panel.clear(hint);
      onSight.cancel();
      host.dataset.ranked = 'false';
    },
    disconnect: () => onSight.disconnect(),
  };
}
