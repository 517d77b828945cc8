/**
 * The packages as a user installs them: `pnpm pack` every publishable `@recurrent/*`
 * library and the trainer (workspace:* becomes real versions), `npm install` the tarballs
 * into a fresh folder under the OS temp dir, then run each package README's opening
 * example with plain Node, build a Vite page that imports every library, and run the
 * trainer as `npx recurrent`. Run: pnpm --filter @recurrent/release-check test install-from-tarballs
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { undeclaredImports } from './dist-imports.js';
import { EXAMPLE_TOKENS } from './example-tokens.js';
import { readmeExample, squeeze } from './package-example.js';
import {
  type CommandResult,
  childEnv,
  describeResult,
  outputProblems,
  runCommand,
} from './run-command.js';
import {
  type PackageJson,
  publishableLibraries,
  readPackage,
  repoRoot,
  trainerPackage,
  trainerTasks,
  type WorkspacePackage,
} from './workspace.js';

const self = readPackage(path.resolve(import.meta.dirname, '..'));
const libraries = publishableLibraries();
const trainer = trainerPackage();
const everything = [...libraries, trainer];
const tfjsVersion = trainer.json.dependencies?.['@tensorflow/tfjs-core'] ?? '4.22.0';
const viteVersion = self.json.devDependencies?.vite ?? '8.3.8';

/** Packages from the registry beside the tarballs, each with why a user installs it. */
const FROM_REGISTRY: Readonly<Record<string, string>> = Object.freeze({
  [`@tensorflow/tfjs-core@${tfjsVersion}`]: 'the peer dependency of every library',
  [`@tensorflow/tfjs-backend-cpu@${tfjsVersion}`]:
    "the examples' `import '@tensorflow/tfjs-backend-cpu'`",
  [`@tensorflow/tfjs-backend-wasm@${tfjsVersion}`]:
    "an optional peer of @recurrent/backends: selectBackend('wasm')",
  [`vite@${viteVersion}`]: 'the browser build of the libraries (the version the workspace uses)',
});

