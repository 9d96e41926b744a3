/**
 * View (b): event clusters on a calendar (one month grid per month, days shaded by how many
 * events and coloured by their mean Goldstein score) and day by day, filtered by actor, dyad,
 * root code and dates.
 */
import { api } from '../api.js';
import type { EventCluster, TimelineDay } from '../api.js';
import { h, note, num } from '../dom.js';
import { filterForm, fromField, queryOf, rootField, toField } from '../filters.js';
import { QUAD_NAMES } from '../labels.js';
import { href } from '../router.js';
import type { Route } from '../router.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MAX_MONTHS = 24;

export async function renderTimeline(root: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  root.append(h('h1', {}, 'Timeline'), filterForm(route, [
    { name: 'actor', label: 'Actor', kind: 'text', placeholder: 'e.g. RUS' },
    { name: 'target', label: 'With', kind: 'text', placeholder: 'dyad: e.g. UKR' },
    rootField, fromField, toField,
  ]));
  const q = queryOf(route, ['actor', 'target', 'root', 'from', 'to']);
  let days: TimelineDay[];
  let truncated = false;
  if (q.actor && q.target) {
    // A dyad: both directions, merged by cluster id.
    const base = { root: q.root, from: q.from, to: q.to, limit: 500 };
    const [ab, ba] = await Promise.all([
      api.events({ ...base, actor: q.actor, target: q.target }, signal),
      api.events({ ...base, actor: q.target, target: q.actor }, signal),
    ]);
    truncated = ab.total > ab.items.length || ba.total > ba.items.length;
    days = byDay([...new Map([...ab.items, ...ba.items].map((c) => [c.id, c])).values()]);
  } else {
    const t = await api.timeline({ actor: q.actor ?? q.target, root: q.root, from: q.from, to: q.to, limit: 2000 }, signal);
    days = t.items;
    truncated = Boolean(t.truncated);
  }
  if (days.length === 0) {
    root.append(note('No dated events match these filters.'));
    return;
  }
  const total = days.reduce((s, d) => s + d.clusters.length, 0);
  root.append(h('p', { class: 'count' }, `${total} event${total === 1 ? '' : 's'} on ${days.length} day${days.length === 1 ? '' : 's'}`,
    truncated ? ' (only the first ones: narrow the filters to see all)' : ''));
  root.append(calendars(days), dayList(days));
}

function byDay(clusters: readonly EventCluster[]): TimelineDay[] {
  const map = new Map<string, EventCluster[]>();
  for (const c of clusters) {
    if (!c.dateStart) continue;
    map.set(c.dateStart, [...(map.get(c.dateStart) ?? []), c]);
  }
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, cs]) => ({
    date, events: cs.length, goldsteinSum: cs.reduce((s, c) => s + c.goldstein, 0), clusters: cs,
  }));
}

/** Month grids, Monday first, for the months that have events (the latest MAX_MONTHS of them). */
function calendars(days: readonly TimelineDay[]): HTMLElement {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const months = [...new Set(days.map((d) => d.date.slice(0, 7)))].slice(-MAX_MONTHS);
  const maxCount = Math.max(...days.map((d) => d.clusters.length));
  const wrap = h('div', { class: 'calendars', id: 'calendars' });
  for (const ym of months) {
    const y = Number(ym.slice(0, 4));
    const m = Number(ym.slice(5, 7));
    const first = Date.UTC(y, m - 1, 1);
    const length = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const offset = (new Date(first).getUTCDay() + 6) % 7;
    const grid = h('div', { class: 'cal-grid' }, ...['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'].map((d) => h('span', { class: 'cal-head' }, d)));
    for (let i = 0; i < offset; i++) grid.append(h('span', { class: 'cal-pad' }));
    for (let d = 1; d <= length; d++) {
      const date = `${ym}-${String(d).padStart(2, '0')}`;
      const day = byDate.get(date);
      if (!day) {
        grid.append(h('span', { class: 'cal-day' }, d));
        continue;
      }
      const n = day.clusters.length;
      const mean = day.goldsteinSum / Math.max(1, n);
      // Shade by count (3 steps) and tone by the day's mean Goldstein: conflict red, cooperation green.
      const level = Math.min(3, Math.ceil((n / maxCount) * 3));
      const tone = mean < -1 ? 'neg' : mean > 1 ? 'pos' : 'mid';
      const cell = h('a', { class: `cal-day has-events lvl${level} ${tone}`, href: `#day-${date}`, 'data-date': date,
        title: `${date}: ${n} event${n === 1 ? '' : 's'}, Goldstein sum ${num(day.goldsteinSum, 1)}` }, d);
      cell.addEventListener('click', (e) => {
        e.preventDefault();
        document.getElementById(`day-${date}`)?.scrollIntoView({ block: 'start', behavior: 'smooth' });
      });
      grid.append(cell);
    }
    wrap.append(h('div', { class: 'cal-month' }, h('h3', {}, `${MONTHS[m - 1]} ${y}`), grid));
  }
  return wrap;
}

function clusterItem(c: EventCluster): HTMLElement {
  const src = c.sourceName ? `${c.sourceCode} (${c.sourceName})` : c.sourceCode || '?';
  const tgt = c.targetCode ? (c.targetName ? `${c.targetCode} (${c.targetName})` : c.targetCode) : '—';
  const originals = c.sources.filter((s) => !s.duplicateOf);
  return h('li', { class: `cluster quad${c.quadClass}`, 'data-cluster': c.id },
    h('div', {}, h('code', { class: 'cameo' }, c.code), ` ${c.label} `,
      h('span', { class: 'dyad' }, `${src} → ${tgt}`),
      h('span', { class: 'muted' }, ` · ${QUAD_NAMES[c.quadClass] ?? ''} · Goldstein ${num(c.goldstein, 1)} · ${c.reports} report${c.reports === 1 ? '' : 's'}`),
      c.place ? h('span', { class: 'muted' }, ` · ${c.place.name}`) : ''),
    h('div', { class: 'evidence' }, c.evidence),
    h('div', { class: 'sources' }, ...(originals.length ? originals : c.sources).slice(0, 5).map((s) =>
      h('a', { href: href('documents', [s.docId], { event: s.eventId }) }, s.title?.trim() || s.uri || s.docId))));
}

function dayList(days: readonly TimelineDay[]): HTMLElement {
  return h('div', { class: 'days', id: 'day-list' }, ...days.map((d) => {
    const weekday = new Date(`${d.date}T00:00:00Z`).toUTCString().slice(0, 3);
    return h('section', { class: 'day', id: `day-${d.date}` },
      h('h3', {}, `${d.date} ${weekday}`, h('span', { class: 'muted' }, ` · ${d.clusters.length} event${d.clusters.length === 1 ? '' : 's'}, Goldstein ${num(d.goldsteinSum, 1)}`)),
      h('ul', { class: 'clusters' }, ...d.clusters.map(clusterItem)));
  }));
}
