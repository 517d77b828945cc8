/** WebGL 2 backend (`@tensorflow/tfjs-backend-webgl`, an optional peer), browsers only. */

import { BackendError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendAdapter } from '../backend-adapter.js';
import { firstLine } from '../default-importer.js';
import { activateRegistered } from './activate-registered.js';

function hasWebGl(): boolean {
  const g = globalThis as {
    OffscreenCanvas?: new (w: number, h: number) => { getContext(kind: string): unknown };
    document?: { createElement(tag: string): { getContext(kind: string): unknown } };
  };
  try {
    if (g.OffscreenCanvas) return new g.OffscreenCanvas(1, 1).getContext('webgl2') != null;
    if (g.document) return g.document.createElement('canvas').getContext('webgl2') != null;
  } catch {
    return false;
  }
  return false;
}

export const webglAdapter: BackendAdapter = {
  name: 'webgl',
  tfjsName: 'webgl',
  priority: { browser: 30 },
  async probe(context) {
    if (context.runtime === 'node')
      return { available: false, reason: 'WebGL needs a browser (Node has no WebGL context)' };
    if (!hasWebGl())
      return {
        available: false,
        reason: 'this browser gives no WebGL 2 context (disabled or no GPU driver)',
      };
    return { available: true };
  },
  async activate() {
    try {
      await import('@tensorflow/tfjs-backend-webgl');
    } catch (error) {
      throw new BackendError(
        `webgl: @tensorflow/tfjs-backend-webgl is not installed or failed to load (${firstLine(error)}).`,
        { cause: error },
      );
    }
    await activateRegistered(tf, 'webgl', 'webgl');
    return `WebGL ${tf.env().getNumber('WEBGL_VERSION')}`;
  },
};
