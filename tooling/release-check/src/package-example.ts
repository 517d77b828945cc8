/**
 * A package README's opening example: its first ```js (or ```ts) block, made runnable by
 * plain Node (a ts block loses its types through TypeScript's transpileModule), the output
 * block the README shows after it, and the packages it imports.
 */
import { builtinModules } from 'node:module';
import ts from 'typescript';

export interface ReadmeExample {
  /** 1-based README line of the opening fence. */
  readonly line: number;
  readonly language: string;
  /** The example as an ES module for plain Node. */
  readonly code: string;
  /** The unlabelled block right after the example (what the README says it prints), if any. */
  readonly shownOutput: string | null;
  /** Bare package names the example imports (`@scope/name`, `name`), without node builtins. */
  readonly imports: readonly string[];
}

const CODE_FENCES = new Set(['js', 'javascript', 'mjs', 'ts', 'typescript']);
const OUTPUT_FENCES = new Set(['', 'text', 'console', 'txt']);

interface Block {
  readonly line: number;
  readonly info: string;
  readonly body: string;
}

function fencedBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]!);
    if (!open) continue;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const t = lines[j]!.trim();
      if (t.startsWith(open[1]!) && t.replace(/[`~]/g, '') === '') break;
      body.push(lines[j]!);
    }
    blocks.push({ line: i + 1, info: open[2]!.toLowerCase(), body: body.join('\n') });
    i = j;
  }
  return blocks;
}

/** The opening example of a README, or null when it has no js/ts block. */
export function readmeExample(markdown: string): ReadmeExample | null {
  const blocks = fencedBlocks(markdown);
  const at = blocks.findIndex((b) => CODE_FENCES.has(b.info));
  if (at < 0) return null;
  const block = blocks[at]!;
  const next = blocks[at + 1];
  const typed = block.info === 'ts' || block.info === 'typescript';
  const code = typed
    ? ts.transpileModule(block.body, {
        compilerOptions: {
          module: ts.ModuleKind.ESNext,
          target: ts.ScriptTarget.ES2022,
          verbatimModuleSyntax: false,
        },
      }).outputText
    : block.body;
  return {
    line: block.line,
    language: block.info,
    code,
    shownOutput: next && OUTPUT_FENCES.has(next.info) ? next.body : null,
    imports: importedPackages(code),
  };
}

const BUILTINS = new Set(builtinModules);

/** Package names of the bare specifiers in `import ... from 'x'`, `import 'x'`, `import('x')`. */
export function importedPackages(code: string): string[] {
  const names = new Set<string>();
  const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"]+)\1/g;
  for (const match of code.matchAll(pattern)) {
    const name = packageName(match[2]!);
    if (name) names.add(name);
  }
  return [...names].sort();
}

/** `@scope/name/sub` -> `@scope/name`; `name/sub` -> `name`; null for relative and builtin. */
export function packageName(specifier: string): string | null {
  if (/^(\.|\/|node:|data:|file:|https?:)/.test(specifier)) return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return BUILTINS.has(name) ? null : name;
}

/** Text with runs of spaces and tabs collapsed, for comparing padded table output. */
export function squeeze(text: string): string {
  return text.replace(/[ \t]+/g, ' ');
}
