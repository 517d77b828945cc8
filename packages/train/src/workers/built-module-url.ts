/**
 * The URL of a module's built file: worker threads run plain Node, so they load dist/*.js
 * even when the code that starts them runs from source (Vitest, `src/*.ts`): there
 * `src/a/b.ts` maps to `dist/a/b.js`, which `pnpm build` writes.
 *
 * @example
 * builtModuleUrl('./char-lm-shard-worker.js', import.meta.url);
 */
export function builtModuleUrl(relative: string, from: string): string {
  const url = new URL(relative, from);
  if (!from.endsWith('.ts')) return url.href;
  return url.href.replace(/\/src\/(?!.*\/src\/)/, '/dist/').replace(/\.ts$/, '.js');
}
