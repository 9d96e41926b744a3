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
  const detail = h('aside', { class: 'detail', id: 'map-detail' }, note('Click a point for the events there and their reports.'));
  const points = s('g', { class: 'points' });
  const spots = groupByPlace(features);
  // Bigger first so small points stay clickable on top.
  for (const spot of [...spots].sort((a, b) => b.reports - a.reports)) {
    const tip = spotTip(spot);
    const c = s('circle', { cx: num(spot.lon + 180, 2), cy: num(90 - spot.lat, 2), r: num(1 + 0.6 * Math.sqrt(spot.reports), 2),
      fill: quadColor(spot.quad), class: 'point', 'data-events': spot.features.length, tabindex: 0 }, s('title', {}, tip));
    c.addEventListener('mouseenter', (e) => {
      tooltip.textContent = tip;
      tooltip.hidden = false;
      place(tooltip, e);
    });
    c.addEventListener('mousemove', (e) => place(tooltip, e));
    c.addEventListener('mouseleave', () => {
      tooltip.hidden = true;
    });
    const open = () => {
      clear(detail);
      detail.append(h('h2', {}, `${spot.name}: ${spot.features.length} event${spot.features.length === 1 ? '' : 's'}`), ...spot.features.map(featureDetail));
    };
    c.addEventListener('click', open);
    c.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') open();
    });
    points.append(c);
  }
  svg.append(points);
  root.append(
    h('p', { class: 'count' }, `${features.length} located event${features.length === 1 ? '' : 's'} at ${spots.length} place${spots.length === 1 ? '' : 's'}${fc.truncated ? ' (truncated: narrow the filters)' : ''}`),
    legend(),
    h('div', { class: 'map-layout' }, h('div', { class: 'chart-box map-box' }, svg, tooltip), detail),
    h('p', { class: 'muted small' }, 'Country shapes: Natural Earth 1:110m via world-atlas.'));
  if (features.length === 0) root.append(note('No located events match these filters.'));
}

function placeName(p: MapFeature['properties']): string {
  if (!p.place) return '';
  return typeof p.place === 'string' ? p.place : `${p.place.name}${p.place.country ? `, ${p.place.country}` : ''}`;
}

/** Events at one spot (same coordinates to ~100 m): one point on the map. */
interface Spot { lon: number; lat: number; name: string; reports: number; quad: number; features: MapFeature[] }

function groupByPlace(features: readonly MapFeature[]): Spot[] {
  const spots = new Map<string, Spot>();
  for (const f of features) {
    const [lon, lat] = f.geometry.coordinates;
    const key = `${lon.toFixed(3)},${lat.toFixed(3)}`;
    let spot = spots.get(key);
    if (!spot) spots.set(key, (spot = { lon, lat, name: placeName(f.properties) || key, reports: 0, quad: 0, features: [] }));
    spot.features.push(f);
    spot.reports += Math.max(1, f.properties.reports);
  }
  for (const spot of spots.values()) {
    // The point's colour: the quad class most of its events have.
    const counts = [0, 0, 0, 0, 0];
    for (const f of spot.features) counts[f.properties.quadClass] = (counts[f.properties.quadClass] ?? 0) + 1;
    spot.quad = counts.indexOf(Math.max(...counts));
  }
  return [...spots.values()];
}

function eventLine(f: MapFeature): string {
  const p = f.properties;
  return `${p.code} ${p.label} · ${p.source || '?'} → ${p.target || '—'} · ${p.dateStart ?? 'undated'}`;
}

function spotTip(spot: Spot): string {
  const head = `${spot.name} · ${spot.features.length} event${spot.features.length === 1 ? '' : 's'}`;
  const lines = spot.features.slice(0, 5).map(eventLine);
  if (spot.features.length > 5) lines.push(`… and ${spot.features.length - 5} more`);
  return [head, ...lines].join('\n');
}

function place(tip: HTMLElement, e: MouseEvent): void {
  const box = tip.parentElement!.getBoundingClientRect();
  tip.style.left = `${e.clientX - box.left + 12}px`;
  tip.style.top = `${e.clientY - box.top + 12}px`;
}

function featureDetail(f: MapFeature): HTMLElement {
  const p = f.properties;
  // Each report opens its document at the event; an export written before reportLinks lists URIs only.
  const reports = h('ul', { class: 'reports' }, ...(p.reportLinks
    ? p.reportLinks.slice(0, 10).map((src) => h('li', {}, h('a', { href: href('documents', [src.docId], { event: src.eventId }), 'data-doc': src.docId }, src.title?.trim() || src.uri || src.docId)))
    : (p.sources ?? []).slice(0, 10).map((src) => h('li', {}, src))));
  return h('div', { class: 'event-detail', 'data-cluster-detail': p.cluster },
    h('h3', {}, h('code', { class: 'cameo' }, p.code), ` ${p.label}`),
    h('dl', {},
      h('dt', {}, 'Dyad'), h('dd', {}, `${p.source || '?'} → ${p.target || '—'}`),
      h('dt', {}, 'Quad class'), h('dd', {}, `${p.quadClass} ${QUAD_NAMES[p.quadClass] ?? ''}`),
      h('dt', {}, 'Goldstein'), h('dd', {}, num(p.goldstein, 1)),
      h('dt', {}, 'Date'), h('dd', {}, p.dateStart ? (p.dateEnd && p.dateEnd !== p.dateStart ? `${p.dateStart} – ${p.dateEnd}` : p.dateStart) : 'undated'),
      h('dt', {}, 'Place'), h('dd', {}, `${placeName(p)} (${num(f.geometry.coordinates[1], 3)}, ${num(f.geometry.coordinates[0], 3)})`),
      h('dt', {}, 'Reports'), h('dd', {}, String(p.reports))),
    h('blockquote', { class: 'evidence' }, p.evidence),
    reports);
}

