/**
 * The typed message protocol between the page and the compute worker: one discriminated
 * union each way, keyed by task rather than by message type per task. Every request carries
 * an `id`; the worker answers with the reply that `replyTypes` names (or an `error` with the
 * same id). Three streams carry the id of the request they belong to: `train/progress` (every
 * `TrainProgress` event of a `task/train`, as `@recurrent/train` reports it), `train/note`
 * (the task's notes while it trains, e.g. the char-LM's sample at every validation) and
 * `generate/chunk` (the text drawn so far by a `task/generate`, before its reply). Errors the
 * worker did not catch (`self.onerror`, `unhandledrejection`) arrive as `error` with `id: null`.
 *
 * Adding a task needs nothing here: the worker's task registry (`task-registry.ts`) knows it,
 * and a page names it in its requests (`{ type: 'task/train', task: 'sentiment', config }`).
 *
 * Labs are not tasks (no dataset, no checkpoint, no inference verb): they have their own small
 * family keyed the same way, by lab name. `lab/run` starts a run of the lab named in `lab`
 * with that lab's params, streams its progress as `lab/progress` (same id) and replies
 * `lab/done`; `lab/stop` asks the lab's run to stop after its current step (`lab/stopping`
 * says whether one was running; the run's own reply still comes, with what it finished).
 * The only lab today is `vanishing` (@recurrent/lab's sweep; `answer-lab-request.ts`);
 * another adds a member to `LabRequest`, `LabProgressEvent` and `LabResult`.
 * Everything is structured-clone friendly: plain objects, arrays and numbers.
 */
import type { BackendName, BackendReportEntry } from '@recurrent/backends';
import type { EmbeddedCorpusName } from '@recurrent/data';
import type { VanishingProgress, VanishingRow } from '@recurrent/lab';
import type { MetricSpec, OptionSpecs, OptionValue, OptionValues, TaskNote } from '@recurrent/task';
import type { JsonValue, TrainProgress } from '@recurrent/train';

/** What the page asks for: a backend name, or 'auto' for the best one this browser has. */
export type BackendRequest = 'auto' | BackendName;

/** The debug hook `?inject-worker-error=1|reject`: make the worker fail at start-up. */
export type InjectMode = 'none' | 'throw' | 'reject';

export interface BackendInfo {
  readonly requested: BackendRequest;
  readonly name: BackendName;
  /** E.g. 'software adapter (google swiftshader)' or 'SIMD on, threads on (2)'. */
  readonly detail?: string;
  /** True when an explicitly requested backend was unavailable and another was used. */
  readonly fellBack: boolean;
  /** Whether the worker runs cross-origin isolated (threaded wasm needs it). */
  readonly crossOriginIsolated: boolean;
  readonly report: readonly BackendReportEntry[];
  readonly tfjsVersion: string;
}

/** A row-major matrix: `rows[r][c]`. */
export type Matrix = number[][];

export type CellKindShown = 'rnn' | 'lstm';

export interface CellLabParams {
  readonly kind: CellKindShown;
  /** The input sequence: one token per character, one-hot over the word's own letters. */
  readonly word: string;
  readonly units: number;
  /** Multiplies the recurrent weights W (how strongly h_{t-1} feeds back). */
  readonly wScale: number;
  /** Multiplies the input weights U (how strongly x_t drives the state). */
  readonly uScale: number;
  /** Added to every bias entry (for the LSTM: to the candidate and output gates). */
  readonly bias: number;
  /** LSTM only: the forget-gate bias (high = remember, low = forget). */
  readonly forgetBias: number;
  readonly seed: number;
}

export interface CellLabTrace {
  readonly kind: CellKindShown;
  /** The distinct letters of the word, in first-seen order: the one-hot positions. */
  readonly alphabet: string[];
  readonly tokens: string[];
  readonly inputs: Matrix; // [time, inputSize] one-hot
  readonly h: Matrix; // [time, units]
  /** LSTM: the cell state c_t. */
  readonly c?: Matrix; // [time, units]
  /** LSTM: the gates after their activations, and the candidate g = tanh(z_c). */
  readonly gates?: {
    readonly i: Matrix;
    readonly f: Matrix;
    readonly o: Matrix;
    readonly g: Matrix;
  };
  /** The weights used (after scaling), so the page can show them. */
  readonly W: Matrix; // [units, gates*units]
  readonly U: Matrix; // [inputSize, gates*units]
  readonly b: number[]; // [gates*units]
}

/** A registered task as a page needs it to draw its controls (`task/describe`). */
export interface TaskInfo {
  readonly name: string;
  readonly summary: string;
  readonly defaultDataset: string;
  /** Type, default, bounds and help of every hyper-parameter: the page's training controls. */
  readonly hyperParameters: OptionSpecs;
  readonly presets: Readonly<Record<string, Readonly<Record<string, OptionValue>>>>;
  readonly metrics: Readonly<Record<string, MetricSpec>>;
  readonly bestMetric: string;
  /** The task's inference verb and its options (`task/generate` or `task/predict`). */
  readonly verb: { readonly name: 'generate' | 'predict'; readonly options: OptionSpecs } | null;
  /** The `task/probe` names its worker module answers (char-lm: trace, score). */
  readonly probes: readonly string[];
}

