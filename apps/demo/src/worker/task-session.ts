/**
 * One task's model in the worker, driven only through its `Task` definition, so every task
 * page gets the same verbs:
 * - `load(url)`: a checkpoint exported by `recurrent export` (fetched, checksums verified);
 *   its config.json must name this task;
 * - `train(config)`: `prepareData` -> `create` -> `train`, stopped by an AbortSignal; Train
 *   after Stop resumes exactly through an in-memory checkpoint store (same data and
 *   hyper-parameters), anything else starts a new model;
 * - `generate(options)` / `predict(inputs, options)`: the task's inference verb, generated
 *   pieces passed on as they are drawn;
 * - `probe(name, input)`: what the task's worker module adds for its page.
 * Training yields to the event loop after every step, so `stop`, `generate` and probes are
 * served while it trains. The model lives in a `ModelSlot`: one replaced while a request
 * still reads it is disposed when that request ends.
 */
import { CheckpointError, ConfigError } from '@recurrent/errors';
import {
  type AnyTask,
  type OptionValues,
  resolveOptions,
  type TaskModel,
  type TaskNote,
} from '@recurrent/task';
import {
  type CheckpointStore,
  type JsonValue,
  loadCheckpoint,
  memoryCheckpointStore,
  type TrainProgress,
} from '@recurrent/train';
import { checkpointFacts } from './checkpoint-facts.js';
import { generateInChunks } from './generate-in-chunks.js';
import { ModelSlot } from './model-slot.js';
import type {
  Generated,
  ModelFacts,
  Predicted,
  Restored,
  SavedRun,
  TaskTrainConfig,
  TrainSummary,
} from './protocol.js';
import { readSavedRun, restoreSavedRun, savedConfigFrom } from './saved-run.js';
import type { AnyTaskWorkerModule } from './task-worker-module.js';

export const taskSessionDefaults = Object.freeze({
  chunkMs: 30, // generated text is posted to the page at most every 30 ms: smooth, few messages
  maxPieces: 1000, // pieces per generate request: a page asks for a paragraph, never a book
  // Where a page's training runs are kept: in memory (tests, Node). The worker passes
  // IndexedDB, so a trained model survives a reload or a backend switch.
  store: (task: string): CheckpointStore => memoryCheckpointStore(task),
});

export interface TaskSessionOptions {
  readonly chunkMs?: number;
  readonly maxPieces?: number;
  /** The checkpoint store of a new training run (one per task: a new run replaces the last). */
  readonly store?: (task: string) => CheckpointStore;
}

/** A model trained on this page, with what resuming it needs. */
interface Run {
  /** Data and hyper-parameters: resuming needs the same data and the same model. */
  readonly key: string;
  readonly data: unknown;
  readonly store: CheckpointStore;
  steps: number;
}

interface Current {
  readonly model: TaskModel;
  facts: ModelFacts;
  readonly run?: Run;
}

export class TaskSession {
  private current: Current | undefined;
  private readonly slot = new ModelSlot<TaskModel>('Load the pretrained model or train one.');
  private abort: AbortController | undefined;
  private loading = false;
  private store: CheckpointStore | undefined;

  constructor(
    private readonly task: AnyTask,
    private readonly module: AnyTaskWorkerModule = {},
    private readonly options: TaskSessionOptions = {},
  ) {}

  /** The model last trained on this page, if its store kept one (IndexedDB: across reloads). */
  async saved(): Promise<SavedRun | null> {
    return readSavedRun(this.task, this.storeFor());
  }

  /** Makes the saved model the current one; Train then continues it exactly. */
  async restore(): Promise<Restored> {
    this.checkIdle(`${this.task.name}.restore`);
    this.loading = true;
    try {
      const store = this.storeFor();
      const r = await restoreSavedRun(this.task, store, `${this.task.name}.restore`);
      const facts = this.factsOf(r.model, {
        origin: 'trained',
        source: this.sourceOf(r.data),
        trainedSteps: r.step,
        metrics: r.metrics,
      });
      this.put({ model: r.model, facts, run: { key: r.key, data: r.data, store, steps: r.step } });
      return { model: facts, config: r.config };
    } finally {
      this.loading = false;
    }
  }

  /** Asks a running training to stop after its current step; false when none runs. */
  stop(): boolean {
    if (!this.abort) return false;
    this.abort.abort();
    return true;
  }

  /** Loads a checkpoint folder served at `url` (absolute: a worker has no page to resolve from). */
  async load(url: string): Promise<ModelFacts> {
    this.checkIdle(`${this.task.name}.load`);
    this.loading = true;
    try {
      const checkpoint = await loadCheckpoint(url);
      const { config, location } = checkpoint;
      if (config.task !== this.task.name) {
        throw new CheckpointError(
          `${location}: expected a ${this.task.name} checkpoint, got task ${JSON.stringify(config.task ?? null)}. Load it on its own task's page.`,
        );
      }
      const model = this.task.fromCheckpoint(checkpoint);
      const facts = this.factsOf(
        model,
        {
          origin: 'pretrained',
          source: location,
          ...checkpointFacts(config, Object.keys(this.task.metrics)),
        },
        config,
      );
      this.put({ model, facts });
      return facts;
    } finally {
      this.loading = false;
    }
  }

