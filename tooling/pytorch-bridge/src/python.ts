/**
 * Debian's Python with torch, as the bridge tests call it: /usr/bin/python3 (this image's
 * `python3` on PATH may be a pyenv shim without torch), python/ on PYTHONPATH so nothing
 * needs installing, and whether torch and pytest are there (the tests skip, saying so, if not).
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const PYTHON = '/usr/bin/python3';
export const TORCHRUN = '/usr/bin/torchrun';
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const pythonDir = fileURLToPath(new URL('../../../python/', import.meta.url));

const env = () => ({ ...process.env, PYTHONPATH: pythonDir, OMP_NUM_THREADS: '1' });

function imports(module: string): boolean {
  return spawnSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}

/** Why the PyTorch tests cannot run here, or null when they can. */
export const noTorch: string | null = !imports('torch')
  ? `${PYTHON} has no torch (apt-get install -y python3-torch; .ci/run does)`
  : null;
export const noPytest: string | null =
  noTorch ??
  (!imports('pytest') ? `${PYTHON} has no pytest (apt-get install -y python3-pytest)` : null);

export interface PythonResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program (PYTHON or TORCHRUN) with python/ importable; resolves with its output. */
export function runPython(
  program: string,
  args: readonly string[],
  cwd = repoRoot,
): Promise<PythonResult> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { cwd, env: env() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
