import { describe, expect, it } from 'vitest';
import { ReadmeSyntaxError, readmeCommands, splitShellLine } from './readme-commands.js';

const fence = '```';

describe('readmeCommands', () => {
  it('reads shell blocks, splits && and strips # comments', () => {
    const md = [
      '# Title',
      `${fence}sh`,
      'corepack enable && pnpm install && pnpm train   # train a char-LSTM (~4 min)',
      'pnpm test                                       # everything',
      fence,
    ].join('\n');
    expect(readmeCommands(md).map((c) => [c.line, c.argv])).toEqual([
      [3, ['corepack', 'enable']],
      [3, ['pnpm', 'install']],
      [3, ['pnpm', 'train']],
      [4, ['pnpm', 'test']],
    ]);
  });

  it('takes only $ prompt lines from output blocks, and none from other languages', () => {
    const md = [
      fence,
      '$ pnpm recurrent sample char-lm --prime "Call me" --temperature 0.8',
      'Call me signity, and the spoom # not a comment, not a command',
      fence,
      `${fence}js`,
      "console.log('pnpm train');",
      fence,
      `${fence}bash`,
      '$ pnpm run doctor',
      fence,
    ].join('\n');
    expect(readmeCommands(md).map((c) => c.argv)).toEqual([
      ['pnpm', 'recurrent', 'sample', 'char-lm', '--prime', 'Call me', '--temperature', '0.8'],
      ['pnpm', 'run', 'doctor'],
    ]);
    expect(readmeCommands(md)[0]!.text).toBe(
      "pnpm recurrent sample char-lm --prime 'Call me' --temperature 0.8",
    );
  });

  it('joins a trailing backslash with the next line and keeps the first line number', () => {
    const md = [`${fence}sh`, 'pnpm train \\', '  --preset large', fence].join('\n');
    expect(readmeCommands(md)).toMatchObject([
      { line: 2, argv: ['pnpm', 'train', '--preset', 'large'] },
    ]);
  });

  it('ignores text outside fences, including inline `pnpm` code', () => {
    expect(readmeCommands('Run `pnpm train --preset large` for an hour.\n')).toEqual([]);
  });
});

describe('splitShellLine', () => {
  it('undoes quotes and keeps # inside words and quotes', () => {
    expect(splitShellLine(`pnpm x --prime 'It was' --tag a#b "say \\"hi\\" # no"`)).toEqual([
      ['pnpm', 'x', '--prime', 'It was', '--tag', 'a#b', 'say "hi" # no'],
    ]);
  });

  it('refuses pipes, redirects and substitutions instead of guessing', () => {
    expect(() => splitShellLine('pnpm recurrent sample char-lm | head', 7)).toThrow(
      ReadmeSyntaxError,
    );
    expect(() => splitShellLine('pnpm train > log.txt', 7)).toThrow(/README line 7: .* uses `>`/);
    expect(() => splitShellLine('pnpm train --name $(date)', 7)).toThrow(/uses `\$\(`/);
  });

  it('reports an unclosed quote', () => {
    expect(() => splitShellLine('pnpm x --prime "Call me', 3)).toThrow(/unclosed " quote/);
  });
});
