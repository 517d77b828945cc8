/** `recurrent tasks`: the registered tasks, their summaries and default data sets. */
import type { Io } from '../io.js';
import { tasks } from '../task-registry.js';

export function tasksCommand(io: Io, json: boolean): number {
  if (json) {
    io.out(
      JSON.stringify(
        tasks.tasks.map((t) => ({
          name: t.name,
          summary: t.summary,
          defaultDataset: t.defaultDataset,
          verbs: [t.generate ? 'sample' : null, t.predict ? 'predict' : null].filter(Boolean),
          presets: Object.keys(t.presets),
        })),
      ),
    );
    return 0;
  }
  const width = Math.max(...tasks.names.map((n) => n.length)) + 2;
  for (const t of tasks.tasks) {
    io.out(`${t.name.padEnd(width)}${t.summary}`);
    io.out(
      `${' '.repeat(width)}default data: ${t.defaultDataset}; presets: ${Object.keys(t.presets).join(', ')}; ${t.generate?.example ?? t.predict?.example ?? `recurrent eval <run>`}`,
    );
  }
  io.out(
    `\nTrain one with \`recurrent train <task>\`; \`recurrent train <task> --help\` lists its flags.`,
  );
  return 0;
}
