/** The plain-JavaScript backend: runs everywhere, slowest; the reference for conformance. */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendAdapter } from '../backend-adapter.js';
import { activateRegistered } from './activate-registered.js';

export const cpuAdapter: BackendAdapter = {
  name: 'cpu',
  tfjsName: 'cpu',
  priority: { node: 10, browser: 10 },
  async probe() {
    return { available: true };
  },
  async activate() {
    await import('@tensorflow/tfjs-backend-cpu');
    await activateRegistered(tf, 'cpu', 'cpu');
    return 'plain JavaScript';
  },
};