const tmp = await mkdtemp(path.join(os.tmpdir(), 'recurrent-install-'));
const tarballs = path.join(tmp, 'tarballs');
const app = path.join(tmp, 'app');
// npx must run the installed bin, never fetch a package called "recurrent" from the registry.
const env = childEnv({ npm_config_update_notifier: 'false', npm_config_yes: 'false' });
const timings: string[] = [];

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings.push(`  ${label.padEnd(44)} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

async function mustRun(argv: string[], cwd: string, timeoutMs = 120_000): Promise<CommandResult> {
  const result = await runCommand(argv, { cwd, env, timeoutMs });
  if (result.code !== 0) throw new Error(`command failed:\n${describeResult(result)}`);
  return result;
}

function tarballOf(pkg: WorkspacePackage): string {
  return path.join(tarballs, `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}.tgz`);
}

function installed(name: string): { dir: string; json: PackageJson } {
  const dir = path.join(app, 'node_modules', ...name.split('/'));
  return { dir, json: JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) };
}

/** Every file an `exports` map points to (conditions other than the workspace's source one). */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports];
  if (exports === null || typeof exports !== 'object') return [];
  return Object.entries(exports).flatMap(([key, value]) =>
    key === '@recurrent/source' ? [] : exportTargets(value),
  );
}

const short = (name: string) => name.replace('@recurrent/', '');

/**
 * The libraries whose tarball holds every file its exports map names. A package that lacks
 * one fails its own case above; the Node-import and Vite cases check the others, so one
 * unfinished package does not hide what the rest do.
 */
function complete(): WorkspacePackage[] {
  return libraries.filter((lib) => {
    const { dir, json } = installed(lib.name);
    return exportTargets(json.exports).every((f) => existsSync(path.join(dir, f)));
  });
}

describe('installing @recurrent/* from their tarballs with npm, outside the workspace', () => {
  beforeAll(async () => {
    mkdirSync(tarballs, { recursive: true });
    await timed(`pnpm pack x${everything.length}`, async () => {
      const queue = [...everything];
      const worker = async () => {
        for (let pkg = queue.shift(); pkg; pkg = queue.shift()) {
          await mustRun(['pnpm', 'pack', '--pack-destination', tarballs], pkg.dir);
        }
      };
      await Promise.all([worker(), worker(), worker()]);
    });
    mkdirSync(app, { recursive: true });
    writeFileSync(
      path.join(app, 'package.json'),
      `${JSON.stringify({ name: 'recurrent-user', private: true, type: 'module' }, null, 2)}\n`,
    );
    await timed('npm install (tarballs, tfjs, vite)', () =>
      mustRun(
        [
          'npm',
          'install',
          '--no-audit',
          '--no-fund',
          '--prefer-offline',
          '--ignore-scripts', // none is needed: tfjs-backend-wasm ships its .wasm files
          '--loglevel=error',
          ...everything.map(tarballOf),
          ...Object.keys(FROM_REGISTRY),
        ],
        app,
        240_000,
      ),
    );
  }, 400_000);

  afterAll(() => {
    console.log(`install from tarballs (${tmp}):\n${timings.join('\n')}`);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('builds every publishable package before this test (each is a devDependency here)', () => {
    const missing = everything
      .map((p) => p.name)
      .filter((name) => self.json.devDependencies?.[name] !== 'workspace:*');
    expect(
      missing,
      `add to tooling/release-check/package.json devDependencies as "workspace:*", so turbo builds them first`,
    ).toEqual([]);
  });

  it('installs every package from its own tarball, with no workspace: ranges left', () => {
    const lock = JSON.parse(readFileSync(path.join(app, 'package-lock.json'), 'utf8'));
    for (const pkg of everything) {
      const { json } = installed(pkg.name);
      expect(json.version, pkg.name).toBe(pkg.version);
      const resolved: string = lock.packages[`node_modules/${pkg.name}`]?.resolved ?? '';
      expect(resolved, `${pkg.name} must come from its tarball, not the registry`).toMatch(
        /^file:.*\.tgz$/,
      );
      const ranges = { ...json.dependencies, ...json.peerDependencies };
      const left = Object.entries(ranges).filter(([, range]) => range.startsWith('workspace:'));
      expect(left, `${pkg.name}: pnpm pack should have rewritten these`).toEqual([]);
    }
  });

  it.each(everything.map((p) => [p.name]))(
    '%s: ships every file its exports map names, and its dist imports only declared packages',
    (name) => {
      const { dir, json } = installed(name);
      const missing = exportTargets(json.exports).filter((f) => !existsSync(path.join(dir, f)));
      expect(
        missing,
        `${name}: exports name files the tarball lacks (is the entry built from src/index.ts? does "files" list dist?)`,
      ).toEqual([]);
      const undeclared = undeclaredImports(dir, json).map(
        (u) => `${u.file} imports "${u.specifier}"`,
      );
      expect(
        undeclared,
        `${name} imports packages its package.json does not declare (a user installing it alone gets "Cannot find package"): add them to dependencies or peerDependencies`,
      ).toEqual([]);
    },
  );

  it('imports every complete library in plain Node', async () => {
    const libs = complete();
    const script = `const names = {};
