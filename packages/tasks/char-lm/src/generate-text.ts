/**
 * Streams text from a char-LM one character at a time: the prime runs through the network
 * in one fused pass, then every character is sampled (temperature, top-k, top-p, seeded)
 * and fed back through the stateful step.
 *
 * @example
 * for await (const ch of streamText(model, 'Call me', { length: 200, temperature: 0.8 })) process.stdout.write(ch);
 */
import { createUnknownTally, encodeChars } from '@recurrent/data';
import { type Stepper, streamTokens } from '@recurrent/decode';
import { ConfigError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import type { CharLm } from './create-char-lm.js';

export interface GenerateTextOptions {
  /** Characters to generate after the prime. Default 200. */
  readonly length?: number;
  /** 0 is greedy; below 1 is more conservative, above 1 more adventurous. Default 0.8. */
  readonly temperature?: number;
  /** Sample among the k likeliest characters; 0 for all. Default 0. */
  readonly topK?: number;
  /** Sample from the smallest set with this much probability; 1 for all. Default 1. */
  readonly topP?: number;
  readonly seed?: number;
  readonly signal?: AbortSignal;
}

export const generateTextDefaults = Object.freeze({
  length: 200, // a paragraph
  temperature: 0.8, // Karpathy's favourite: fewer typos than 1.0, less repetition than greedy
  topK: 0, // off
  topP: 1, // off
  seed: 0, // same prime and seed, same text
});

/** Encodes a prime; characters outside the vocabulary are an error that names them. */
function encodePrime(model: CharLm, prime: string): number[] {
  const tally = createUnknownTally();
  const ids = encodeChars(model.vocabulary, prime, { tally });
  if (tally.count > 0) {
    const missing = [...tally.tokens.keys()]; // first seen first
    throw new ConfigError(
      `generate: the prime has characters the model never saw: ${missing.map((c) => JSON.stringify(c)).join(', ')}. Remove them or train on a text that has them.`,
    );
  }
  return ids;
}

function charLmStepper(model: CharLm, banSpecials: tf.Tensor1D): Stepper<tf.Tensor2D[]> {
  return {
    step(tokens, state) {
      return tf.tidy(() => {
        const { logits, state: next } = model.step(tf.tensor1d(tokens, 'int32'), state);
        return { logits: tf.add(logits, banSpecials) as tf.Tensor2D, state: next }; // [batch, vocab]
      });
    },
    disposeState(state) {
      tf.dispose(state);
    },
  };
}

export async function* streamText(
  model: CharLm,
  prime: string,
  options: GenerateTextOptions = {},
): AsyncGenerator<string, void, undefined> {
  const o = { ...generateTextDefaults, ...options };
  const vocab = model.vocabulary;
  const firstCorpusId = vocab.specialCount; // ids below it are <pad>, <unk>, <bos>, <eos>
  const primeIds =
    prime.length > 0
      ? encodePrime(model, prime)
      : [vocab.has('\n') ? vocab.idOf('\n') : firstCorpusId];
  const context = primeIds.slice(0, -1);
  const start = primeIds[primeIds.length - 1]!;
  const initialState = tf.tidy(() => {
    if (context.length === 0) return model.initialState(1);
    return model.forward(tf.tensor2d([context], [1, context.length], 'int32')).state;
  });
  // Special ids are never text: their logits are pushed to -1e9.
  const banSpecials = tf.tidy(() => {
    const bias = new Float32Array(model.vocabSize);
    bias.fill(-1e9, 0, vocab.specialCount);
    return tf.tensor1d(bias); // [vocab]
  });
  try {
    const events = streamTokens(charLmStepper(model, banSpecials), {
      start: [start],
      initialState,
      maxLength: o.length,
      temperature: o.temperature,
      topK: o.topK,
      topP: o.topP,
      seed: o.seed,
      ...(o.signal ? { signal: o.signal } : {}),
    });
    for await (const event of events) {
      yield vocab.tokenOf(event.token);
    }
  } finally {
    tf.dispose([initialState, banSpecials]);
  }
}

/** The whole generated text (after the prime) as one string. */
export async function generateText(
  model: CharLm,
  prime: string,
  options: GenerateTextOptions = {},
): Promise<string> {
  let text = '';
  for await (const ch of streamText(model, prime, options)) text += ch;
  return text;
}
