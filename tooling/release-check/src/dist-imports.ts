/**
 * Which packages an installed package's built JavaScript reaches for, compared with what
 * its package.json declares. npm hoists everything into one node_modules, so an undeclared
 * import still resolves in a folder that installed its neighbours; a user who installs the
 * package alone gets "Cannot find package". This finds that statically, from dist/ files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { packageName } from './package-example.js';
import type { PackageJson } from './workspace.js';

export interface UndeclaredImport {
  readonly file: string;
  readonly specifier: string;
  readonly packageName: string;
}

/** Imports in `<dir>/dist/**.js` of packages that are neither the package itself nor declared. */
export function undeclaredImports(dir: string, json: PackageJson): UndeclaredImport[] {
  const declared = new Set([
    json.name,
    ...Object.keys(json.dependencies ?? {}),
    ...Object.keys(json.peerDependencies ?? {}),
  ]);
  const found: UndeclaredImport[] = [];
  for (const file of jsFiles(path.join(dir, 'dist'))) {
    // TypeScript's pre-processor: static and dynamic imports, re-exports and require()
    // calls with a string literal, and nothing inside comments (@example blocks).
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName: specifier } of importedFiles) {
      const name = packageName(specifier);
      if (name && !declared.has(name)) {
        found.push({ file: path.relative(dir, file), specifier, packageName: name });
      }
    }
  }
  return found;
}

function jsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...jsFiles(full));
    else if (/\.(m?js|cjs)$/.test(entry.name) && !/\.test\.|\.browser\.test\./.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}
