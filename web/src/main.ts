/**
 * The dashboard's entry: store figures in the header, and the five views (documents, timeline,
 * network, dyad, map) behind hash routes. `#app[data-ready=view][data-hash=route]` marks a finished render.
 */
import './style.css';
import { api } from './api.js';
import { h, note } from './dom.js';
import { parseRoute } from './router.js';
import type { Route } from './router.js';
import { renderDocuments } from './views/documents.js';
import { renderDyad } from './views/dyad.js';
import { renderMap } from './views/map.js';
import { renderNetwork } from './views/network.js';
import { renderTimeline } from './views/timeline.js';

export type View = (root: HTMLElement, route: Route, signal: AbortSignal) => Promise<void>;

const views: Record<string, View> = {
  documents: renderDocuments,
  timeline: renderTimeline,
  network: renderNetwork,
  dyad: renderDyad,
  map: renderMap,
};

const app = document.getElementById('app')!;
let current: AbortController | null = null;

async function show(): Promise<void> {
  const route = parseRoute(location.hash);
  if (!views[route.view]) {
    location.replace('#/documents');
    return;
  }
  current?.abort();
  const ctl = new AbortController();
  current = ctl;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('#nav a')) {
    a.classList.toggle('active', a.dataset.view === route.view);
  }
  app.removeAttribute('data-ready');
  app.removeAttribute('data-hash');
  const root = h('section', { class: `view view-${route.view}` });
  app.replaceChildren(root);
  try {
    await views[route.view]!(root, route, ctl.signal);
  } catch (e) {
    if (ctl.signal.aborted) return;
    root.append(note(`Could not load this view: ${(e as Error).message}`, 'error'));
  }
  if (!ctl.signal.aborted) {
    app.setAttribute('data-ready', route.view);
    app.setAttribute('data-hash', location.hash);
  }
}

async function showStats(): Promise<void> {
  try {
    const { stats } = await api.health();
    document.getElementById('stats')!.textContent =
      `${stats.originals} documents · ${stats.clusters} events · ${stats.quotes} quotes`;
  } catch {
    document.getElementById('stats')!.textContent = 'API unreachable';
  }
}

window.addEventListener('hashchange', () => void show());
void show();
void showStats();
