// The examples of README.md, run with `node examples/readme.mjs` after `pnpm build`.
// biome-ignore-all lint/suspicious/noConsole: an example prints what it did
import { padSequences, Vocabulary, wordTokenizer } from '@recurrent/data';

const show = (label, value) => console.log(label.padEnd(9), JSON.stringify(value));
const words = wordTokenizer({ lowercase: true, contractions: 'split' });
show('tokens', words.tokenize("Don't give up the ship, Ahab!"));
const vocab = Vocabulary.build(['the whale and the ship', 'the sea'].map(words.tokenize));
const seqs = ["Ahab's ship", 'the whale and the sea'].map((s) => vocab.encode(words.tokenize(s)));
const padded = padSequences(seqs, { maxLength: 4 });
show('vocab', vocab.tokens);
show('seqs', seqs);
show('padded', padded);
show('unknown', [vocab.unknown.count, [...vocab.unknown.tokens]]);

import {
  charTokenizer,
  embeddedSource,
  encodeCorpus,
  lmWindows,
  splitTail,
  toRows,
} from '@recurrent/data';

const chars = charTokenizer();
const moby = await encodeCorpus(embeddedSource('moby-dick'), { tokenizer: chars });
const { train, validation } = splitTail(moby.ids, { validationFraction: 0.1 });
show('corpus', {
  chars: moby.ids.length,
  vocab: moby.vocabulary.size,
  train: train.length,
  validation: validation.length,
});
const lm = lmWindows(train, { batchSize: 2, timeSteps: 24 });
for (const w of lm.windows({ steps: 2 })) {
  const text = (flat) =>
    toRows(flat, w.timeSteps).map((r) => chars.detokenize(moby.vocabulary.decode(r)));
  show(`step ${w.step}`, {
    resetState: w.resetState,
    inputs: text(w.ids),
    targets: text(w.targets),
  });
}
show('lm', lm.report);

import { sequenceBatcher } from '@recurrent/data';

const names = ['emma', 'olivia', 'ava', 'isabella', 'sophia', 'mia', 'charlotte', 'amelia'];
const nameVocab = Vocabulary.build(names);
const framed = names.map((n) => nameVocab.encode(n, { bos: true, eos: true }));
const batcher = sequenceBatcher({ sequences: framed }, { batchSize: 2, buckets: 2, seed: 1 });
const { shapes, paddingFraction, paddingFractionWithoutBuckets } = batcher.report;
show('buckets', { shapes, paddingFraction, paddingFractionWithoutBuckets });
