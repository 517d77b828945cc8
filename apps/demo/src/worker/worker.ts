/**
 * The compute worker: every tensor op of the page runs here, never on the main thread.
 * It answers the requests of `protocol.ts`: `init` and `stats` here, the cell lab's runs,
 * every `task/*` request through `answerTaskRequest` (one registry, one session per task) and
 * every `lab/*` request through `answerLabRequest`.
 * Errors never vanish: a failing request is answered with an `error` carrying its id, and
 * anything uncaught (`error`, `unhandledrejection`) is posted with `id: null` so the page can
 * show it instead of waiting.
 */
import './register-gradients.js';
import { loadEmbeddedCorpus } from '@recurrent/data';
import * as tf from '@tensorflow/tfjs-core';
import { answerLabRequest } from './answer-lab-request.js';
import { answerTaskRequest } from './answer-task-request.js';
import { runCellLab } from './cell-lab.js';
import { initBackend } from './init-backend.js';
import type { BackendInfo, Request, Response, WorkerErrorInfo } from './protocol.js';

/** The parts of DedicatedWorkerGlobalScope used here (the DOM lib does not declare it). */
interface WorkerScope {
  postMessage(message: Response): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<Request>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  addEventListener(
    type: 'unhandledrejection',
    listener: (event: PromiseRejectionEvent) => void,
  ): void;
}

const scope = self as unknown as WorkerScope;
const post = (message: Response) => scope.postMessage(message);

function errorInfo(error: unknown, source: WorkerErrorInfo['source']): WorkerErrorInfo {
  if (error instanceof Error) {
    return {
      name: error.name,
      message: error.message,
      ...(error.stack ? { stack: error.stack } : {}),
      source,
    };
  }
  return { name: 'Error', message: String(error), source };
}

scope.addEventListener('error', (event) => {
  post({ type: 'error', id: null, error: errorInfo(event.error ?? event.message, 'uncaught') });
  event.preventDefault(); // reported once, through the protocol
});
scope.addEventListener('unhandledrejection', (event) => {
  post({ type: 'error', id: null, error: errorInfo(event.reason, 'unhandledrejection') });
  event.preventDefault();
});

/** Settles when `init` has activated a backend; every other request waits for it. */
let backendReady: Promise<unknown> | undefined;

async function handle(request: Request): Promise<void> {
  const { id } = request;
  if (request.type === 'init') {
    backendReady = initBackend(request.backend);
    post({ type: 'ready', id, backend: (await backendReady) as BackendInfo });
    return;
  }
  if (request.type === 'corpus') {
    const corpus = await loadEmbeddedCorpus(request.name); // plain text: no backend needed
    const documents = corpus.documents.slice(request.from, request.to);
    const headings = documents.map((d) => d.slice(0, d.indexOf('\n') >>> 0).trim());
    const text = documents.join('\n\n');
    post({ type: 'corpus/text', id, corpus: { text, description: corpus.description, headings } });
    return;
  }
  if (request.type === 'task/describe') {
    await answerTaskRequest(request, post); // plain data: no backend needed, the form draws early
    return;
  }
  if (!backendReady) throw new Error(`worker: got "${request.type}" before "init".`);
  await backendReady;
  switch (request.type) {
    case 'stats': {
      const { numTensors, numBytes } = tf.memory();
      post({ type: 'stats', id, stats: { numTensors, numBytes, backend: tf.getBackend() } });
      return;
    }
    case 'cellLab/run':
      post({ type: 'cellLab/trace', id, trace: await runCellLab(request.params) });
      return;
    case 'lab/run':
    case 'lab/stop':
      await answerLabRequest(request, post);
      return;
    default:
      await answerTaskRequest(request, post);
  }
}

scope.addEventListener('message', (event) => {
  const request = event.data;
  if (request.type === 'init' && request.inject === 'throw') {
    // Debug hook (?inject-worker-error=1): an uncaught error at start-up, for the e2e test.
    throw new Error('Injected worker error (debug hook ?inject-worker-error=1)');
  }
  if (request.type === 'init' && request.inject === 'reject') {
    void Promise.reject(
      new Error('Injected unhandled rejection (debug hook ?inject-worker-error=reject)'),
    );
    return;
  }
  handle(request).catch((error: unknown) => {
    post({ type: 'error', id: request.id, error: errorInfo(error, 'request') });
  });
});
