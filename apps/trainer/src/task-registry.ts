/**
 * The tasks `recurrent` knows: one line per task package. Nothing else in the trainer names
 * a task; commands read `config.task` from a checkpoint and look it up here.
 */
import { captioningTask } from '@recurrent/captioning';
import { charLmTask } from '@recurrent/char-lm';
import { clinicalTask } from '@recurrent/clinical';
import { defaultsLabCommand, unitsLabCommand, vanishingLabCommand } from '@recurrent/lab';
import { sentimentTask } from '@recurrent/sentiment';
import { createTaskRegistry, type TaskCommand } from '@recurrent/task';

export const tasks = createTaskRegistry([charLmTask, sentimentTask, clinicalTask, captioningTask]);

/** Commands of packages that are not tasks (labs): one line per package, like the tasks. */
export const extraCommands: readonly TaskCommand[] = [
  vanishingLabCommand,
  unitsLabCommand,
  defaultsLabCommand,
];
