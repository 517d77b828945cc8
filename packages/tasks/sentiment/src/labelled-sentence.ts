/** One labelled sentence, as every loader returns it. */
export interface LabelledSentence {
  readonly text: string;
  /** Class id: an index into the data's label names. */
  readonly label: number;
  /** Where it came from, for messages: `amazon`, `train.tsv:12`, `aclImdb/train/pos/0_9.txt`. */
  readonly origin?: string;
}

/** What a loader read: the sentences, the label names, and what it skipped, said out loud. */
export interface LoadedSentences {
  readonly sentences: LabelledSentence[];
  /** Class names by id (`['negative', 'positive']`, or `['0', '1', '2', '3', '4']` for SST-5). */
  readonly labels: readonly string[];
  /** The source, for the data line: `uci (embedded, npm sentiment 5.0.2)`, a path. */
  readonly source: string;
  /** Lines such as `skipped 3 empty records`; empty when nothing was skipped. */
  readonly notes: readonly string[];
}

export const BINARY_LABELS = Object.freeze(['negative', 'positive']);
