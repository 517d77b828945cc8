/** `recurrent sample <run>`: streams text from a trained char-LM, one character at a time. */
import { streamText } from '@recurrent/char-lm';
import type { FlagSpec, FlagValues } from '../flags.js';
import type { Io } from '../io.js';
import { withCharLmRun } from '../with-char-lm-run.js';

export const sampleFlags: readonly FlagSpec[] = [
  { name: 'prime', type: 'string', default: 'Call me', help: 'text to start from' },
  { name: 'length', type: 'integer', default: 500, help: 'characters to generate' },
  {
    name: 'temperature',
    type: 'number',
    default: 0.8,
    help: '0 is greedy; higher is more adventurous',
  },
  {
    name: 'top-k',
    type: 'integer',
    default: 0,
    help: 'sample among the k likeliest characters (0: all)',
  },
  {
    name: 'top-p',
    type: 'number',
    default: 1,
    help: 'sample from the smallest set with this probability (1: all)',
  },
  {
    name: 'seed',
    type: 'integer',
    default: 0,
    help: 'same checkpoint, prime and seed give the same text',
  },
  { name: 'runs-dir', type: 'string', default: 'runs', help: 'folder of runs' },
];

export async function sampleCommand(
  run: string | undefined,
  values: FlagValues,
  io: Io,
): Promise<number> {
  return withCharLmRun(
    'sample',
    'recurrent sample char-lm --prime "Call me"',
    run,
    String(values.runsDir),
    async (model, where) => {
      const write = io.write ?? ((t: string) => io.out(t));
      const start = performance.now();
      let count = 0;
      write(String(values.prime));
      let pending = '';
      for await (const ch of streamText(model, String(values.prime), {
        length: Number(values.length),
        temperature: Number(values.temperature),
        topK: Number(values.topK),
        topP: Number(values.topP),
        seed: Number(values.seed),
      })) {
        count += 1;
        if (io.write) io.write(ch);
        else pending += ch;
      }
      if (!io.write) io.out(pending);
      else io.write('\n');
      const seconds = (performance.now() - start) / 1000;
      io.err(
        `${count} characters in ${seconds.toFixed(2)} s (${Math.round(count / seconds)} chars/s) from ${where}`,
      );
      return 0;
    },
  );
}
