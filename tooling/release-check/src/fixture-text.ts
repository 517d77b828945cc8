/**
 * A small, seeded English-like text that stands in for a README placeholder file
 * (`my-book.txt`, `chapter.txt`): long enough for a tiny char-LM's training windows and
 * its held-out tail, made of characters every Moby Dick vocabulary knows.
 */

const WORDS = [
  'the',
  'sea',
  'ship',
  'whale',
  'and',
  'a',
  'of',
  'to',
  'in',
  'was',
  'he',
  'his',
  'old',
  'captain',
  'boat',
  'wind',
  'over',
  'deck',
  'night',
  'morning',
  'long',
  'white',
  'grey',
  'sailed',
  'saw',
  'said',
  'water',
  'land',
  'far',
  'from',
  'home',
  'crew',
  'rope',
  'sail',
];

/** About `characters` characters of text in paragraphs, the same for the same seed. */
export function fixtureText(characters = 40_000, seed = 42): string {
  let state = seed >>> 0;
  const next = (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0; // LCG: deterministic, no deps
    return state % n;
  };
  const paragraphs: string[] = [];
  let length = 0;
  while (length < characters) {
    const sentences: string[] = [];
    for (let s = 0, count = 3 + next(4); s < count; s++) {
      const words = Array.from({ length: 5 + next(9) }, () => WORDS[next(WORDS.length)]!);
      const first = words[0]!;
      words[0] = first[0]!.toUpperCase() + first.slice(1);
      sentences.push(`${words.join(' ')}${['.', '.', '!', '?', ';'][next(5)]}`);
    }
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  return `${paragraphs.join('\n\n')}\n`;
}
