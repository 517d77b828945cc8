/**
 * The char-LM page's training fields in the URL (`#/char-lm?units=128&steps=500`): read once
 * when the fields are drawn, written whenever the reader edits one, so a view can be shared.
 */
import type { TrainControls } from '../components/train-controls.js';
import { pageSettings, writePageSettings } from '../lib/page-settings.js';
import { charLmTrainFields } from './char-lm-defaults.js';

const keys = charLmTrainFields.map((f) => (typeof f === 'string' ? f : f.key));

/** Puts the URL's values into the drawn fields, then keeps the URL in step with them. */
export function bindCharLmSettings(trainer: TrainControls, host: HTMLElement): void {
  const settings = pageSettings();
  trainer.setValues(
    Object.fromEntries(keys.flatMap((k) => (settings.has(k) ? [[k, settings.get(k)!]] : []))),
  );
  trainer.onChange(() => {
    const shown: Record<string, string | undefined> = {};
    for (const key of keys) {
      shown[key] = host.querySelector<HTMLInputElement>(`[data-option="${key}"]`)?.value;
    }
    writePageSettings(shown);
  });
}
