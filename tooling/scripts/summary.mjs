#!/usr/bin/env node
// Sums the Vitest JSON reports that every package's `test` task writes to
// test-results/*.json and prints one line per suite and a closing total line
// ("N passed, N failed, N skipped"). Exits 1 if any test failed or no test ran.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const workspaces = ['packages', 'packages/tasks', 'apps', 'tooling'];
const clean = process.argv.includes('--clean'); // remove old reports before a run
let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
for (const group of workspaces) {
  const dir = path.join(root, group);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir).sort()) {
    const results = path.join(dir, name, 'test-results');
    if (!existsSync(results)) continue;
    if (clean) {
      rmSync(results, { recursive: true, force: true });
      continue;
    }
    for (const file of readdirSync(results)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const report = JSON.parse(readFileSync(path.join(results, file), 'utf8'));
      const p = report.numPassedTests ?? 0;
      const f = report.numFailedTests ?? 0;
      const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
      passed += p;
      failed += f;
      skipped += s;
      rows.push(
        `${`${group}/${name}`.padEnd(28)} ${file.replace(/^vitest-|\.json$/g, '').padEnd(8)} ${String(p).padStart(4)} passed ${String(f).padStart(3)} failed ${String(s).padStart(3)} skipped`,
      );
    }
  }
}
if (clean) process.exit(0);
console.log('\nTest summary');
for (const row of rows) console.log(`  ${row}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
