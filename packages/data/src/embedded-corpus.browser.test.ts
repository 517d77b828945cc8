// Runs in headless Chromium (vitest.browser.config.ts): the embedded corpora load through
// the stdlib packages' `browser` entries (no fs), and the browser-safe entry point works.
import { describe, expect, it } from 'vitest';
import { charTokenizer } from './char-tokenizer.js';
import { embeddedSource, loadEmbeddedCorpus } from './embedded-corpus.js';
import { encodeCorpus } from './encode-corpus.js';
import { fetchSource } from './fetch-source.js';
import { lmWindows } from './lm-windows.js';
import { readText } from './text-source.js';

describe('in the browser', () => {
  it('loads Moby Dick and the name lists', async () => {
    const moby = await loadEmbeddedCorpus('moby-dick');
    expect(moby.documents.length).toBe(139);
    expect(moby.text.length).toBe(1_217_396);
    const names = await loadEmbeddedCorpus('first-names');
    expect(names.documents[0]).toBe('Aaren');
  });

  it('encodes the novel and cuts sequential windows', async () => {
    const chars = charTokenizer();
    const { ids, vocabulary } = await encodeCorpus(embeddedSource('moby-dick'), {
      tokenizer: chars,
    });
    const lm = lmWindows(ids, { batchSize: 2, timeSteps: 8 });
    const first = chars.detokenize(vocabulary.decode(lm.windowAt(0).ids.subarray(0, 8)));
    expect(first).toBe('CONTENTS');
  });

  it('reads text with fetch from a data: URL', async () => {
    const url = `data:text/plain;charset=utf-8,${encodeURIComponent('Call me Ishmael 🐋')}`;
    expect(await readText(fetchSource(url))).toBe('Call me Ishmael 🐋');
  });
});
