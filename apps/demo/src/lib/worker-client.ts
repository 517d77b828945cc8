/**
 * The page's side of the worker protocol: starts the compute worker, numbers requests,
 * resolves each `call` with its typed reply, streams training progress to listeners, and
 * turns every worker failure (a failed request, an uncaught error, a worker that cannot
 * load) into an `onError` report, so nothing waits forever. `restart(backend)` replaces the
 * worker (switching backends means a fresh tfjs engine).
 */
import {
  type BackendInfo,
  type BackendRequest,
  type InjectMode,
  type ReplyFor,
  type Request,
  type RequestBody,
  type Response,
  replyTypes,
  type WorkerErrorInfo,
} from '../worker/protocol.js';

/** The reason a pending call is dropped when the worker is replaced. */
export class WorkerRestartedError extends Error {
  override name = 'WorkerRestartedError';
}

/** A failure reported by the worker, kept with its structured details. */
export class WorkerError extends Error {
  override name = 'WorkerError';
  constructor(readonly info: WorkerErrorInfo) {
    super(info.message);
  }
}

export type WorkerStatus =
  | { kind: 'starting'; requested: BackendRequest }
  | { kind: 'ready'; backend: BackendInfo }
  | { kind: 'failed'; requested: BackendRequest; error: WorkerErrorInfo };

interface Pending {
  readonly expect: Response['type'];
  resolve(value: Response): void;
  reject(error: Error): void;
}

type Listener<T> = (value: T) => void;

export class WorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly statusListeners = new Set<Listener<WorkerStatus>>();
  private readonly errorListeners = new Set<Listener<WorkerErrorInfo>>();
  private readonly messageListeners = new Set<Listener<Response>>();
  private readonly restartHooks = new Set<() => Promise<unknown>>();
  private current: WorkerStatus;
  private generation = 0;

  constructor(
    private backend: BackendRequest,
    private readonly inject: InjectMode,
  ) {
    this.current = { kind: 'starting', requested: backend };
  }

  get status(): WorkerStatus {
    return this.current;
  }

  get requestedBackend(): BackendRequest {
    return this.backend;
  }

  /** Called now with the current status and on every change; returns an unsubscribe. */
  onStatus(listener: Listener<WorkerStatus>): () => void {
    this.statusListeners.add(listener);
    listener(this.current);
    return () => this.statusListeners.delete(listener);
  }

  onError(listener: Listener<WorkerErrorInfo>): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /** Every message from the worker (progress streams included). */
  onMessage(listener: Listener<Response>): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  /**
   * Work a page finishes before the worker is replaced by `restartSafely` (a training run
   * stops, which saves its model); returns an unsubscribe.
   */
  beforeRestart(hook: () => Promise<unknown>): () => void {
    this.restartHooks.add(hook);
    return () => this.restartHooks.delete(hook);
  }

  /** Lets every `beforeRestart` hook finish (10 s each at most), then restarts on `backend`. */
  async restartSafely(backend: BackendRequest = this.backend): Promise<void> {
    const bounded = (p: Promise<unknown>) =>
      Promise.race([p.catch(() => {}), new Promise((r) => setTimeout(r, 10_000))]);
    await Promise.all([...this.restartHooks].map((hook) => bounded(hook())));
    this.restart(backend);
  }

  /** (Re)starts the worker on `backend`; pending calls of the old worker are rejected. */
  restart(backend: BackendRequest = this.backend): void {
    this.backend = backend;
    this.generation += 1;
    const generation = this.generation;
    this.worker?.terminate();
    for (const [, p] of this.pending)
      p.reject(new WorkerRestartedError('the worker was restarted'));
    this.pending.clear();
    this.setStatus({ kind: 'starting', requested: backend });

    const worker = new Worker(new URL('../worker/worker.ts', import.meta.url), {
      type: 'module',
      name: 'recurrent-compute',
    });
    this.worker = worker;
    worker.addEventListener('message', (event: MessageEvent<Response>) => {
      if (generation === this.generation) this.receive(event.data);
    });
    worker.addEventListener('error', (event) => {
      // Reaches the page only when the worker could not report it itself (e.g. it failed to load).
      if (generation !== this.generation) return;
      event.preventDefault();
      this.fail(null, {
        name: 'Error',
        message: event.message || 'the compute worker failed to load (see the browser console)',
        source: 'worker-load',
      });
    });
    this.call({ type: 'init', backend, inject: this.inject }).then(
      (ready) => {
        if (generation === this.generation)
          this.setStatus({ kind: 'ready', backend: ready.backend });
      },
      () => {}, // reported through fail()
    );
  }

  /** Sends a request; resolves with its reply, rejects with a `WorkerError`. */
  call<B extends RequestBody>(body: B): Promise<ReplyFor<B['type']>> {
    return this.send(body).reply;
  }

  /** Like `call`, but also returns the request's id (streamed progress carries it). */
  send<B extends RequestBody>(body: B): { id: number; reply: Promise<ReplyFor<B['type']>> } {
    const id = this.nextId++;
    const worker = this.worker;
    if (!worker) {
      return { id, reply: Promise.reject(new Error('WorkerClient: call restart() first.')) };
    }
    const request = { ...body, id } as unknown as Request;
    const expect = replyTypes[request.type];
    const reply = new Promise<ReplyFor<B['type']>>((resolve, reject) => {
      this.pending.set(id, { expect, resolve: resolve as (value: Response) => void, reject });
      worker.postMessage(request);
    });
    return { id, reply };
  }

  terminate(): void {
    this.generation += 1;
    this.worker?.terminate();
    this.worker = undefined;
  }

  private receive(message: Response): void {
    for (const listener of this.messageListeners) listener(message);
    if (message.type === 'error') {
      this.fail(message.id, message.error);
      return;
    }
    const pending = this.pending.get(message.id);
    if (pending && pending.expect === message.type) {
      this.pending.delete(message.id);
      pending.resolve(message);
    }
  }

  /**
   * A failed request rejects its call (and marks the worker failed if it was `init`). An
   * uncaught error or a load failure means the worker is broken: it is marked failed and every
   * pending call is rejected, so no page waits for an answer that will never come.
   */
  private fail(id: number | null, info: WorkerErrorInfo): void {
    for (const listener of this.errorListeners) listener(info);
    const initFailed = this.current.kind === 'starting';
    if (id !== null) {
      const pending = this.pending.get(id);
      this.pending.delete(id);
      pending?.reject(new WorkerError(info));
    } else {
      for (const [, p] of this.pending) p.reject(new WorkerError(info));
      this.pending.clear();
    }
    if (id === null || initFailed) {
      this.setStatus({ kind: 'failed', requested: this.backend, error: info });
    }
  }

  private setStatus(status: WorkerStatus): void {
    this.current = status;
    for (const listener of this.statusListeners) listener(status);
  }
}
