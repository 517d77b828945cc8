/**
 * Imports a module by a specifier held in a variable, so bundlers leave optional heavy
 * packages (tfjs-node, tfjs-node-gpu) alone and TypeScript does not need their types.
 */
import type { ModuleImporter } from './backend-adapter.js';

export const defaultImporter: ModuleImporter = (specifier) => import(/* @vite-ignore */ specifier);

/** True when an import failed because the package is not installed (not because it broke). */
export function isModuleNotFound(error: unknown, specifier: string): boolean {
  const e = error as { code?: string; message?: string };
  if (e?.code === 'ERR_MODULE_NOT_FOUND' || e?.code === 'MODULE_NOT_FOUND') {
    return String(e.message ?? '').includes(specifier);
  }
  return (
    /Cannot find (module|package)|Failed to resolve module specifier|Could not resolve/.test(
      String(e?.message ?? ''),
    ) && String(e?.message ?? '').includes(specifier)
  );
}

/** The first line of an error's message, for one-line reports. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
