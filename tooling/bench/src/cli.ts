/**
 * The benchmark harness: `pnpm bench <suite> [flags]` (built to dist/cli.js and run with
 * `node --expose-gc`). Each suite prints tables of our numbers beside its peers' from the
 * same run. `pnpm bench --help` lists the suites and their flags.
 */
import { answerParent } from './child.js';
import type { Suite } from './suite.js';
import { cellsSuite } from './suites/cells/cells-suite.js';
import { generateSuite } from './suites/generate/generate-suite.js';
import { sentimentSuite } from './suites/sentiment/sentiment-suite.js';

const suites: readonly Suite[] = [cellsSuite, sentimentSuite, generateSuite];

function help(): string {
  const lines = ['usage: pnpm bench <suite> [flags]', '', 'suites:'];
  for (const s of suites) {
    lines.push(`  ${s.name}  ${s.summary}`, ...s.flags.map((f) => `      ${f}`));
  }
  return lines.join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const args = argv.filter((a) => a !== '--');
  const [name, ...flags] = args;
  if (name === undefined || name === '--help' || name === '-h') {
    console.log(help());
    return name === undefined ? 1 : 0;
  }
  const suite = suites.find((s) => s.name === name);
  if (!suite) {
    console.error(`Unknown suite "${name}". Available: ${suites.map((s) => s.name).join(', ')}.`);
    return 1;
  }
  const at = flags.indexOf('--case');
  if (at >= 0) {
    const spec: unknown = JSON.parse(flags[at + 1] ?? 'null');
    await answerParent(() => suite.runCase!(spec));
    return 0;
  }
  if (flags.includes('--help') || flags.includes('-h')) {
    console.log(help());
    return 0;
  }
  await suite.run(flags);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
