/**
 * Finds the shell commands a README shows: every line of a ```sh / ```bash / ```shell
 * block, and the `$ ` prompt lines of any other block (output blocks show the command
 * that produced them). A line is split at `&&` and loses its `# comment`; a trailing `\`
 * joins the next line. Each command becomes an argv, quoted the way a POSIX shell would.
 */

/** One command as the README shows it. */
export interface ReadmeCommand {
  /** 1-based line of the README where the command starts. */
  readonly line: number;
  /** The README line as written (comment included), for error messages. */
  readonly source: string;
  /** The command after comment stripping and `&&` splitting, re-quoted as one string. */
  readonly text: string;
  /** The words of the command after shell quoting is undone. */
  readonly argv: readonly string[];
}

const SHELL_FENCES = new Set(['sh', 'bash', 'shell', 'zsh']);

/** Shell syntax this parser does not model; a README line using it fails loudly. */
const UNSUPPORTED = ['|', ';', '>', '<', '$(', '`', '||'];

export class ReadmeSyntaxError extends Error {
  override name = 'ReadmeSyntaxError';
}

/** The commands of a Markdown document, in order. */
export function readmeCommands(markdown: string): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  const lines = markdown.split('\n');
  let fence: { marker: string; shell: boolean } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const opening = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(raw);
    if (fence === null) {
      if (opening) fence = { marker: opening[1]!, shell: SHELL_FENCES.has(opening[2]!) };
      continue;
    }
    if (raw.trim().startsWith(fence.marker) && raw.trim().replace(/[`~]/g, '') === '') {
      fence = null;
      continue;
    }
    let text = raw.trim();
    const prompt = /^\$\s+/.exec(text);
    if (prompt) text = text.slice(prompt[0].length);
    else if (!fence.shell) continue;
    const start = i;
    let source = raw;
    while (text.endsWith('\\') && i + 1 < lines.length) {
      i++;
      text = `${text.slice(0, -1)} ${lines[i]!.trim()}`;
      source += `\n${lines[i]}`;
    }
    for (const segment of splitShellLine(text, start + 1)) {
      commands.push({ line: start + 1, source, text: shellJoin(segment), argv: segment });
    }
  }
  return commands;
}

/**
 * Splits one shell line into commands at `&&`, dropping a `# comment`, and undoes quoting.
 * Throws on syntax it does not model (pipes, redirects, substitutions) instead of guessing.
 */
export function splitShellLine(text: string, line = 0): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      endWord();
    } else if (c === '#' && !inWord) {
      break; // a comment runs to the end of the line
    } else if (text.startsWith('&&', i)) {
      endCommand();
      i++;
    } else {
      const bad = UNSUPPORTED.find((s) => text.startsWith(s, i));
      if (bad) {
        throw new ReadmeSyntaxError(
          `README line ${line}: "${text}" uses \`${bad}\`, which the README test does not run. Show one command per line (chained with && at most), or extend splitShellLine().`,
        );
      }
      word += c;
      inWord = true;
    }
  }
  if (quote) {
    throw new ReadmeSyntaxError(`README line ${line}: "${text}" has an unclosed ${quote} quote.`);
  }
  endCommand();
  return commands;
}

/** Words joined into one command line, quoting the ones a shell would split or expand. */
export function shellJoin(argv: readonly string[]): string {
  return argv
    .map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}
