/**
 * Hash routes: `#/view/arg?key=value`. The view re-renders on every hash change; filters live in
 * the query so a filtered view can be bookmarked and the back button works.
 */

export interface Route { view: string; args: string[]; query: URLSearchParams }

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const parts = path.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return { view: parts[0] ?? '', args: parts.slice(1), query: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)) };
}

/** A hash for a view, its path arguments and its (non-empty) query parameters. */
export function href(view: string, args: readonly string[] = [], query: Record<string, string | number | null | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const qs = q.toString();
  return `#/${[view, ...args.map(encodeURIComponent)].join('/')}${qs ? `?${qs}` : ''}`;
}

export function go(hash: string): void {
  if (location.hash !== hash) location.hash = hash;
}

/**
 * Changes the address without re-rendering (e.g. the selected event), keeping `#app[data-hash]`
 * (the route the view shows, which tests wait on) in step.
 */
export function replaceHash(hash: string): void {
  history.replaceState(null, '', hash);
  const app = document.getElementById('app');
  if (app?.hasAttribute('data-ready')) app.setAttribute('data-hash', location.hash);
}
