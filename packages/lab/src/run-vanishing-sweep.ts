/**
 * The vanishing-gradient sweep: for every distance k and every model (simple RNN, GRU,
 * LSTM with forget-gate bias 0, 1, chrono), train on the long-range task with the same
 * steps, batch, units and optimizer, and measure accuracy on held-out sequences and the
 * gradient ratio ||dL/dh_1|| / ||dL/dh_T|| at initialisation and after training.
 *
 * Everything is seeded (weights, data, evaluation set): the same options give the same
 * numbers. Progress goes to `onProgress`; nothing is printed here.
 */
import { ConfigError } from '@recurrent/errors';
import { registerGradients, train } from '@recurrent/train';
import type { ForgetBias } from './forget-bias.js';
import type { GradientFlow } from './gradient-flow.js';
import { longRangeBatch, longRangeDefaults, longRangeVocabSize } from './long-range-batch.js';
import { type LabCellKind, longRangeModel, longRangeTensors } from './long-range-model.js';

export interface LabModelSpec {
  /** `rnn`, `gru`, `lstm-f0`, `lstm-f1`, `lstm-chrono` */
  readonly name: string;
  readonly cell: LabCellKind;
  readonly forgetBias?: ForgetBias;
}

export const labModels: readonly LabModelSpec[] = Object.freeze([
  { name: 'rnn', cell: 'rnn' },
  { name: 'gru', cell: 'gru' },
  { name: 'lstm-f0', cell: 'lstm', forgetBias: 0 },
  { name: 'lstm-f1', cell: 'lstm', forgetBias: 1 },
  { name: 'lstm-chrono', cell: 'lstm', forgetBias: 'chrono' },
]);

export interface VanishingSweepOptions {
  readonly ks?: readonly number[];
  readonly models?: readonly LabModelSpec[];
  readonly steps?: number;
  readonly batch?: number;
  readonly units?: number;
  readonly embeddingDim?: number;
  readonly learningRate?: number;
  readonly evalSize?: number;
  readonly flowBatch?: number;
  /** Also measure the gradient flow every N training steps and after the last (`flow` events); 0: off. */
  readonly flowEvery?: number;
  readonly seed?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: VanishingProgress) => void;
}

export const vanishingSweepDefaults = Object.freeze({
  ks: Object.freeze([5, 10, 20, 50]) as readonly number[], // the quick sweep; --full adds 100
  models: labModels,
  steps: 2500, // the same budget for every cell: the quick sweep takes ~10 minutes on 2 cores
  batch: 32, // sequences per update
  units: 32, // hidden units of every cell
  embeddingDim: 8, // the token embedding width (11 tokens)
  learningRate: 0.01, // Adam; one rate for all cells, no per-cell tuning
  evalSize: 512, // held-out sequences: accuracy to about +-0.02
  flowBatch: 64, // sequences whose gradient flow is measured
  flowEvery: 0, // at initialisation and after training only; the demo's heat map asks for more
  seed: 0, // weights, data and evaluation set
});

export interface VanishingRow {
  readonly model: string;
  readonly k: number;
  /** k + 10 */
  readonly length: number;
  readonly accuracy: number;
  readonly accuracyAtInit: number;
  readonly finalLoss: number;
  /** ||dL/dh_1|| / ||dL/dh_T|| at initialisation and after training. */
  readonly ratioInit: number;
  readonly ratioTrained: number;
  readonly flowInit: GradientFlow;
  readonly flowTrained: GradientFlow;
  readonly seconds: number;
}

export type VanishingProgress =
  | {
      readonly kind: 'start';
      readonly model: string;
      readonly k: number;
      readonly index: number;
      readonly total: number;
    }
  | {
      readonly kind: 'step';
      readonly model: string;
      readonly k: number;
      readonly step: number;
      readonly loss: number;
    }
  | {
      /** With `flowEvery`: the gradient flow after `step` updates (step 0: at initialisation). */
      readonly kind: 'flow';
      readonly model: string;
      readonly k: number;
      readonly step: number;
      readonly flow: GradientFlow;
    }
  | {
      readonly kind: 'row';
      readonly row: VanishingRow;
      readonly index: number;
      readonly total: number;
    };

export interface VanishingSweep {
  readonly options: Omit<Required<VanishingSweepOptions>, 'signal' | 'onProgress'>;
  readonly rows: VanishingRow[];
  readonly aborted: boolean;
}

