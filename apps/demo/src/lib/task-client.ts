/**
 * A page's handle on one task in the worker: the `task/*` requests with the task's name
 * filled in, and the streams of a request (`train/progress`, `generate/chunk`) delivered to
 * callbacks until its reply. `Probes` is the type of the task's worker-side probe table
 * (a type-only import: no worker code is loaded on the main thread), which types `probe`.
 *
 * @example
 * const charLm = taskClient<CharLmProbes>(client, 'char-lm');
 * const summary = await charLm.train(config, (event) => chart.push(event));
 * const trace = await charLm.probe('trace', { text: 'Call me', layer: 0 }); // CharLmTrace
 */
import type { OptionValues, TaskNote } from '@recurrent/task';
import type { JsonValue, TrainProgress } from '@recurrent/train';
import type {
  Generated,
  ModelFacts,
  Predicted,
  Response,
  Restored,
  SavedRun,
  TaskInfo,
  TaskTrainConfig,
  TrainSummary,
} from '../worker/protocol.js';
import type { WorkerClient } from './worker-client.js';

type ProbeTable = Record<string, (model: never, input: JsonValue) => Promise<unknown>>;
type ProbeResult<Probes extends ProbeTable, Name extends keyof Probes> = Awaited<
  ReturnType<Probes[Name]>
>;

export interface TaskClient<Probes extends ProbeTable> {
  readonly task: string;
  /** The task's specs, presets, metrics, verb and probes. */
  describe(): Promise<TaskInfo>;
  /** Loads a checkpoint folder at an absolute URL. */
  load(url: string): Promise<ModelFacts>;
  /** Trains; every `TrainProgress` event goes to `onProgress`, every task note to `onNote`. */
  train(
    config: TaskTrainConfig,
    onProgress: (event: TrainProgress) => void,
    onNote?: (note: TaskNote) => void,
  ): Promise<TrainSummary>;
  /** The model last trained on the page, as the browser keeps it (null when none). */
  saved(): Promise<SavedRun | null>;
  /** Makes the saved model the current one (Train continues it). */
  restore(): Promise<Restored>;
  /** Asks a running training to stop; resolves to whether one was running. */
  stop(): Promise<boolean>;
  /** Generates; the text arrives in chunks through `onChunk` before the reply. */
  generate(options: OptionValues, onChunk: (text: string) => void): Promise<Generated>;
  predict(inputs: string[], options: OptionValues): Promise<Predicted>;
  probe<Name extends keyof Probes & string>(
    name: Name,
    input: JsonValue,
  ): Promise<ProbeResult<Probes, Name>>;
}

export function taskClient<Probes extends ProbeTable = Record<string, never>>(
  client: WorkerClient,
  task: string,
): TaskClient<Probes> {
  /** Sends a request whose stream messages (same id, a type in `streams`) go to `onMessage`. */
  function streamed<R>(
    reply: { id: number; reply: Promise<R> },
    streams: Response['type'] | readonly Response['type'][],
    onMessage: (message: Response) => void,
  ): Promise<R> {
    const types: readonly Response['type'][] = Array.isArray(streams) ? streams : [streams];
    const off = client.onMessage((message) => {
      if (types.includes(message.type) && message.id === reply.id) onMessage(message);
    });
    return reply.reply.finally(off);
  }
  return {
    task,
    describe: async () => (await client.call({ type: 'task/describe', task })).info,
    load: async (url) => (await client.call({ type: 'task/load', task, url })).model,
    async train(config, onProgress, onNote) {
      const sent = client.send({ type: 'task/train', task, config });
      const reply = await streamed(sent, ['train/progress', 'train/note'], (m) => {
        if (m.type === 'train/progress') onProgress(m.event);
        if (m.type === 'train/note') onNote?.(m.note);
      });
      return reply.summary;
    },
    saved: async () => (await client.call({ type: 'task/saved', task })).saved,
    restore: async () => (await client.call({ type: 'task/restore', task })).restored,
    stop: async () => (await client.call({ type: 'task/stop', task })).wasTraining,
    async generate(options, onChunk) {
      const sent = client.send({ type: 'task/generate', task, options });
      const reply = await streamed(sent, 'generate/chunk', (m) => {
        if (m.type === 'generate/chunk') onChunk(m.text);
      });
      return reply.result;
    },
    predict: async (inputs, options) =>
      (await client.call({ type: 'task/predict', task, inputs, options })).result,
    probe<Name extends keyof Probes & string>(name: Name, input: JsonValue) {
      return client
        .call({ type: 'task/probe', task, probe: name, input })
        .then((reply) => reply.result as ProbeResult<Probes, Name>);
    },
  };
}
