/**
 * The captioning page's settings: which task and model, the beam widths offered, and the
 * scene a reader starts building from (three shapes left to right, as the training scenes
 * often are).
 */
import type { PlacedShape } from '../worker/captioning-worker-module.js';

export const captioningPageDefaults = Object.freeze({
  task: 'captioning', // the name in the worker's task registry
  pretrained: 'models/captioning/', // relative to the page: public/models/captioning in the repo
  beamWidth: 3, // what `recurrent caption` uses by default
  beamWidths: Object.freeze([1, 2, 3, 5, 8]), // 1 = greedy; the worker allows up to 8
  canvasPixels: 192, // the model's 32 x 32 input drawn 6x, pixelated: what the encoder sees
  firstSeed: 1, // the first generated scene; "New scene" counts up from it
});

/** The scene the builder starts with; the reader changes kinds, colours, sizes and places. */
export const startShapes: readonly PlacedShape[] = Object.freeze([
  { shape: 'circle', colour: 'red', size: 'small', x: 0.2, y: 0.5 },
  { shape: 'square', colour: 'blue', size: 'large', x: 0.52, y: 0.45 },
  { shape: 'triangle', colour: 'yellow', size: 'small', x: 0.84, y: 0.55 },
]);
