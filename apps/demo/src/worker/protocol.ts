/**
 * The typed message protocol between the page and the compute worker: one discriminated
 * union each way. Every request carries an `id`; the worker answers with the reply type that
 * `ReplyTo` names (or an `error` with the same id). Training also streams `charLm/progress`
 * and `charLm/evaluated` messages with the id of its `charLm/train` request, and sampling
 * streams `charLm/chunk` messages (the characters as they are drawn) before its reply. Errors the worker did not catch
 * (`self.onerror`, `unhandledrejection`) arrive as `error` with `id: null`.
 *
 * Everything here is structured-clone friendly: plain objects, arrays and numbers.
 */
import type { BackendName, BackendReportEntry } from '@recurrent/backends';

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

export interface CharLmTrainConfig {
  readonly text: string;
  readonly units: number;
  /** Characters per training window (truncated BPTT length). */
  readonly seqLength: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Steps to train in this call (the page can also stop earlier). */
  readonly steps: number;
  readonly seed: number;
  /**
   * Continue the model trained here before (same text and sizes: weights, Adam's moments and
   * the data position carry over exactly) or start from fresh weights (false).
   */
  readonly resume: boolean;
}

export interface CharLmProgress {
  readonly step: number;
  readonly loss: number;
  readonly tokensPerSecond: number;
}

/** What the page shows about the model the worker holds. */
export interface CharLmFacts {
  /** 'pretrained': loaded from a checkpoint; 'trained': trained on this page. */
  readonly origin: 'pretrained' | 'trained';
  /** The checkpoint's URL (pretrained) or a short description of the text (trained). */
  readonly source: string;
  readonly cell: string;
  readonly layers: number;
  readonly units: number;
  readonly embeddingDim: number;
  readonly vocabSize: number;
  readonly parameters: number;
  /** Optimizer updates behind these weights, when known. */
  readonly trainedSteps: number | null;
  /** Validation loss in nats per character, when known. */
  readonly valLoss: number | null;
  /** The training corpus named in the checkpoint's config, when present. */
  readonly corpus: string | null;
}

export interface CharLmSummary {
  /** Steps run by this call. */
  readonly steps: number;
  readonly firstLoss: number;
  readonly lastLoss: number;
  readonly vocabulary: string[];
  readonly stopped: boolean;
  readonly model: CharLmFacts;
}

export interface CharLmSampleOptions {
  readonly prime: string;
  readonly length: number;
  readonly temperature: number;
  /** 0 = no top-k cut. */
  readonly topK: number;
  /** 1 = no top-p (nucleus) cut. */
  readonly topP: number;
  readonly seed: number;
}

export interface CharLmSampleResult {
  /** The prime as used (characters outside the vocabulary dropped) followed by the sample. */
  readonly text: string;
  /** The prime as used. */
  readonly prime: string;
  /** Characters of the prime the model has never seen (dropped). */
  readonly dropped: string[];
}

export interface CharLmTrace {
  readonly chars: string[];
  /** The layer shown (0 = the one reading the characters). */
  readonly layer: number;
  readonly layers: number;
  readonly cell: string;
  readonly h: Matrix; // [time, units]
  /** LSTM only: the cell state. */
  readonly c?: Matrix; // [time, units]
  /** LSTM only: the gates after their activations. */
  readonly gates?: { readonly i: Matrix; readonly f: Matrix; readonly o: Matrix };
  /** p(char_t | chars before t): how much the model expected each character (NaN at t = 0). */
  readonly probability: number[];
}

export interface CharLmScore {
  readonly chars: string[];
  /** log p(chars[t] | chars[0..t-1]) in nats for t = 1..n-1 (one per predicted character). */
  readonly logProbs: number[];
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

export type Request =
  | { type: 'init'; id: number; backend: BackendRequest; inject: InjectMode }
  | { type: 'cellLab/run'; id: number; params: CellLabParams }
  | { type: 'charLm/load'; id: number; url: string }
  | { type: 'charLm/train'; id: number; config: CharLmTrainConfig }
  | { type: 'charLm/stop'; id: number }
  | { type: 'charLm/sample'; id: number; options: CharLmSampleOptions }
  | { type: 'charLm/trace'; id: number; text: string; layer: number }
  | { type: 'charLm/score'; id: number; text: string }
  | { type: 'stats'; id: number };

export type Response =
  | { type: 'ready'; id: number; backend: BackendInfo }
  | { type: 'cellLab/trace'; id: number; trace: CellLabTrace }
  | { type: 'charLm/loaded'; id: number; model: CharLmFacts }
  | { type: 'charLm/progress'; id: number; progress: CharLmProgress }
  | { type: 'charLm/evaluated'; id: number; step: number; valLoss: number }
  | { type: 'charLm/trained'; id: number; summary: CharLmSummary }
  | { type: 'charLm/stopping'; id: number; wasTraining: boolean }
  | { type: 'charLm/chunk'; id: number; text: string }
  | { type: 'charLm/sample'; id: number; result: CharLmSampleResult }
  | { type: 'charLm/trace'; id: number; trace: CharLmTrace }
  | { type: 'charLm/score'; id: number; score: CharLmScore }
  | { type: 'stats'; id: number; stats: WorkerStats }
  | { type: 'error'; id: number | null; error: WorkerErrorInfo };

/** The reply type each request gets (besides `error`). */
export interface ReplyTo {
  init: 'ready';
  'cellLab/run': 'cellLab/trace';
  'charLm/load': 'charLm/loaded';
  'charLm/train': 'charLm/trained';
  'charLm/stop': 'charLm/stopping';
  'charLm/sample': 'charLm/sample';
  'charLm/trace': 'charLm/trace';
  'charLm/score': 'charLm/score';
  stats: 'stats';
}

export type RequestType = Request['type'];
/** A request without its id (the client numbers them), one union member per request type. */
export type RequestBody = Request extends infer R
  ? R extends Request
    ? Omit<R, 'id'>
    : never
  : never;
export type ReplyFor<T extends RequestType> = Extract<Response, { type: ReplyTo[T] }>;
