/**
 * Node module hooks that let plain Node load tfjs-core's ESM files (`dist/*.js`).
 *
 * tfjs-core registers no gradients by itself: `@tensorflow/tfjs-core/dist/register_all_gradients`
 * does, but its files use extensionless imports (`./gradients/Abs_grad`) inside a package that
 * is not `"type": "module"`, so plain Node refuses them (bundlers and Vitest accept them).
 * These hooks add the `.js` extension and read those files as ES modules; they touch nothing
 * outside `@tensorflow/tfjs-core/dist/` and leave the CommonJS bundle (`tf-core.node.js`) alone.
 * The gradient registry is global, so gradients registered this way serve the bundle too.
 */
import { register } from 'node:module';

const hooksSource = `
const inCoreDist = (url) => typeof url === 'string' && url.includes('/@tensorflow/tfjs-core/dist/');
export async function resolve(specifier, context, next) {
  if (inCoreDist(context.parentURL) && specifier.startsWith('.') && !/\\.[cm]?js$/.test(specifier)) {
    try {
      return await next(specifier + '.js', context);
    } catch {
      return next(specifier + '/index.js', context);
    }
  }
  return next(specifier, context);
}
export async function load(url, context, next) {
  if (inCoreDist(url) && !/\\/tf-core[^/]*\\.js$/.test(url)) {
    return next(url, { ...context, format: 'module' });
  }
  return next(url, context);
}
`;

let registered = false;

/** Registers the hooks once per process (idempotent). */
export function registerTfjsCoreEsmHooks(): void {
  if (registered) return;
  register(`data:text/javascript,${encodeURIComponent(hooksSource)}`);
  registered = true;
}
