/**
 * The char-LM page's model, living in the worker, driven through `@recurrent/char-lm`:
 * - `load(url)`: a checkpoint exported by `recurrent export` (fetched, checksums verified;
 *   hyper-parameters and vocabulary from its config.json);
 * - `train(config)`: a new model on a text (`prepareCharLmData` -> `createCharLm` ->
 *   `trainCharLm`), stopped by an AbortSignal; Train after Stop resumes exactly through an
 *   in-memory checkpoint store;
 * - `sample(options)`: `streamText`, characters passed on as they are drawn;
 * - `trace(text, layer)` and `score(text)`: the hidden-state view and per-character log-probs.
 * The training loop yields to the event loop after every step, so `stop`, `sample` and `trace`
 * requests are served while it trains. A model that is replaced while a request still reads it
 * is disposed when that request ends.
 */
import {
  type CharLm,
  type CharLmData,
  charLmFromCheckpoint,
  createCharLm,
  prepareCharLmData,
  resolveHyperParameters,
  streamText,
  trainCharLm,
} from '@recurrent/char-lm';
import { ConfigError } from '@recurrent/errors';
import { type CheckpointStore, loadCheckpoint } from '@recurrent/train';
import { charLmFacts, trainingFactsOf } from './char-lm-facts.js';
import { charIds, charLogProbs } from './char-log-probs.js';
import { memoryCheckpointStore } from './memory-checkpoint-store.js';
import type {
  CharLmFacts,
  CharLmProgress,
  CharLmSampleOptions,
  CharLmSampleResult,
  CharLmScore,
  CharLmSummary,
  CharLmTrace,
  CharLmTrainConfig,
} from './protocol.js';
import { traceCharLm } from './trace-char-lm.js';

export const charLmLimits = Object.freeze({
  maxSample: 1000, // characters per sample request
  maxTrace: 400, // characters in the hidden-state view (one heat-map column each)
  maxScore: 2000, // characters scored in one forward pass
});

export const scratchDefaults = Object.freeze({
  preset: 'tiny', // embedding 16, warmup 5: sized for seconds of training in a page
  evalEvery: 50, // a validation loss every 50 steps (the held-out tail is tiny: cheap)
  chunkMs: 30, // sampled characters are posted to the page at most every 30 ms
});

/** A model trained on this page, with what resuming it needs. */
interface Run {
  /** Text and sizes: resuming needs the same data and the same model. */
  readonly key: string;
  readonly data: CharLmData;
  readonly store: CheckpointStore;
  steps: number;
}

interface Current {
  readonly model: CharLm;
  facts: CharLmFacts;
  readonly run?: Run;
}

export class CharLmSession {
  private current: Current | undefined;
  private abort: AbortController | undefined;
  private loading = false;
  private readonly users = new Map<CharLm, number>();
  private readonly retired = new Set<CharLm>();

  /** Asks a running training to stop after its current step; false when none runs. */
  stop(): boolean {
    if (!this.abort) return false;
    this.abort.abort();
    return true;
  }

  /** Loads a checkpoint folder served at `url` (absolute: a worker has no page to resolve from). */
  async load(url: string): Promise<CharLmFacts> {
    this.checkIdle('charLm.load');
    this.loading = true;
    try {
      const checkpoint = await loadCheckpoint(url);
      const model = charLmFromCheckpoint(checkpoint);
      const facts = charLmFacts(model, {
        origin: 'pretrained',
        source: checkpoint.location,
        ...trainingFactsOf(checkpoint.config),
      });
      this.replace({ model, facts });
      return facts;
    } finally {
      this.loading = false;
    }
  }

  async train(
    config: CharLmTrainConfig,
    onProgress: (progress: CharLmProgress) => void,
    onEvaluated: (step: number, valLoss: number) => void,
  ): Promise<CharLmSummary> {
    this.checkIdle('charLm.train');
    if (config.text.trim().length === 0) {
      throw new ConfigError('charLm.train: expected a text to train on, got none. Paste a text.');
    }
    const key = JSON.stringify([
      config.text,
      config.units,
      config.seqLength,
      config.batchSize,
      config.learningRate,
      config.seed,
    ]);
    const abort = new AbortController();
    this.abort = abort;
    try {
      let current = this.current;
      if (!config.resume || current?.run?.key !== key) {
        current = await this.fresh(config, key);
      }
      const run = current.run!;
      const model = current.model;
      const result = await trainCharLm(model, run.data, {
        steps: run.steps + config.steps,
        evalEvery: scratchDefaults.evalEvery,
        checkpointStore: run.store,
        resume: run.steps > 0,
        signal: abort.signal,
        onProgress: (event) => {
          if (event.kind === 'step') {
            onProgress({
              step: event.step,
              loss: event.loss,
              tokensPerSecond: event.tokensPerSecond ?? 0,
            });
          } else if (event.kind === 'eval' && event.metrics.valLoss !== undefined) {
            onEvaluated(event.step, event.metrics.valLoss);
          }
        },
      });
      run.steps = result.step;
      current.facts = {
        ...current.facts,
        trainedSteps: result.step,
        valLoss: result.lastMetrics?.valLoss ?? current.facts.valLoss,
      };
      const { losses } = result;
      return {
        steps: losses.length,
        firstLoss: losses[0] ?? Number.NaN,
        lastLoss: losses[losses.length - 1] ?? Number.NaN,
        vocabulary: model.vocabulary.tokens.slice(4), // without <pad>, <unk>, <bos>, <eos>
        stopped: result.reason === 'aborted',
        model: current.facts,
      };
    } finally {
      this.abort = undefined;
    }
  }

