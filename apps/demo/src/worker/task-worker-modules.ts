/**
 * Worker-side modules by task name, only for tasks whose page needs probes or facts beyond
 * the generic protocol (see `task-worker-module.ts`); every other task needs no entry.
 */
import { captioningWorkerModule } from './captioning-worker-module.js';
import { charLmWorkerModule } from './char-lm-worker-module.js';
import { clinicalWorkerModule } from './clinical-worker-module.js';
import type { AnyTaskWorkerModule } from './task-worker-module.js';

export const taskWorkerModules: Readonly<Record<string, AnyTaskWorkerModule>> = Object.freeze({
  'char-lm': charLmWorkerModule,
  clinical: clinicalWorkerModule,
  captioning: captioningWorkerModule,
});
