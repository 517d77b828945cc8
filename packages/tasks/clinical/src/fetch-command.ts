/**
 * `recurrent data fetch physionet-2012 [--cache data/physionet-2012] [--sets a,b,c] [--force]
 * [--url <mirror>]`: a command the task adds to the CLI, dispatched without naming the task.
 * Progress goes to stderr one line per 10% of each file; the result, the citation and the
 * next command to stdout.
 *
 * @example
 * await createFetchCommand().run({ positionals: [], values: { cache: 'data/physionet-2012' }, files, out, err });
 */
import { ConfigError } from '@recurrent/errors';
import type { TaskCommand } from '@recurrent/task';
import { fetchPhysionet, physionetSource } from './fetch-physionet.js';

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

export function createFetchCommand(fetchImpl?: typeof fetch): TaskCommand {
  return Object.freeze<TaskCommand>({
    path: ['data', 'fetch', 'physionet-2012'],
    usage:
      'recurrent data fetch physionet-2012 [--cache data/physionet-2012] [--sets a,b,c] [--force] [--url <mirror>]',
    summary:
      'download the PhysioNet/CinC 2012 ICU stays (set-a/b/c + outcomes), SHA-256 verified, into a cache folder',
    options: {
      cache: {
        type: 'path',
        default: 'data/physionet-2012',
        help: 'cache folder; train with --data <it>',
      },
      sets: {
        type: 'string',
        default: 'a,b,c',
        help: 'which sets (4,000 stays each): a, b, c, comma-separated',
      },
      force: {
        type: 'boolean',
        default: false,
        help: 'download again even when the cache holds good copies',
      },
      url: {
        type: 'string',
        help: `a mirror of ${physionetSource.baseUrl} (the published checksums still apply)`,
      },
    },
    async run(ctx) {
      if (ctx.positionals.length > 0) {
        throw new ConfigError(
          `data fetch physionet-2012: expected no more words, got ${ctx.positionals.map((p) => JSON.stringify(p)).join(' ')}. Pick sets with --sets a,b,c.`,
        );
      }
      const cacheDir = String(ctx.values.cache ?? 'data/physionet-2012');
      const sets = String(ctx.values.sets ?? 'a,b,c')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const base = typeof ctx.values.url === 'string' ? ctx.values.url : physionetSource.baseUrl;
      ctx.err(`physionet-2012: ${base} (sets ${sets.join(', ')}) -> ${cacheDir}`);
      const shown = new Map<string, number>();
      const start = performance.now();
      const result = await fetchPhysionet({
        cacheDir,
        sets,
        baseUrl: base,
        force: ctx.values.force === true,
        ...(fetchImpl ? { fetch: fetchImpl } : {}),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        onProgress: ({ file, received, total }) => {
          const tenth = total ? Math.floor((10 * received) / total) : Math.floor(received / 1e7);
          if (shown.get(file) === tenth) return;
          shown.set(file, tenth);
          const rate = received / Math.max(1e-3, (performance.now() - start) / 1000);
          const barText = total
            ? `[${'#'.repeat(tenth).padEnd(10, '.')}] ${Math.round((100 * received) / total)}% `
            : '';
          ctx.err(
            `${file}: ${barText}${mb(received)}${total ? ` of ${mb(total)}` : ''} | ${mb(rate)}/s`,
          );
        },
      });
      for (const f of result.files) {
        ctx.out(
          `${f.file}: ${f.cached ? 'already in the cache' : 'downloaded'} (${mb(f.bytes)}, sha256 ${f.sha256} verified)`,
        );
      }
      for (const [set, n] of Object.entries(result.unpacked))
        ctx.out(`set-${set}: ${n.toLocaleString('en-US')} stay files in ${cacheDir}/set-${set}/`);
      ctx.out(`cite: ${physionetSource.citation}`);
      ctx.out(
        `next: recurrent train clinical --data ${cacheDir}${sets.join(',') === 'a' ? '' : ` --sets ${sets.join(',')}`}`,
      );
      return 0;
    },
  });
}

export const fetchCommand: TaskCommand = createFetchCommand();
