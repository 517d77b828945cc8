/**
 * What a route shows when it has no page: a page still to come says so (with its sentence),
 * an unknown route says there is no such page; both list the pages that exist. Never another
 * page in its place.
 */
import { h } from '../lib/dom.js';
import { type RouteEntry, routes } from '../routes.js';

export function mountPlaceholder(host: HTMLElement, path: string, route?: RouteEntry): () => void {
  const live = routes.filter((r) => r.load);
  host.append(
    h(
      'section',
      { className: 'card placeholder', dataset: { testid: route ? 'coming-page' : 'not-found' } },
      h('h1', {}, route ? `${route.title}: coming` : 'No such page'),
      h(
        'p',
        {},
        route ? `${route.blurb} This page is not built yet.` : `There is no page "#/${path}".`,
      ),
      h(
        'p',
        {},
        'Pages you can open now: ',
        ...live.flatMap((r, k) => [k > 0 ? ', ' : '', h('a', { href: `#/${r.path}` }, r.title)]),
        ', or the ',
        h('a', { href: '#/' }, 'home page'),
        '.',
      ),
    ),
  );
  return () => {};
}