/** What the page shows about the model a task's session holds. */
export interface ModelFacts {
  readonly task: string;
  /** 'pretrained': loaded from a checkpoint; 'trained': trained on this page. */
  readonly origin: 'pretrained' | 'trained';
  /** The checkpoint's URL (pretrained) or a short description of the data (trained). */
  readonly source: string;
  readonly hyperParameters: Readonly<Record<string, JsonValue>>;
  /** Optimizer updates behind these weights, when known. */
  readonly trainedSteps: number | null;
  /** The latest validation metrics (names from `TaskInfo.metrics`); empty when unknown. */
  readonly metrics: Readonly<Record<string, number>>;
  /** What the task's worker module adds (char-lm: characters, parameters, corpus). */
  readonly details: Readonly<Record<string, JsonValue>>;
}

export interface TaskTrainConfig {
  /** The task's data as option values: char-lm reads `{ text: '...' }`. */
  readonly data: OptionValues;
  /** The preset the hyper-parameters start from (`tiny`: seconds in a page). */
  readonly preset: string;
  /** Overrides of the preset, checked against the task's specs; not `steps` (below). */
  readonly hyperParameters: OptionValues;
  /** Steps to train in this call (the page can also stop earlier). */
  readonly steps: number;
  /** Validation every N steps (and at the end). */
  readonly evalEvery: number;
  /**
   * Continue the model trained here before (same data and hyper-parameters: weights, the
   * optimizer's moments and the data position carry over exactly) or start afresh (false).
   */
  readonly resume: boolean;
  /** The task's own training options (`trainOptions`; char-lm: `sampleLength`). */
  readonly options?: OptionValues;
}

/** What a page sent to train the model saved in the browser: enough to train it further. */
export interface SavedTrainConfig {
  readonly data: OptionValues;
  readonly preset: string;
  readonly hyperParameters: OptionValues;
}

/** The model this task last trained on the page, as IndexedDB keeps it (`task/saved`). */
export interface SavedRun {
  /** Optimizer updates in the saved checkpoint (saved every `evalEvery` steps and on Stop). */
  readonly step: number;
  readonly metrics: Readonly<Record<string, number>>;
  readonly config: SavedTrainConfig;
  /** Where it is kept: `indexeddb://recurrent-checkpoints/demo-char-lm/latest`. */
  readonly location: string;
}

/** A model restored from the browser's storage, with what trained it (`task/restore`). */
export interface Restored {
  readonly model: ModelFacts;
  readonly config: SavedTrainConfig;
}

export interface TrainSummary {
  /** Steps run by this call. */
  readonly steps: number;
  readonly firstLoss: number;
  readonly lastLoss: number;
  readonly stopped: boolean;
  readonly model: ModelFacts;
}

export interface Generated {
  /** What the model read first (char-lm: the prime), shown before the text. */
  readonly prefix: string;
  /** Every piece generated after the prefix, joined (what `generate/chunk` streamed). */
  readonly text: string;
}

export interface Predicted {
  readonly predictions: JsonValue[];
  /** The task's human lines for each prediction. */
  readonly lines: string[][];
}

/** `tf.memory()` in the worker: tests check that repeated work leaves no tensors behind. */
export interface WorkerStats {
  readonly numTensors: number;
  readonly numBytes: number;
  readonly backend: string;
}

export interface WorkerErrorInfo {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** Where it was caught: a failing request, or an uncaught error/rejection in the worker. */
  readonly source: 'request' | 'uncaught' | 'unhandledrejection' | 'worker-load';
}

/**
 * Documents `[from, to)` of a corpus embedded in `@recurrent/data` (`moby-dick`: 0 contents,
 * 1 etymology, 2 extracts, 3 = chapter 1, ...), read in the worker so the page's main thread
 * never parses the 1.2 MB book.
 */
export interface CorpusRequest {
  type: 'corpus';
  id: number;
  name: EmbeddedCorpusName;
  from: number;
  to: number;
}

export interface CorpusText {
  readonly text: string;
  /** `Moby Dick by Herman Melville (...), chapters`, from the corpus. */
  readonly description: string;
  /** The first line of each document taken (its chapter heading). */
  readonly headings: string[];
}

/** The requests about one task; `task` is a name in the worker's registry. */
export type TaskRequest =
  | { type: 'task/describe'; id: number; task: string }
  | { type: 'task/load'; id: number; task: string; url: string }
  | { type: 'task/train'; id: number; task: string; config: TaskTrainConfig }
  | { type: 'task/stop'; id: number; task: string }
  | { type: 'task/saved'; id: number; task: string }
  | { type: 'task/restore'; id: number; task: string }
  | { type: 'task/generate'; id: number; task: string; options: OptionValues }
  | { type: 'task/predict'; id: number; task: string; inputs: string[]; options: OptionValues }
  | { type: 'task/probe'; id: number; task: string; probe: string; input: JsonValue };

