/**
 * The shared layout: a header with the title, the nav (home, live pages as links, pages still
 * to come as greyed "coming" labels), the backend badge, the error panel and the page area.
 * It mounts the page of the current route (`#/` the home; a page still to come, or a route
 * that does not exist, gets a page that says so) and unmounts the previous one.
 */
import { createBackendBadge } from './components/backend-badge.js';
import { createErrorPanel } from './components/error-panel.js';
import { h, replaceChildren } from './lib/dom.js';
import { onRouteChange } from './lib/router.js';
import { setBackendInUrl } from './lib/url-params.js';
import type { WorkerClient } from './lib/worker-client.js';
import { mountPlaceholder } from './pages/placeholder.js';
import { homeRoute, type MountPage, type PageContext, routes } from './routes.js';

export function mountLayout(root: HTMLElement, client: WorkerClient): void {
  const errors = createErrorPanel(() => {
    errors.clear();
    client.restart();
  });
  client.onError((info) => errors.show(info));

  const nav = h(
    'nav',
    { className: 'nav', 'aria-label': 'pages' },
    h('a', { href: '#/', dataset: { route: homeRoute } }, 'Home'),
    ...routes.map((r) =>
      r.load
        ? h('a', { href: `#/${r.path}`, dataset: { route: r.path }, title: r.blurb }, r.title)
        : h(
            'span',
            { className: 'nav-coming', dataset: { route: r.path }, title: `${r.blurb} (coming)` },
            r.title,
            h('small', {}, 'coming'),
          ),
    ),
  );
  const badge = createBackendBadge(client, (backend) => {
    setBackendInUrl(backend);
    errors.clear();
    void client.restartSafely(backend); // a training run stops (and saves its model) first
  });
  const main = h('main', { className: 'page', id: 'page' });
  replaceChildren(
    root,
    h(
      'header',
      { className: 'top' },
      h(
        'div',
        { className: 'brand' },
        h('span', { className: 'logo' }, 'h', h('sub', {}, 't')),
        h('span', {}, h('b', {}, 'recurrent'), h('small', {}, 'RNNs in the browser')),
      ),
      nav,
      badge,
    ),
    errors.element,
    main,
  );

  const context: PageContext = {
    client,
    reportError(error) {
      const e = error instanceof Error ? error : new Error(String(error));
      errors.show({
        name: e.name,
        message: e.message,
        ...(e.stack ? { stack: e.stack } : {}),
        source: 'request',
      });
    },
  };

  let unmount: (() => void) | undefined;
  let version = 0;
  const home: () => Promise<{ mount: MountPage }> = () => import('./pages/home.js');
  onRouteChange((path) => {
    const route = routes.find((r) => r.path === path);
    const isHome = path === homeRoute;
    for (const a of nav.querySelectorAll('a')) {
      a.classList.toggle('active', a.dataset.route === path);
    }
    document.title = `${isHome ? 'Home' : (route?.title ?? 'No such page')} · recurrent`;
    version += 1;
    const mine = version;
    unmount?.();
    unmount = undefined;
    main.dataset.route = path;
    const load = isHome ? home : route?.load;
    if (!load) {
      main.replaceChildren();
      unmount = mountPlaceholder(main, path, route);
      return;
    }
    replaceChildren(main, h('p', { className: 'loading' }, 'Loading…'));
    load().then(
      (page) => {
        if (mine !== version) return;
        main.replaceChildren();
        unmount = page.mount(main, context);
      },
      (error: unknown) => context.reportError(error),
    );
  });
}
