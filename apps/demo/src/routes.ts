/**
 * The route table, the one place that lists the pages: one entry per task page and lab. A
 * task page is `pages/<task>.ts` (exporting `mount`) plus its entry's `load` line here; the
 * task itself is one entry in the worker's registry (`worker/task-registry.ts`). Until an
 * entry has a `load`, the nav and the home page show it as "coming" and its route says so;
 * a route not listed here gets the "no such page" page, never another page.
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
  /** One sentence for the home page and the nav's tooltip. */
  readonly blurb: string;
  /** The home page's picture of it (`components/route-picture.ts`). */
  readonly picture: 'cell' | 'text' | 'sentiment' | 'clinical' | 'captioning' | 'gradients';
  /** Loads the page's module (its own chunk); absent for pages still to come. */
  readonly load?: () => Promise<{ mount: MountPage }>;
}

export const routes: readonly RouteEntry[] = [
  {
    path: 'cell-lab',
    title: 'Cell lab',
    blurb: 'Type a word and move the sliders: every h_t of a simple RNN or an LSTM, live.',
    picture: 'cell',
    load: () => import('./pages/cell-lab.js'),
  },
  {
    path: 'char-lm',
    title: 'Char-LM',
    blurb: 'Sample Moby Dick from a pretrained LSTM, train your own, and watch its units.',
    picture: 'text',
    load: () => import('./pages/char-lm.js'),
  },
  {
    path: 'sentiment',
    title: 'Sentiment',
    blurb:
      'Word order matters: a recurrent model reads negation and contrast a bag of words misses.',
    picture: 'sentiment',
    load: () => import('./pages/sentiment.js'),
  },
  {
    path: 'clinical',
    title: 'Clinical',
    blurb: 'Irregular ICU time series (PhysioNet 2012) with masks for the missing measurements.',
    picture: 'clinical',
    load: () => import('./pages/clinical.js'),
  },
  {
    path: 'captioning',
    title: 'Captioning',
    blurb: 'Shapes in, sentences out: an encoder and a decoder with beam search.',
    picture: 'captioning',
    load: () => import('./pages/captioning.js'),
  },
  {
    path: 'vanishing-gradients',
    title: 'Vanishing gradients',
    blurb:
      'Train an RNN, a GRU and an LSTM on an answer k steps back: watch ||dL/dh_t|| fade and accuracy fall with k.',
    picture: 'gradients',
    load: () => import('./pages/vanishing-gradients.js'),
  },
];

/** The page at `#/` (and an empty hash): the home, which lists every route. */
export const homeRoute = '';