const ratio = (flow: GradientFlow) => flow.h[0]! / flow.h[flow.h.length - 1]!;

/**
 * @example
 * const sweep = await runVanishingSweep({ ks: [5], steps: 20, models: labModels.slice(0, 1) });
 * sweep.rows[0].accuracy; // held-out accuracy of the simple RNN at k = 5
 */
export async function runVanishingSweep(
  options: VanishingSweepOptions = {},
): Promise<VanishingSweep> {
  const { signal, onProgress, ...rest } = options;
  const o = { ...vanishingSweepDefaults, ...rest };
  if (o.ks.length === 0 || o.ks.some((k) => !(Number.isInteger(k) && k >= 1))) {
    throw new ConfigError(
      `runVanishingSweep: expected ks to be integers >= 1, got [${o.ks.join(', ')}].`,
    );
  }
  if (!(Number.isInteger(o.flowEvery) && o.flowEvery >= 0)) {
    throw new ConfigError(
      `runVanishingSweep: expected flowEvery to be an integer >= 0 (0: off), got ${String(o.flowEvery)}.`,
    );
  }
  await registerGradients();
  const rows: VanishingRow[] = [];
  const total = o.ks.length * o.models.length;
  const vocabSize = longRangeVocabSize();
  let aborted = false;
  for (const k of o.ks) {
    const evalSet = longRangeBatch({ k, batch: o.evalSize, seed: o.seed + 1 }, 0);
    const flowSet = longRangeBatch({ k, batch: o.flowBatch, seed: o.seed + 2 }, 0);
    for (const spec of o.models) {
      if (signal?.aborted) aborted = true;
      if (aborted) break;
      onProgress?.({ kind: 'start', model: spec.name, k, index: rows.length, total });
      const started = Date.now();
      const model = longRangeModel({
        cell: spec.cell,
        forgetBias: spec.forgetBias,
        vocabSize,
        units: o.units,
        embeddingDim: o.embeddingDim,
        classes: longRangeDefaults.classes,
        maxLength: evalSet.length,
        seed: o.seed,
      });
      try {
        // Every read is asynchronous: webgpu in a worker has no working synchronous read.
        const accuracyAtInit = await model.accuracyAsync(evalSet);
        const flowInit = await model.flowAsync(flowSet);
        if (o.flowEvery > 0)
          onProgress?.({ kind: 'flow', model: spec.name, k, step: 0, flow: flowInit });
        // With flowEvery, the flow is measured as train()'s evaluation: every N steps and
        // after the last, awaited between steps, so its reads are asynchronous too.
        const measured =
          o.flowEvery > 0
            ? {
                ...model,
                evaluate: async ({ step }: { step: number }) => {
                  const flow = await model.flowAsync(flowSet); // the weights after `step` updates
                  onProgress?.({ kind: 'flow', model: spec.name, k, step, flow });
                  return { gradientRatio: ratio(flow) };
                },
              }
            : model;
        const result = await train({
          model: measured,
          ...(o.flowEvery > 0 ? { evalEvery: o.flowEvery } : {}),
          data: {
            batchAt: (step) =>
              longRangeTensors(longRangeBatch({ k, batch: o.batch, seed: o.seed }, step)),
          },
          steps: o.steps,
          optimizer: { name: 'adam', learningRate: o.learningRate },
          seed: o.seed,
          signal,
          onProgress: (e) => {
            if (e.kind === 'step')
              onProgress?.({ kind: 'step', model: spec.name, k, step: e.step, loss: e.loss });
          },
        });
        if (result.reason === 'aborted') aborted = true;
        const flowTrained = await model.flowAsync(flowSet);
        const row: VanishingRow = {
          model: spec.name,
          k,
          length: evalSet.length,
          accuracy: await model.accuracyAsync(evalSet),
          accuracyAtInit,
          finalLoss: result.losses?.at(-1) ?? Number.NaN,
          ratioInit: ratio(flowInit),
          ratioTrained: ratio(flowTrained),
          flowInit,
          flowTrained,
          seconds: (Date.now() - started) / 1000,
        };
        if (aborted) break;
        rows.push(row);
        onProgress?.({ kind: 'row', row, index: rows.length, total });
      } finally {
        model.dispose();
      }
    }
  }
  return { options: o, rows, aborted };
}
