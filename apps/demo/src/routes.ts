/**
 * The route table, the one place that lists the pages: one entry per task page and lab. A
 * task page is `pages/<task>.ts` (exporting `mount`) plus its entry's `load` line here; the
 * task itself is one entry in the worker's registry (`worker/task-registry.ts`). Until an
 * entry has a `load`, the nav shows it as "coming" (not a link).
 */
import type { WorkerClient } from './lib/worker-client.js';

export interface PageContext {
  readonly client: WorkerClient;
  /** Shows an error that did not come from the worker (the worker's own are shown already). */
  reportError(error: unknown): void;
}

/** Renders a page into `host`; returns the function that tears it down. */
export type MountPage = (host: HTMLElement, context: PageContext) => () => void;

export interface RouteEntry {
  readonly path: string;
  readonly title: string;
  readonly blurb: string;
  /** Loads the page's module (its own chunk); absent for pages still to come. */
  readonly load?: () => Promise<{ mount: MountPage }>;
}

export const routes: readonly RouteEntry[] = [
  {
    path: 'cell-lab',
    title: 'Cell lab',
    blurb: 'the simple RNN and LSTM equations, live',
    load: () => import('./pages/cell-lab.js'),
  },
  {
    path: 'char-lm',
    title: 'Char-LM',
    blurb: 'train a character model, sample it, watch its units',
    load: () => import('./pages/char-lm.js'),
  },
  { path: 'sentiment', title: 'Sentiment', blurb: 'word order matters: negation and contrast' },
  { path: 'clinical', title: 'Clinical', blurb: 'ICU time series, PhysioNet 2012' },
  { path: 'captioning', title: 'Captioning', blurb: 'shapes in, sentences out' },
  {
    path: 'vanishing-gradients',
    title: 'Vanishing gradients',
    blurb: 'why the LSTM has a cell state',
  },
];

export const defaultRoute = 'cell-lab';
