/**
 * View (e): located event clusters as points on bundled world geometry (equirectangular SVG),
 * coloured by quad class, sized by reports; hover for a tooltip, click for the reports.
 */
import { api } from '../api.js';
import type { MapFeature } from '../api.js';
import { clear, h, note, num, s } from '../dom.js';
import { filterForm, fromField, queryOf, rootField, toField } from '../filters.js';
import { QUAD_NAMES, quadColor } from '../labels.js';
import { href } from '../router.js';
import type { Route } from '../router.js';
import { legend } from './network.js';

export async function renderMap(root: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  root.append(h('h1', {}, 'Map of located events'), filterForm(route, [
    { name: 'actor', label: 'Actor', kind: 'text', placeholder: 'e.g. RUS' }, rootField, fromField, toField,
  ]));
  const [{ worldShapes }, fc] = await Promise.all([import('../world.js'), api.map({ ...queryOf(route, ['actor', 'root', 'from', 'to']), limit: 5000 }, signal)]);
  const features = fc.features.filter((f) => f.geometry?.type === 'Point' && Number.isFinite(f.geometry.coordinates[0]) && Number.isFinite(f.geometry.coordinates[1]));

  const svg = s('svg', { viewBox: '0 0 360 180', class: 'world', id: 'world-map', role: 'img', 'aria-label': 'World map of events' });
  svg.append(s('rect', { x: 0, y: 0, width: 360, height: 180, class: 'sea' }));
  const land = s('g', { class: 'land' });
  for (const c of worldShapes()) land.append(s('path', { d: c.d, 'data-country': c.id }, s('title', {}, c.name)));
  svg.append(land);

  const tooltip = h('div', { class: 'tooltip', id: 'map-tooltip', hidden: true });
  const detail = h('aside', { class: 'detail', id: 'map-detail' }, note('Click a point for the event and its reports.'));
  const points = s('g', { class: 'points' });
  // Bigger first so small points stay clickable on top.
  for (const f of [...features].sort((a, b) => b.properties.reports - a.properties.reports)) {
    const [lon, lat] = f.geometry.coordinates;
    const p = f.properties;
    const c = s('circle', { cx: num(lon + 180, 2), cy: num(90 - lat, 2), r: num(0.9 + 0.5 * Math.sqrt(p.reports || 1), 2),
      fill: quadColor(p.quadClass), class: 'point', 'data-cluster': p.cluster, tabindex: 0 }, s('title', {}, tipText(f)));
    c.addEventListener('mouseenter', (e) => {
      tooltip.textContent = tipText(f);
      tooltip.hidden = false;
      place(tooltip, e);
    });
    c.addEventListener('mousemove', (e) => place(tooltip, e));
    c.addEventListener('mouseleave', () => {
      tooltip.hidden = true;
    });
    const open = () => {
      clear(detail);
      detail.append(featureDetail(f));
    };
    c.addEventListener('click', open);
    c.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') open();
    });
    points.append(c);
  }
  svg.append(points);
  root.append(
    h('p', { class: 'count' }, `${features.length} located event${features.length === 1 ? '' : 's'}${fc.truncated ? ' (truncated: narrow the filters)' : ''}`),
    legend(),
    h('div', { class: 'map-layout' }, h('div', { class: 'chart-box map-box' }, svg, tooltip), detail),
    h('p', { class: 'muted small' }, 'Country shapes: Natural Earth 1:110m via world-atlas.'));
  if (features.length === 0) root.append(note('No located events match these filters.'));
}

function placeName(p: MapFeature['properties']): string {
  if (!p.place) return '';
  return typeof p.place === 'string' ? p.place : `${p.place.name}${p.place.country ? `, ${p.place.country}` : ''}`;
}

function tipText(f: MapFeature): string {
  const p = f.properties;
  return `${p.code} ${p.label} · ${p.source || '?'} → ${p.target || '—'} · ${placeName(p)} · ${p.dateStart ?? 'undated'} · ${p.reports} report${p.reports === 1 ? '' : 's'}`;
}

function place(tip: HTMLElement, e: MouseEvent): void {
  const box = tip.parentElement!.getBoundingClientRect();
  tip.style.left = `${e.clientX - box.left + 12}px`;
  tip.style.top = `${e.clientY - box.top + 12}px`;
}

function featureDetail(f: MapFeature): HTMLElement {
  const p = f.properties;
  return h('div', { class: 'event-detail', 'data-cluster-detail': p.cluster },
    h('h2', {}, h('code', { class: 'cameo' }, p.code), ` ${p.label}`),
    h('dl', {},
      h('dt', {}, 'Dyad'), h('dd', {}, `${p.source || '?'} → ${p.target || '—'}`),
      h('dt', {}, 'Quad class'), h('dd', {}, `${p.quadClass} ${QUAD_NAMES[p.quadClass] ?? ''}`),
      h('dt', {}, 'Goldstein'), h('dd', {}, num(p.goldstein, 1)),
      h('dt', {}, 'Date'), h('dd', {}, p.dateStart ? (p.dateEnd && p.dateEnd !== p.dateStart ? `${p.dateStart} – ${p.dateEnd}` : p.dateStart) : 'undated'),
      h('dt', {}, 'Place'), h('dd', {}, `${placeName(p)} (${num(f.geometry.coordinates[1], 3)}, ${num(f.geometry.coordinates[0], 3)})`),
      h('dt', {}, 'Reports'), h('dd', {}, String(p.reports))),
    h('blockquote', { class: 'evidence' }, p.evidence),
    h('ul', {}, ...(p.sources ?? []).slice(0, 10).map((src) =>
      h('li', {}, h('a', { href: href('documents', [src.docId], { event: src.eventId ?? null }) }, src.title?.trim() || src.uri || src.docId)))));
}
