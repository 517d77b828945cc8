/**
 * The embedded default data: the UCI "Sentiment Labelled Sentences" (Kotzias et al., KDD
 * 2015): 1,000 sentences each from Amazon product reviews, IMDb movie reviews and Yelp
 * restaurant reviews, 500 positive and 500 negative per site. The npm package `sentiment`
 * (5.0.2, MIT) ships them as `test/fixtures/{amazon,imdb,yelp}.json` (`[{ text, class }]`,
 * plus one empty record `{ text: '', class: null }` at the end of each file, which is
 * skipped and counted). Exact duplicates (same text) are kept once and counted, so no
 * sentence can be both in training and in the held-out split.
 *
 * Loaded with dynamic `import()`s: a browser bundle holds the JSON only when asked for.
 */
import { DataFormatError, describeValue } from '@recurrent/errors';
import { BINARY_LABELS, type LabelledSentence, type LoadedSentences } from './labelled-sentence.js';

export const uciSites = Object.freeze(['amazon', 'imdb', 'yelp'] as const);
export type UciSite = (typeof uciSites)[number];

interface Record_ {
  readonly text: unknown;
  readonly class: unknown;
}

function defaultOf(mod: unknown): unknown {
  return (mod as { default?: unknown }).default ?? mod;
}

async function site(name: UciSite): Promise<Record_[]> {
  const mod =
    name === 'amazon'
      ? await import('sentiment/test/fixtures/amazon.json', { with: { type: 'json' } })
      : name === 'imdb'
        ? await import('sentiment/test/fixtures/imdb.json', { with: { type: 'json' } })
        : await import('sentiment/test/fixtures/yelp.json', { with: { type: 'json' } });
  const records = defaultOf(mod);
  if (!Array.isArray(records)) {
    throw new DataFormatError(
      `loadUciSentences: expected sentiment/test/fixtures/${name}.json to hold an array of { text, class }, got ${describeValue(records)}. Install sentiment@5.0.2.`,
    );
  }
  return records as Record_[];
}

/**
 * @example
 * const uci = await loadUciSentences();
 * uci.sentences.length; // 2,982 (3,000 less 18 duplicates)
 */
export async function loadUciSentences(): Promise<LoadedSentences> {
  const sentences: LabelledSentence[] = [];
  const seen = new Set<string>();
  let empty = 0;
  let duplicates = 0;
  for (const name of uciSites) {
    const records = await site(name);
    records.forEach((r, i) => {
      const text = typeof r.text === 'string' ? r.text.trim() : '';
      if (text === '' && (r.class === null || r.class === undefined)) {
        empty++;
        return;
      }
      if (text === '' || (r.class !== 0 && r.class !== 1)) {
        throw new DataFormatError(
          `loadUciSentences: sentiment/test/fixtures/${name}.json record ${i}: expected { text: a sentence, class: 0 or 1 }, got ${JSON.stringify(r).slice(0, 120)}. Reinstall sentiment@5.0.2.`,
        );
      }
      if (seen.has(text)) {
        duplicates++;
        return;
      }
      seen.add(text);
      sentences.push({ text, label: r.class, origin: `${name}.json record ${i}` });
    });
  }
  return {
    sentences,
    labels: BINARY_LABELS,
    source: 'uci (embedded: npm sentiment 5.0.2, Kotzias et al. 2015)',
    notes: [
      ...(empty > 0 ? [`skipped ${empty} empty trailing records`] : []),
      ...(duplicates > 0 ? [`kept ${duplicates} duplicate sentences once`] : []),
    ],
  };
}