for (const name of ${JSON.stringify(libs.map((l) => l.name))}) names[name] = Object.keys(await import(name));
console.log('EXPORTS ' + JSON.stringify(names));`;
    const result = await mustRun([process.execPath, '--input-type=module', '-e', script], app);
    const line = result.output.split('\n').find((l) => l.startsWith('EXPORTS '));
    const names = JSON.parse(line!.slice('EXPORTS '.length)) as Record<string, string[]>;
    for (const lib of libs) expect(names[lib.name]?.length, lib.name).toBeGreaterThan(0);
    writeFileSync(path.join(tmp, 'exports.json'), JSON.stringify(names));
  });

  for (const lib of libraries) {
    it(`${lib.name}: the README's opening example runs in plain Node`, async () => {
      const readmePath = path.join(lib.dir, 'README.md');
      const where = path.relative(repoRoot, readmePath);
      expect(existsSync(readmePath), `${where} is missing`).toBe(true);
      const example = readmeExample(readFileSync(readmePath, 'utf8'));
      expect(example, `${where} has no \`\`\`js example`).not.toBeNull();
      const notInstalled = example!.imports.filter(
        (name) =>
          !everything.some((p) => p.name === name) &&
          !Object.keys(FROM_REGISTRY).some((spec) => spec.startsWith(`${name}@`)),
      );
      expect(notInstalled, `${where}: add these to FROM_REGISTRY (with why)`).toEqual([]);
      const file = path.join(app, 'examples', `${short(lib.name)}.mjs`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, example!.code);
      const result = await timed(`example ${lib.name}`, () =>
        runCommand([process.execPath, file], { cwd: app, env, timeoutMs: 120_000 }),
      );
      const shown = `${where}:${example!.line} (run as ${file})\n${describeResult(result)}`;
      expect(result.code, shown).toBe(0);
      expect(
        outputProblems(result.output).filter((p) => p.includes('stack trace')),
        shown,
      ).toEqual([]);
      if (example!.shownOutput === null) return;
      const tokens = EXAMPLE_TOKENS[lib.name];
      expect(
        tokens,
        `${where} shows output: list a few stable pieces of it for ${lib.name} in src/example-tokens.ts`,
      ).toBeDefined();
      for (const token of tokens!) {
        expect(
          squeeze(example!.shownOutput).includes(token),
          `example-tokens.ts: "${token}" is no longer in ${where}'s output block; update the table`,
        ).toBe(true);
        expect(squeeze(result.output).includes(token), `output lacks "${token}"\n${shown}`).toBe(
          true,
        );
      }
    });
  }

  it('builds a Vite page that imports every complete library (the browser entry points)', async () => {
    const libs = complete();
    const web = path.join(app, 'web');
    mkdirSync(web, { recursive: true });
    writeFileSync(
      path.join(web, 'index.html'),
      '<!doctype html>\n<html><body><script type="module" src="./main.js"></script></body></html>\n',
    );
    const imports = libs.map((l, i) => `import * as m${i} from '${l.name}';`);
    const list = libs.map((l, i) => `['${l.name}', m${i}]`).join(', ');
    writeFileSync(
      path.join(web, 'main.js'),
      `${imports.join('\n')}\nfor (const [name, m] of [${list}]) {\n  document.body.append(\`\${name}: \${Object.keys(m).join(', ')}\\n\`);\n}\n`,
    );
    const vite = path.join(app, 'node_modules', '.bin', 'vite');
    const result = await timed('vite build', () =>
      runCommand([vite, 'build', '--logLevel', 'info'], { cwd: web, env, timeoutMs: 180_000 }),
    );
    const shown = describeResult(result, 80);
    expect(result.code, shown).toBe(0);
    expect(outputProblems(result.output), shown).toEqual([]);
    const assets = path.join(web, 'dist', 'assets');
    const bundle = readdirSync(assets)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(path.join(assets, f), 'utf8'))
      .join('\n');
    const names = JSON.parse(readFileSync(path.join(tmp, 'exports.json'), 'utf8')) as Record<
      string,
      string[]
    >;
    for (const lib of libs) {
      const first = names[lib.name]![0]!;
      expect(bundle.includes(first), `the bundle lacks ${lib.name}'s export ${first}`).toBe(true);
    }
    const nodeOnly = result.output
      .split('\n')
      .filter((l) => l.includes('externalized for browser compatibility'))
      .map((l) => l.replace(/^.*Module "([^"]+)".*imported by "([^"]+)".*$/, '$1 <- $2'))
      .map((l) => l.replace(`${app}/node_modules/`, ''));
    if (nodeOnly.length)
      console.log(`vite: Node modules externalized:\n  ${nodeOnly.join('\n  ')}`);
  });

  it('runs the trainer as npx recurrent: --help, doctor, and a 3-step run of every task', async () => {
    const help = await timed('npx recurrent --help', () =>
      mustRun(['npx', 'recurrent', '--help'], app),
    );
    expect(help.output).toMatch(/Usage: recurrent/);
    const doctor = await timed('npx recurrent doctor', () =>
      mustRun(['npx', 'recurrent', 'doctor'], app),
    );
    const shown = describeResult(doctor);
    expect(doctor.output, shown).toMatch(/backend\s+available/);
    expect(doctor.output, shown).toMatch(/^\s*wasm\s+yes\b/m);
    for (const result of [help, doctor]) expect(outputProblems(result.output), shown).toEqual([]);
    for (const task of trainerTasks()) {
      const runs = path.join(app, 'runs');
      const trained = await timed(`npx recurrent train ${task} (3 steps)`, () =>
        mustRun(
          ['npx', 'recurrent', 'train', task, '--preset', 'tiny', '--steps', '3'].concat([
            '--name',
            task,
            '--runs-dir',
            runs,
          ]),
          app,
          180_000,
        ),
      );
      expect(outputProblems(trained.output), describeResult(trained)).toEqual([]);
      const evaluated = await timed(`npx recurrent eval ${task}`, () =>
        mustRun(['npx', 'recurrent', 'eval', task, '--runs-dir', runs], app, 180_000),
      );
      expect(outputProblems(evaluated.output), describeResult(evaluated)).toEqual([]);
    }
  });
});
