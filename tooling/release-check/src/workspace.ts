/**
 * What the checks need to know about the repository, read from disk at run time: its
 * root, the publishable `@recurrent/*` libraries, the trainer and the tasks it registers.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');

export interface WorkspacePackage {
  readonly name: string;
  readonly version: string;
  /** Absolute folder of the package. */
  readonly dir: string;
  readonly json: PackageJson;
}

export interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly bin?: string | Record<string, string>;
  readonly exports?: Record<string, unknown>;
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  readonly devDependencies?: Record<string, string>;
}

export function readPackage(dir: string): WorkspacePackage {
  const json = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
  return { name: json.name, version: json.version, dir, json };
}

/** Every non-private package under packages/ and packages/tasks/, sorted by name. */
export function publishableLibraries(): WorkspacePackage[] {
  const found: WorkspacePackage[] = [];
  for (const group of ['packages', path.join('packages', 'tasks')]) {
    const groupDir = path.join(repoRoot, group);
    for (const entry of readdirSync(groupDir, { withFileTypes: true })) {
      const dir = path.join(groupDir, entry.name);
      if (!entry.isDirectory() || !existsSync(path.join(dir, 'package.json'))) continue;
      const pkg = readPackage(dir);
      if (!pkg.json.private) found.push(pkg);
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** The `recurrent` CLI package. */
export function trainerPackage(): WorkspacePackage {
  return readPackage(path.join(repoRoot, 'apps', 'trainer'));
}

/** Tasks the trainer registers: the task packages (packages/tasks/<task>) it depends on. */
export function trainerTasks(): string[] {
  const deps = Object.keys(trainerPackage().json.dependencies ?? {});
  const tasksDir = path.join(repoRoot, 'packages', 'tasks');
  return readdirSync(tasksDir)
    .filter((folder) => existsSync(path.join(tasksDir, folder, 'package.json')))
    .filter((folder) => deps.includes(readPackage(path.join(tasksDir, folder)).name))
    .sort();
}
