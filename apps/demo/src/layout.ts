/**
 * The shared layout: a header with the title, the nav (live pages as links, pages still to
 * come as greyed "coming" labels), the backend badge, the error panel and the page area.
 * It mounts the page of the current route and unmounts the previous one.
 */
import { createBackendBadge } from './components/backend-badge.js';
import { createErrorPanel } from './components/error-panel.js';
import { h, replaceChildren } from './lib/dom.js';
import { navigate, onRouteChange } from './lib/router.js';
import { setBackendInUrl } from './lib/url-params.js';
import type { WorkerClient } from './lib/worker-client.js';
import { defaultRoute, type PageContext, routes } from './routes.js';

export function mountLayout(root: HTMLElement, client: WorkerClient): void {
  const errors = createErrorPanel(() => {
    errors.clear();
    client.restart();
  });
  client.onError((info) => errors.show(info));

  const nav = h(
    'nav',
    { className: 'nav', 'aria-label': 'pages' },
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
    client.restart(backend);
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
  onRouteChange((path) => {
    const route = routes.find((r) => r.path === path && r.load);
    if (!route) {
      navigate(defaultRoute);
      return;
    }
    for (const a of nav.querySelectorAll('a')) {
      a.classList.toggle('active', a.dataset.route === route.path);
    }
    document.title = `${route.title} · recurrent`;
    version += 1;
    const mine = version;
    unmount?.();
    unmount = undefined;
    replaceChildren(main, h('p', { className: 'loading' }, 'Loading…'));
    route.load!().then(
      (page) => {
        if (mine !== version) return;
        main.replaceChildren();
        main.dataset.route = route.path;
        unmount = page.mount(main, context);
      },
      (error: unknown) => context.reportError(error),
    );
  });
}
