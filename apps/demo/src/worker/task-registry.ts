/**
 * The tasks the demo's worker can run: one frozen registry, one entry per task package.
 * Adding a task to the demo is its entry here plus its page (`src/pages/<task>.ts` and its
 * `load` line in `src/routes.ts`). An unknown name gets the registry's error:
 * `Unknown task "x". Available: char-lm, sentiment, clinical, captioning.`
 */
import { captioningTask } from '@recurrent/captioning';
import { charLmTask } from '@recurrent/char-lm';
import { clinicalTask } from '@recurrent/clinical';
import { sentimentTask } from '@recurrent/sentiment';
import { createTaskRegistry } from '@recurrent/task';

export const demoTasks = createTaskRegistry([
  charLmTask,
  sentimentTask,
  clinicalTask,
  captioningTask,
]);
