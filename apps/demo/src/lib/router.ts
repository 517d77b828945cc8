/**
 * A hash router (`#/cell-lab`): works from any static host and from `file://`-like sub-paths,
 * needs no server rewrites, and keeps `?backend=` in the query untouched.
 */
export function currentPath(): string {
  return location.hash.replace(/^#\/?/, '').split('?')[0] ?? '';
}

export function onRouteChange(listener: (path: string) => void): () => void {
  const handler = () => listener(currentPath());
  window.addEventListener('hashchange', handler);
  handler();
  return () => window.removeEventListener('hashchange', handler);
}

export function navigate(path: string): void {
  location.hash = `#/${path}`;
}
