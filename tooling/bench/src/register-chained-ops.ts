/**
 * tfjs-layers calls chained tensor methods (`t.flatten()`, `t.reshape()`, ...). tfjs-core
 * registers them only from its ES-module files (`dist/public/chained_ops/*.js`), which plain
 * Node cannot import (extensionless relative imports), and its Node bundle leaves them out;
 * the `@tensorflow/tfjs` union package, which would add them, is not a dependency here.
 *
 * So this module runs those same 4.22 files against the Node bundle's namespace: each file
 * is `import { op } from '../../ops/op'; Tensor.prototype.method = function (...) { return
 * op(this, ...) }`; its imports are rebound to `tf.op`, `tf.Tensor` and `tf.util`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';

const importLine = /^import \{([^}]*)\} from '([^']*)';$/gm;

function bindingsOf(source: string): string {
  const lines: string[] = [];
  for (const [, names, from] of source.matchAll(importLine)) {
    for (const name of names!
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean)) {
      if (from!.endsWith('/tensor')) {
        lines.push(
          name === 'getGlobalTensorClass'
            ? 'const getGlobalTensorClass = () => tf.Tensor;'
            : `const ${name} = tf.${name};`,
        );
      } else if (from!.endsWith('/util')) lines.push(`const ${name} = tf.util.${name};`);
      else lines.push(`const ${name} = tf.${name};`);
    }
  }
  return lines.join('\n');
}

let done = false;

/** Adds tfjs-core's chained tensor methods (once). */
export function registerChainedOps(): void {
  if (done || typeof (tf.Tensor.prototype as { flatten?: unknown }).flatten === 'function') return;
  done = true;
  const core = path.dirname(
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-core/package.json'),
  );
  const dir = path.join(core, 'dist', 'public', 'chained_ops');
  const all = readFileSync(path.join(dir, 'register_all_chained_ops.js'), 'utf8');
  for (const [, file] of all.matchAll(/^import '\.\/([\w]+)';$/gm)) {
    const source = readFileSync(path.join(dir, `${file}.js`), 'utf8');
    const body = source.replace(importLine, '').replace(/^\/\/# sourceMappingURL=.*$/m, '');
    new Function('tf', `${bindingsOf(source)}\n${body}`)(tf);
  }
}
