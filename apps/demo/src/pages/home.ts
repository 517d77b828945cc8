/**
 * The home page (`#/`): every task and lab of `routes.ts` with one sentence and a picture
 * each; pages that exist are links, the others say "coming".
 */
import { routePicture } from '../components/route-picture.js';
import { h } from '../lib/dom.js';
import { type MountPage, routes } from '../routes.js';

export const mount: MountPage = (host) => {
  host.append(
    h(
      'section',
      { className: 'intro' },
      h('h1', {}, 'Recurrent networks, in your browser'),
      h(
        'p',
        {},
        'Every page runs real models from the recurrent packages in a Web Worker on the best backend this browser has (WebGPU, WebGL, WASM or CPU). Start with the cell lab, then train a character model.',
      ),
    ),
    h(
      'ul',
      { className: 'home-grid', dataset: { testid: 'home-list' } },
      ...routes.map((r) =>
        h(
          'li',
          { className: r.load ? 'home-card' : 'home-card coming', dataset: { route: r.path } },
          routePicture(r.picture),
          h(
            'div',
            {},
            h(
              'h2',
              {},
              r.load ? h('a', { href: `#/${r.path}` }, r.title) : r.title,
              r.load ? null : h('small', { className: 'coming-tag' }, 'coming'),
            ),
            h('p', {}, r.blurb),
          ),
        ),
      ),
    ),
  );
  return () => {};
};
