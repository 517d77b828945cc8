import { loadEmbeddedCorpus } from '@recurrent/data';
import { describe, expect, it } from 'vitest';
import { insideParentheses } from './inside-parentheses.js';
import { insideQuotes } from './inside-quotes.js';
import { unitsTraceText } from './units-trace-text.js';

describe('unitsTraceText', () => {
  it('is verbatim Moby-Dick, chapter 48, from the embedded corpus', async () => {
    const moby = await loadEmbeddedCorpus('moby-dick');
    const chapter = moby.documents.find((d) => d.startsWith('CHAPTER 48. The First Lowering'));
    expect(chapter).toBeDefined();
    expect(chapter).toContain(unitsTraceText.text);
  });

  it('has quotes that close, parentheses that close, and line breaks', () => {
    const chars = [...unitsTraceText.text];
    const quotes = insideQuotes(chars);
    const parens = insideParentheses(chars);
    expect(quotes.at(-1)).toBe(0); // every quotation closed by the end
    expect(parens.at(-1)).toBe(0);
    expect(quotes.reduce((a, b) => a + b, 0)).toBeGreaterThan(chars.length / 3);
    expect(chars.filter((c) => c === '(').length).toBe(4);
    expect(chars.filter((c) => c === '\n').length).toBe(10); // six paragraphs
  });
});