/** A run of the vanishing-gradient lab: every (model, k) trained with the same budget. */
export interface VanishingLabParams {
  /** Names from @recurrent/lab's `labModels`: rnn, gru, lstm-f0, lstm-f1, lstm-chrono. */
  readonly models: readonly string[];
  /** The distances k (sequences of length k + 10), in order. */
  readonly ks: readonly number[];
  /** Training steps of every (model, k). */
  readonly steps: number;
  /** Measure ||dL/dh_t|| every N steps (the heat map's rows; step 0 is always measured). */
  readonly flowEvery: number;
  /** Weights, data and evaluation set. */
  readonly seed: number;
}

/** What the vanishing lab's run ended with: its rows (as the library returns them). */
export interface VanishingLabResult {
  readonly rows: readonly VanishingRow[];
  /** True when `lab/stop` ended it early (the row being trained is dropped). */
  readonly aborted: boolean;
  readonly seconds: number;
}

/** The requests about one lab; `lab` names it. */
export type LabRequest =
  | { type: 'lab/run'; id: number; lab: 'vanishing'; params: VanishingLabParams }
  | { type: 'lab/stop'; id: number; lab: 'vanishing' };

/** One progress event of a lab's run (`lab/progress`), per lab. */
export type LabProgressEvent = { lab: 'vanishing'; event: VanishingProgress };

/** A lab's reply to `lab/run`, per lab. */
export type LabResult = { lab: 'vanishing'; result: VanishingLabResult };

export type Request =
  | { type: 'init'; id: number; backend: BackendRequest; inject: InjectMode }
  | { type: 'stats'; id: number }
  | { type: 'cellLab/run'; id: number; params: CellLabParams }
  | CorpusRequest
  | TaskRequest
  | LabRequest;

export type Response =
  | { type: 'ready'; id: number; backend: BackendInfo }
  | { type: 'stats'; id: number; stats: WorkerStats }
  | { type: 'cellLab/trace'; id: number; trace: CellLabTrace }
  | { type: 'corpus/text'; id: number; corpus: CorpusText }
  | { type: 'task/described'; id: number; task: string; info: TaskInfo }
  | { type: 'task/loaded'; id: number; task: string; model: ModelFacts }
  | { type: 'train/progress'; id: number; task: string; event: TrainProgress }
  | { type: 'train/note'; id: number; task: string; note: TaskNote }
  | { type: 'task/trained'; id: number; task: string; summary: TrainSummary }
  | { type: 'task/savedRun'; id: number; task: string; saved: SavedRun | null }
  | { type: 'task/restored'; id: number; task: string; restored: Restored }
  | { type: 'task/stopping'; id: number; task: string; wasTraining: boolean }
  | { type: 'generate/chunk'; id: number; task: string; text: string }
  | { type: 'task/generated'; id: number; task: string; result: Generated }
  | { type: 'task/predicted'; id: number; task: string; result: Predicted }
  | { type: 'task/probed'; id: number; task: string; probe: string; result: unknown }
  | ({ type: 'lab/progress'; id: number } & LabProgressEvent)
  | ({ type: 'lab/done'; id: number } & LabResult)
  | { type: 'lab/stopping'; id: number; lab: LabRequest['lab']; wasRunning: boolean }
  | { type: 'error'; id: number | null; error: WorkerErrorInfo };

/** Messages that answer no request on their own: streams and errors. */
type NotAReply = 'train/progress' | 'train/note' | 'generate/chunk' | 'lab/progress' | 'error';

/** The reply each request gets (besides `error`): the one table, read by the client. */
export const replyTypes = Object.freeze({
  init: 'ready',
  stats: 'stats',
  'cellLab/run': 'cellLab/trace',
  corpus: 'corpus/text',
  'task/describe': 'task/described',
  'task/load': 'task/loaded',
  'task/train': 'task/trained',
  'task/stop': 'task/stopping',
  'task/saved': 'task/savedRun',
  'task/restore': 'task/restored',
  'task/generate': 'task/generated',
  'task/predict': 'task/predicted',
  'task/probe': 'task/probed',
  'lab/run': 'lab/done',
  'lab/stop': 'lab/stopping',
} as const satisfies Record<Request['type'], Exclude<Response['type'], NotAReply>>);

export type RequestType = Request['type'];
/** A request without its id (the client numbers them), one union member per request type. */
export type RequestBody = Request extends infer R
  ? R extends Request
    ? Omit<R, 'id'>
    : never
  : never;
export type ReplyFor<T extends RequestType> = Extract<Response, { type: (typeof replyTypes)[T] }>;
