/**
 * A page's handle on the vanishing-gradient lab in the worker (protocol.ts's `lab/*`
 * family): `run` streams the run's progress events to a callback until its reply, `stop`
 * asks it to end after the current step.
 *
 * @example
 * const lab = vanishingLabClient(client);
 * const result = await lab.run({ models: ['rnn'], ks: [20], steps: 300, flowEvery: 10, seed: 0 },
 *   (event) => event.kind === 'flow' && map.push(event.step, event.flow.h));
 */
import type { VanishingProgress } from '@recurrent/lab';
import type { VanishingLabParams, VanishingLabResult } from '../worker/protocol.js';
import type { WorkerClient } from './worker-client.js';

export interface VanishingLabClient {
  run(
    params: VanishingLabParams,
    onEvent: (event: VanishingProgress) => void,
  ): Promise<VanishingLabResult>;
  /** Resolves to whether a run was going. */
  stop(): Promise<boolean>;
}

export function vanishingLabClient(client: WorkerClient): VanishingLabClient {
  return {
    async run(params, onEvent) {
      const sent = client.send({ type: 'lab/run', lab: 'vanishing', params });
      const off = client.onMessage((m) => {
        if (m.type === 'lab/progress' && m.id === sent.id) onEvent(m.event);
      });
      try {
        return (await sent.reply).result;
      } finally {
        off();
      }
    },
    stop: async () => (await client.call({ type: 'lab/stop', lab: 'vanishing' })).wasRunning,
  };
}