  async train(
    config: TaskTrainConfig,
    onProgress: (event: TrainProgress) => void,
    onNote?: (note: TaskNote) => void,
  ): Promise<TrainSummary> {
    const who = `${this.task.name}.train`;
    this.checkIdle(who);
    const hyperParameters = this.task.resolveHyperParameters(
      config.preset,
      config.hyperParameters as Partial<object>,
    );
    const key = JSON.stringify([config.data, hyperParameters]);
    const abort = new AbortController();
    this.abort = abort;
    try {
      let current = this.current;
      if (!config.resume || current?.run?.key !== key) {
        current = await this.fresh(config, hyperParameters, key);
      }
      const run = current.run!;
      const result = await this.slot.use(who, (model) =>
        this.task.train(model, run.data, {
          steps: run.steps + config.steps,
          evalEvery: config.evalEvery,
          checkpointEvery: config.evalEvery, // a reload loses at most evalEvery steps
          checkpointStore: run.store,
          resume: run.steps > 0,
          signal: abort.signal,
          extraConfig: { page: savedConfigFrom(config) as unknown as JsonValue },
          options: resolveOptions(`${who} options`, this.task.trainOptions, config.options ?? {}),
          onProgress,
          ...(onNote ? { onNote } : {}),
        }),
      );
      run.steps = result.step;
      current.facts = {
        ...current.facts,
        trainedSteps: result.step,
        metrics: result.lastMetrics ?? current.facts.metrics,
      };
      const { losses } = result;
      return {
        steps: losses.length,
        firstLoss: losses[0] ?? Number.NaN,
        lastLoss: losses[losses.length - 1] ?? Number.NaN,
        stopped: result.reason === 'aborted',
        model: current.facts,
      };
    } finally {
      this.abort = undefined;
    }
  }

  /** The task's `generate` verb; `onChunk` gets the text drawn since the last chunk. */
  async generate(options: OptionValues, onChunk: (text: string) => void): Promise<Generated> {
    const who = `${this.task.name}.generate`;
    const verb = this.task.generate;
    if (!verb) throw this.noVerb(who, 'generate');
    const { chunkMs, maxPieces } = { ...taskSessionDefaults, ...this.options };
    return this.use(who, async (model) => {
      const started = await verb.start(model, resolveOptions(who, verb.options, options));
      return generateInChunks(started, onChunk, { chunkMs, maxPieces });
    });
  }

  /** The task's `predict` verb on `inputs`, with its human lines. */
  async predict(inputs: readonly string[], options: OptionValues): Promise<Predicted> {
    const who = `${this.task.name}.predict`;
    const verb = this.task.predict;
    if (!verb) throw this.noVerb(who, 'predict');
    return this.use(who, async (model) => {
      const predictions = await verb.predict(
        model,
        inputs,
        resolveOptions(who, verb.options, options),
      );
      return { predictions, lines: predictions.map((p) => verb.format(p)) };
    });
  }

  /** A probe of the task's worker module (the char-LM's `trace`, `score`). */
  async probe(name: string, input: JsonValue): Promise<unknown> {
    const who = `${this.task.name}.probe`;
    const probes = this.module.probes ?? {};
    const probe = Object.hasOwn(probes, name) ? probes[name] : undefined;
    if (!probe) {
      const known = Object.keys(probes);
      throw new ConfigError(
        `${who}: unknown probe ${JSON.stringify(name)}. Available: ${known.join(', ') || `none (${this.task.name} has no worker module)`}.`,
      );
    }
    return this.use(`${who} ${name}`, (model) => probe(model, input));
  }

  private async use<T>(who: string, fn: (model: TaskModel) => Promise<T>): Promise<T> {
    if (this.loading) throw new ConfigError(`${who}: a model is loading. Wait until it is loaded.`);
    return this.slot.use(who, fn);
  }

  private checkIdle(who: string): void {
    if (this.abort) throw new ConfigError(`${who}: training is running. Stop it first.`);
    if (this.loading) {
      throw new ConfigError(`${who}: a model is loading. Wait until it is loaded.`);
    }
  }

  private noVerb(who: string, verb: 'generate' | 'predict'): ConfigError {
    const other = verb === 'generate' ? 'predict' : 'generate';
    return new ConfigError(
      `${who}: ${this.task.name} has no ${verb} verb${this.task[other] ? `; it has ${other} (task/${other})` : ''}.`,
    );
  }

  /** A new model and its run for `config`; replaces the current model. */
  private async fresh(config: TaskTrainConfig, hyperParameters: object, key: string) {
    const data = await this.task.prepareData(config.data, hyperParameters, {});
    const model = this.task.create(data, hyperParameters);
    const source = this.sourceOf(data);
    const current: Current = {
      model,
      facts: this.factsOf(model, { origin: 'trained', source, trainedSteps: 0, metrics: {} }),
      run: { key, data, store: this.storeFor(), steps: 0 },
    };
    this.put(current);
    return current as Current & { run: Run };
  }

  /** One store per session: a new training run replaces the one saved before. */
  private storeFor(): CheckpointStore {
    this.store ??= (this.options.store ?? taskSessionDefaults.store)(this.task.name);
    return this.store;
  }

  private sourceOf(data: unknown): string {
    return (
      this.module.trainedSource?.(data) ??
      `${this.task.describeData(data).join('; ')} (trained on this page)`
    );
  }

  private put(next: Current): void {
    this.current = next;
    this.slot.set(next.model);
  }

  private factsOf(
    model: TaskModel,
    about: Pick<ModelFacts, 'origin' | 'source' | 'trainedSteps' | 'metrics'>,
    config?: Readonly<Record<string, JsonValue>>,
  ): ModelFacts {
    return {
      task: this.task.name,
      ...about,
      hyperParameters: { ...(model.hyperParameters as Record<string, JsonValue>) },
      details: this.module.describe?.(model, config) ?? {},
    };
  }
}
