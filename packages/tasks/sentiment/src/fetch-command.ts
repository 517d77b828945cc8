/**
 * `recurrent data fetch sst2|imdb|uci [--cache data] [--force] [--url <mirror>]`: a
 * command the task adds to the CLI, dispatched without naming the task. Progress goes to
 * stderr one line per 10%, the result and the next command to stdout.
 */
import { ConfigError } from '@recurrent/errors';
import type { TaskCommand } from '@recurrent/task';
import { type DatasetSource, datasetSources } from './dataset-sources.js';
import { fetchDataset } from './fetch-dataset.js';

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

/**
 * The command over a table of sources (tests pass one pointing at a local server).
 *
 * @example
 * await createFetchCommand().run({ positionals: ['imdb'], values: { cache: 'data' }, files, out, err });
 */
export function createFetchCommand(
  sources: Readonly<Record<string, DatasetSource>> = datasetSources,
): TaskCommand {
  return Object.freeze<TaskCommand>({
    path: ['data', 'fetch'],
    usage: `recurrent data fetch <${Object.keys(sources).join('|')}> [--cache data] [--force]`,
    summary:
      'download a sentiment dataset (SST-2, IMDB, UCI) into a cache folder, checksum verified',
    options: {
      cache: { type: 'path', default: 'data', help: 'cache folder for downloads' },
      force: {
        type: 'boolean',
        default: false,
        help: 'download again even when the cache holds a good copy',
      },
      url: {
        type: 'string',
        help: 'a mirror serving the same file (the pinned checksum still applies)',
      },
    },
    async run(ctx) {
      const name = ctx.positionals[0];
      const source = name === undefined ? undefined : sources[name];
      if (!source || ctx.positionals.length !== 1) {
        throw new ConfigError(
          `data fetch: expected one dataset name, got ${ctx.positionals.length === 0 ? 'none' : ctx.positionals.map((p) => JSON.stringify(p)).join(' ')}. Available: ${Object.keys(sources).join(', ')}.`,
        );
      }
      const cacheDir = String(ctx.values.cache ?? 'data');
      ctx.err(`${source.name}: ${ctx.values.url ?? source.url} -> ${cacheDir}`);
      let shown = -1;
      const start = performance.now();
      const result = await fetchDataset(source, {
        cacheDir,
        force: ctx.values.force === true,
        ...(typeof ctx.values.url === 'string' ? { url: ctx.values.url } : {}),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        onProgress: ({ received, total }) => {
          const tenth = total ? Math.floor((10 * received) / total) : Math.floor(received / 1e7);
          if (tenth === shown) return;
          shown = tenth;
          const rate = received / Math.max(1e-3, (performance.now() - start) / 1000);
          const bar = total
            ? `[${'#'.repeat(tenth).padEnd(10, '.')}] ${Math.round((100 * received) / total)}% `
            : '';
          ctx.err(
            `${source.name}: ${bar}${mb(received)}${total ? ` of ${mb(total)}` : ''} | ${mb(rate)}/s`,
          );
        },
      });
      ctx.out(
        `${source.name}: ${result.cached ? 'already in the cache' : 'downloaded'} ${result.path} (${mb(result.bytes)}, sha256 ${result.sha256}${source.checksum ? `, ${source.checksum.algorithm} verified` : ', no published checksum to verify'})`,
      );
      if (result.unpacked.length > 0)
        ctx.out(`${source.name}: unpacked ${result.unpacked.length} files`);
      ctx.out(`cite: ${source.citation}`);
      ctx.out(`next: ${source.next.replaceAll('{dir}', cacheDir)}`);
      return 0;
    },
  });
}

export const fetchCommand: TaskCommand = createFetchCommand();
