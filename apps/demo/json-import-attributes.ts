/**
 * A Vite plugin for dev: drops `{ with: { type: 'json' } }` from dynamic `import()`s of JSON
 * files. Vite serves a JSON file as a JavaScript module (`export default [...]`), and a
 * browser that is told the import is JSON refuses that MIME type ("Failed to fetch
 * dynamically imported module: .../amazon.json?import"). @recurrent/sentiment imports the
 * UCI sentences that way (Node needs the attribute); without it the module's `default` is the
 * same array. `vite build` bundles the JSON itself and needs nothing (the plugin is dev-only).
 */
import type { Plugin } from 'vite';

const attribute =
  /(import\(\s*(['"])[^'"]+\.json\2)\s*,\s*\{\s*with:\s*\{\s*type:\s*(['"])json\3\s*\}\s*\}\s*\)/g;

export function jsonImportAttributes(): Plugin {
  return {
    name: 'recurrent:json-import-attributes',
    apply: 'serve',
    enforce: 'pre',
    transform(code, id) {
      if (!code.includes('json') || !/\.[cm]?[jt]s$/.test(id.split('?')[0]!)) return null;
      const out = code.replace(attribute, '$1)');
      return out === code ? null : { code: out, map: null };
    },
  };
}
