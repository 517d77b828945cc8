/**
 * WebGL 2 backend (`@tensorflow/tfjs-backend-webgl`, an optional peer), browsers only. On a
 * software renderer (Chromium without a GPU: SwiftShader) auto passes it by for wasm, and says
 * why; asking for webgl by name still uses it.
 */

import { BackendError } from '@recurrent/errors';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendAdapter } from '../backend-adapter.js';
import { firstLine } from '../default-importer.js';
import { activateRegistered } from './activate-registered.js';

interface WebGlLike {
  getExtension(name: string): { UNMASKED_RENDERER_WEBGL: number } | null;
  getParameter(name: number): unknown;
  readonly RENDERER: number;
}

/** A WebGL 2 context's renderer string, or null when there is no context. */
function webGlRenderer(): string | null {
  const g = globalThis as {
    OffscreenCanvas?: new (w: number, h: number) => { getContext(kind: string): unknown };
    document?: { createElement(tag: string): { getContext(kind: string): unknown } };
  };
  let gl: WebGlLike | null = null;
  try {
    if (g.OffscreenCanvas) gl = new g.OffscreenCanvas(1, 1).getContext('webgl2') as WebGlLike;
    else if (g.document) gl = g.document.createElement('canvas').getContext('webgl2') as WebGlLike;
  } catch {
    return null;
  }
  if (!gl) return null;
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
}

const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software|basic render/i;

export const webglAdapter: BackendAdapter = {
  name: 'webgl',
  tfjsName: 'webgl',
  priority: { browser: 30 },
  async probe(context) {
    if (context.runtime === 'node')
      return { available: false, reason: 'WebGL needs a browser (Node has no WebGL context)' };
    const renderer = webGlRenderer();
    if (renderer === null)
      return {
        available: false,
        reason: 'this browser gives no WebGL 2 context (disabled or no GPU driver)',
      };
    if (SOFTWARE_GL.test(renderer)) {
      return {
        available: true,
        detail: `software renderer (${renderer})`,
        skipInAuto: `only a software renderer (${renderer}), slower than wasm; ask for webgl by name to use it anyway`,
      };
    }
    return { available: true, ...(renderer ? { detail: renderer } : {}) };
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
