/**
 * A page's settings in the URL, after its route: `#/char-lm?units=128&prime=Call+me`, so a
 * view can be shared (the backend stays in the query before the hash: `?backend=wasm`).
 * Written with `history.replaceState`: no reload, no new history entry, no route change.
 *
 * @example
 * pageSettings().get('units'); // '128'
 * writePageSettings({ units: 128, prime: 'Call me' });
 */
export function pageSettings(hash = location.hash): URLSearchParams {
  const at = hash.indexOf('?');
  return new URLSearchParams(at >= 0 ? hash.slice(at + 1) : '');
}

/** Merges `values` into the hash's query (undefined or '' removes a key). */
export function writePageSettings(
  values: Readonly<Record<string, string | number | boolean | undefined>>,
): void {
  const params = pageSettings();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === '') params.delete(key);
    else params.set(key, String(value));
  }
  const route = location.hash.split('?')[0] || '#/';
  const query = params.toString();
  const url = new URL(location.href);
  url.hash = query ? `${route}?${query}` : route;
  history.replaceState(null, '', url);
}
