/**
 * The worker's answer to every `task/*` request: the task is looked up in the one registry
 * (an unknown name is the registry's error), and its session (one per task, made on first
 * use, holding that task's model) does the work. Streams go out with the request's id.
 */
import { indexedDBCheckpointStore } from '@recurrent/train';
import type { Response, TaskRequest } from './protocol.js';
import { taskInfo } from './task-info.js';
import { demoTasks } from './task-registry.js';
import { TaskSession } from './task-session.js';
import { taskWorkerModules } from './task-worker-modules.js';

const sessions = new Map<string, TaskSession>();

function sessionFor(name: string): TaskSession {
  let session = sessions.get(name);
  if (!session) {
    session = new TaskSession(demoTasks.get(name), taskWorkerModules[name], {
      // Kept in IndexedDB (`demo-<task>/latest`): a reload or a backend switch keeps the model.
      store: (task) => indexedDBCheckpointStore(`demo-${task}`),
    });
    sessions.set(name, session);
  }
  return session;
}

export async function answerTaskRequest(
  request: TaskRequest,
  post: (message: Response) => void,
): Promise<void> {
  const { id, task } = request;
  switch (request.type) {
    case 'task/describe':
      post({
        type: 'task/described',
        id,
        task,
        info: taskInfo(demoTasks.get(task), taskWorkerModules[task]),
      });
      return;
    case 'task/load':
      post({ type: 'task/loaded', id, task, model: await sessionFor(task).load(request.url) });
      return;
    case 'task/train': {
      const summary = await sessionFor(task).train(
        request.config,
        (event) => post({ type: 'train/progress', id, task, event }),
        (note) => post({ type: 'train/note', id, task, note }),
      );
      post({ type: 'task/trained', id, task, summary });
      return;
    }
    case 'task/stop':
      post({ type: 'task/stopping', id, task, wasTraining: sessionFor(task).stop() });
      return;
    case 'task/saved':
      post({ type: 'task/savedRun', id, task, saved: await sessionFor(task).saved() });
      return;
    case 'task/restore':
      post({ type: 'task/restored', id, task, restored: await sessionFor(task).restore() });
      return;
    case 'task/generate': {
      const result = await sessionFor(task).generate(request.options, (text) =>
        post({ type: 'generate/chunk', id, task, text }),
      );
      post({ type: 'task/generated', id, task, result });
      return;
    }
    case 'task/predict': {
      const result = await sessionFor(task).predict(request.inputs, request.options);
      post({ type: 'task/predicted', id, task, result });
      return;
    }
    case 'task/probe': {
      const result = await sessionFor(task).probe(request.probe, request.input);
      post({ type: 'task/probed', id, task, probe: request.probe, result });
      return;
    }
  }
}
