/**
 * The worker's answer to every `lab/*` request (protocol.ts): `lab/run` streams the lab's
 * progress as `lab/progress` with the request's id and replies `lab/done`; `lab/stop` asks
 * the lab's run to stop. One lab today, `vanishing`.
 */
import type { LabRequest, Response } from './protocol.js';
import { runVanishingLab, stopVanishingLab } from './vanishing-lab.js';

export async function answerLabRequest(
  request: LabRequest,
  post: (message: Response) => void,
): Promise<void> {
  const { id, lab } = request;
  switch (request.type) {
    case 'lab/run': {
      const result = await runVanishingLab(request.params, (event) =>
        post({ type: 'lab/progress', id, lab, event }),
      );
      post({ type: 'lab/done', id, lab, result });
      return;
    }
    case 'lab/stop':
      post({ type: 'lab/stopping', id, lab, wasRunning: stopVanishingLab() });
      return;
  }
}
