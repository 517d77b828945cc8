/**
 * The compute worker: every tensor op of the page runs here, never on the main thread.
 * It answers the requests of `protocol.ts` one by one. Errors never vanish: a failing
 * request is answered with an `error` carrying its id, and anything uncaught (`error`,
 * `unhandledrejection`) is posted with `id: null` so the page can show it instead of waiting.
 */
import './register-gradients.js';
import * as tf from '@tensorflow/tfjs-core';
import { runCellLab } from './cell-lab.js';
import { CharLmSession } from './char-lm-session.js';
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

const charLm = new CharLmSession();
/** Settles when `init` has activated a backend; every other request waits for it. */
let backendReady: Promise<unknown> | undefined;

async function handle(request: Request): Promise<void> {
  const { id } = request;
  if (request.type === 'init') {
    backendReady = initBackend(request.backend);
    post({ type: 'ready', id, backend: (await backendReady) as BackendInfo });
    return;
  }
  if (!backendReady) throw new Error(`worker: got "${request.type}" before "init".`);
  await backendReady;
  switch (request.type) {
    case 'cellLab/run':
      post({ type: 'cellLab/trace', id, trace: await runCellLab(request.params) });
      return;
    case 'charLm/load':
      post({ type: 'charLm/loaded', id, model: await charLm.load(request.url) });
      return;
    case 'charLm/train': {
      const summary = await charLm.train(
        request.config,
        (progress) => post({ type: 'charLm/progress', id, progress }),
        (step, valLoss) => post({ type: 'charLm/evaluated', id, step, valLoss }),
      );
      post({ type: 'charLm/trained', id, summary });
      return;
    }
    case 'charLm/stop':
      post({ type: 'charLm/stopping', id, wasTraining: charLm.stop() });
      return;
    case 'charLm/sample': {
      const result = await charLm.sample(request.options, (text) =>
        post({ type: 'charLm/chunk', id, text }),
      );
      post({ type: 'charLm/sample', id, result });
      return;
    }
    case 'charLm/trace':
      post({ type: 'charLm/trace', id, trace: await charLm.trace(request.text, request.layer) });
      return;
    case 'charLm/score':
      post({ type: 'charLm/score', id, score: await charLm.score(request.text) });
      return;
    case 'stats': {
      const { numTensors, numBytes } = tf.memory();
      post({ type: 'stats', id, stats: { numTensors, numBytes, backend: tf.getBackend() } });
      return;
    }
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