  /** The prime (characters the model never saw are dropped) followed by `length` sampled ones. */
  sample(
    options: CharLmSampleOptions,
    onChunk: (text: string) => void,
  ): Promise<CharLmSampleResult> {
    return this.using('charLm.sample', async (model) => {
      const chars = Array.from(options.prime.normalize('NFC'));
      const dropped = [...new Set(chars.filter((c) => !model.vocabulary.has(c)))];
      const prime = chars.filter((c) => model.vocabulary.has(c)).join('');
      let text = '';
      let pending = '';
      let posted = performance.now();
      for await (const ch of streamText(model, prime, {
        length: Math.max(1, Math.min(options.length, charLmLimits.maxSample)),
        temperature: options.temperature,
        topK: Math.min(Math.max(0, options.topK), model.vocabSize),
        topP: options.topP,
        seed: options.seed,
      })) {
        text += ch;
        pending += ch;
        if (performance.now() - posted >= scratchDefaults.chunkMs) {
          onChunk(pending);
          pending = '';
          posted = performance.now();
        }
      }
      if (pending) onChunk(pending);
      return { text: prime + text, prime, dropped };
    });
  }

  trace(text: string, layer: number): Promise<CharLmTrace> {
    return this.using('charLm.trace', (model) => {
      const chars = Array.from(text).slice(0, charLmLimits.maxTrace);
      if (chars.length === 0) throw new ConfigError('charLm.trace: expected some text, got none.');
      return traceCharLm(model, chars, layer);
    });
  }

  /** log p(char_t | chars before t) for every character after the first. */
  score(text: string): Promise<CharLmScore> {
    return this.using('charLm.score', async (model) => {
      const chars = Array.from(text).slice(0, charLmLimits.maxScore);
      return { chars, logProbs: await charLogProbs(model, charIds(model, chars)) };
    });
  }

  private checkIdle(who: string): void {
    if (this.abort) throw new ConfigError(`${who}: training is running. Stop it first.`);
    if (this.loading) {
      throw new ConfigError(`${who}: a model is loading. Wait until it is loaded.`);
    }
  }

  /** A new model and its run for `config`; replaces the current model. */
  private async fresh(config: CharLmTrainConfig, key: string): Promise<Current> {
    const hyperParameters = resolveHyperParameters(scratchDefaults.preset, {
      units: config.units,
      timeSteps: config.seqLength,
      batchSize: config.batchSize,
      learningRate: config.learningRate,
      seed: config.seed,
    });
    const data = await prepareCharLmData(config.text);
    const model = createCharLm({ vocabulary: data.vocabulary, hyperParameters });
    const characters = data.report.characters.toLocaleString('en');
    const current: Current = {
      model,
      facts: charLmFacts(model, {
        origin: 'trained',
        source: `${characters} characters of text, trained on this page`,
        trainedSteps: 0,
        valLoss: null,
        corpus: null,
      }),
      run: { key, data, store: memoryCheckpointStore('char-lm'), steps: 0 },
    };
    this.replace(current);
    return current;
  }

  private replace(next: Current): void {
    const old = this.current?.model;
    this.current = next;
    if (!old) return;
    if (this.users.has(old)) this.retired.add(old);
    else old.dispose();
  }

  /** Runs `fn` on the current model; a model replaced meanwhile is disposed afterwards. */
  private async using<T>(who: string, fn: (model: CharLm) => Promise<T>): Promise<T> {
    const model = this.current?.model;
    if (!model) {
      throw new ConfigError(`${who}: no model yet. Load the pretrained model or train one.`);
    }
    if (this.loading) throw new ConfigError(`${who}: a model is loading. Wait until it is loaded.`);
    this.users.set(model, (this.users.get(model) ?? 0) + 1);
    try {
      return await fn(model);
    } finally {
      const left = (this.users.get(model) ?? 1) - 1;
      if (left > 0) this.users.set(model, left);
      else {
        this.users.delete(model);
        if (this.retired.delete(model)) model.dispose();
      }
    }
  }
}
