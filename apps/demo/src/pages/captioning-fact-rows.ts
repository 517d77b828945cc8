/**
 * The captioning model's rows in the model-facts table, from the generic facts: encoder,
 * how the image starts the decoder, LSTM size, vocabulary, parameters, trained steps, and
 * the greedy BLEU-4 and "every attribute right" its checkpoint recorded on the validation
 * (seen combinations) and held-out scenes.
 */
import type { FactRow } from '../components/model-facts.js';
import type { ModelFacts } from '../worker/protocol.js';

const int = (n: number) => n.toLocaleString('en');
const f3 = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(3));

export function captioningFactRows(f: ModelFacts): FactRow[] {
  const hp = f.hyperParameters;
  const m = f.metrics;
  const d = f.details;
  const later = f.origin === 'pretrained' ? 'not recorded in config.json' : 'after training';
  return [
    [
      'encoder',
      `${String(d.encoder ?? 'scratch-cnn')}: ${hp.cnnBlocks} conv blocks from ${hp.cnnChannels} channels, ${String(hp.cnnPooling)} pooling -> ${hp.encoderDim} values, ${hp.imageSize} x ${hp.imageSize} RGB in`,
      'encoder',
    ],
    [
      'decoder',
      hp.decoder === 'attention'
        ? `LSTM ${hp.layers} x ${hp.units}, embedding ${hp.embeddingDim}, soft attention over the CNN's grid at every word (attention width ${hp.attentionDim})`
        : `LSTM ${hp.layers} x ${hp.units}, embedding ${hp.embeddingDim}; the image vector is its ${hp.imageAs === 'state' ? 'initial state' : 'first input'} (Show and Tell)`,
      'decoder',
    ],
    [
      'vocabulary',
      typeof d.vocabulary === 'number' ? `${d.vocabulary} words` : 'unknown',
      'vocabulary',
    ],
    ['parameters', typeof d.parameters === 'number' ? int(d.parameters) : 'unknown', 'parameters'],
    ['trained steps', f.trainedSteps === null ? 'unknown' : int(f.trainedSteps), 'steps'],
    [
      'greedy BLEU-4',
      m.bleu4 === undefined
        ? later
        : `${f3(m.bleu4)} seen combinations · ${f3(m.heldOutBleu4)} held-out`,
      'bleu4',
    ],
    [
      'every attribute right',
      m.allRight === undefined
        ? later
        : `${f3(m.allRight)} seen · ${f3(m.heldOutAllRight)} held-out (share of scenes)`,
      'all-right',
    ],
  ];
}
