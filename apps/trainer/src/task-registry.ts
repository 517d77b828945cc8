/**
 * The tasks `recurrent` knows: one line per task package. Nothing else in the trainer names
 * a task; commands read `config.task` from a checkpoint and look it up here.
 */
import { charLmTask } from '@recurrent/char-lm';
import { sentimentTask } from '@recurrent/sentiment';
import { createTaskRegistry } from '@recurrent/task';

export const tasks = createTaskRegistry([charLmTask, sentimentTask]);
