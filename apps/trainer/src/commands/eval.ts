/** `recurrent eval <run>`: bits per character of a trained char-LM on a text file (default: the held-out tail it was validated on). */
import { evaluateCharLm, prepareCharLmData } from '@recurrent/char-lm';
import { readText } from '@recurrent/data';
import { fileSource } from '@recurrent/data/node';
import type { FlagSpec, FlagValues } from '../flags.js';
import type { Io } from '../io.js';
import { withCharLmRun } from '../with-char-lm-run.js';

export const evalFlags: readonly FlagSpec[] = [
  {
    name: 'text',
    type: 'string',
    help: 'a UTF-8 text file to score (default: the held-out tail of Moby Dick)',
  },
  { name: 'runs-dir', type: 'string', default: 'runs', help: 'folder of runs' },
];

export async function evalCommand(
  run: string | undefined,
  values: FlagValues,
  io: Io,
): Promise<number> {
  return withCharLmRun(
    'eval',
    'recurrent eval char-lm --text chapter.txt',
    run,
    String(values.runsDir),
    async (model, where) => {
      let ids: Int32Array;
      let what: string;
      if (values.text) {
        const text = await readText(fileSource(String(values.text)));
        const missing = [
          ...new Set([...text.normalize('NFC')].filter((c) => !model.vocabulary.has(c))),
        ];
        ids = Int32Array.from(
          [...text.normalize('NFC')].map((c) =>
            model.vocabulary.has(c) ? model.vocabulary.idOf(c) : model.vocabulary.unkId,
          ),
        );
        what = `${values.text}${
          missing.length
            ? ` (${missing.length} unseen characters scored as <unk>: ${missing
                .slice(0, 10)
                .map((c) => JSON.stringify(c))
                .join(' ')})`
            : ''
        }`;
      } else {
        const data = await prepareCharLmData('moby-dick', {
          vocabulary: model.vocabulary,
          validationFraction: model.hyperParameters.validationFraction,
        });
        ids = data.validation;
        what = 'the held-out tail of Moby Dick';
      }
      const m = await evaluateCharLm(model, ids);
      if (values.json) io.out(JSON.stringify({ checkpoint: where, ...m }));
      else
        io.out(
          `${m.valLoss.toFixed(4)} nats/char, ${m.bitsPerChar.toFixed(4)} bits/char over ${m.characters.toLocaleString('en-US')} characters of ${what} (${where})`,
        );
      return 0;
    },
  );
}
