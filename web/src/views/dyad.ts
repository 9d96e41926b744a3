/**
 * View (d): is a dyad escalating? Goldstein sum per day, week or month as bars around zero
 * (conflict down, cooperation up) with the mean as a line, and the event counts underneath.
 */
import { api } from '../api.js';
import type { SeriesRow } from '../api.js';
import { h, note, num, s } from '../dom.js';
import { filterForm, fromField, queryOf, toField } from '../filters.js';
import { fillPeriods } from '../periods.js';
import { href } from '../router.js';
import type { Route } from '../router.js';

const W = 960;
const TOP = 20;
const SUM_H = 240;
const GAP = 40;
const COUNT_H = 90;
const LEFT = 56;
const RIGHT = 48;
const H = TOP + SUM_H + GAP + COUNT_H + 40;

export async function renderDyad(root: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  let { a, b } = queryOf(route, ['a', 'b']);
  const by = route.query.get('by') ?? 'day';
  const net = await api.network({ limit: 200 }, signal);
  if (!a || !b) {
    // No dyad chosen yet: the busiest pair in the store (with the one actor given, if any).
    const given = a ?? b;
    const busiest = [...net.edges]
      .filter((e) => e.source && e.target && e.source !== e.target && (!given || e.source === given || e.target === given))
      .sort((x, y) => y.events - x.events)[0];
    if (busiest) {
      const other = given ? (busiest.source === given ? busiest.target : busiest.source) : busiest.target;
      a = given ?? busiest.source;
      b = other;
    }
  }
  const datalist = h('datalist', { id: 'actor-codes' }, ...net.nodes.map((n) => h('option', { value: n.id }, n.name ?? '')));
  const form = filterForm({ ...route, query: new URLSearchParams({ ...(a ? { a } : {}), ...(b ? { b } : {}), by, ...queryOf(route, ['from', 'to']) }) }, [
    { name: 'a', label: 'Actor A', kind: 'text', list: 'actor-codes' },
    { name: 'b', label: 'Actor B', kind: 'text', list: 'actor-codes' },
    { name: 'by', label: 'Per', kind: 'select', options: [['day', 'day'], ['week', 'week'], ['month', 'month']] },
    fromField, toField,
  ]);
  root.append(h('h1', {}, 'Dyad escalation'), datalist, form);
  if (!a || !b) {
    root.append(note('No actor pairs in the store yet.'));
    return;
  }
  const q = queryOf(route, ['from', 'to']);
  const series = await api.dyad({ a, b, by, ...q }, signal);
  const rows = fillPeriods(series.items, (period) => ({ period, events: 0, goldsteinSum: 0, goldsteinMean: 0 }));
  root.append(h('p', { class: 'count' }, `${a} ↔ ${b}, both directions, per ${by}: `,
    `${rows.reduce((n, r) => n + r.events, 0)} events in ${series.items.length} ${by}${series.items.length === 1 ? '' : 's'} with events. `,
    h('a', { href: href('timeline', [], { actor: a, target: b, ...q }) }, 'See them on the timeline →')));
  if (series.items.length === 0) {
    root.append(note('These two actors have no dated events together.'));
    return;
  }
  root.append(h('div', { class: 'chart-box' }, chart(rows)));
}

function chart(rows: readonly SeriesRow[]): SVGSVGElement {
  const n = rows.length;
  const plotW = W - LEFT - RIGHT;
  const step = plotW / n;
  const barW = Math.max(1, Math.min(40, step * 0.7));
  const maxAbs = Math.max(1, ...rows.map((r) => Math.abs(r.goldsteinSum)));
  const maxCount = Math.max(1, ...rows.map((r) => r.events));
  const zero = TOP + SUM_H / 2;
  const ySum = (v: number) => zero - (v / maxAbs) * (SUM_H / 2);
  const yMean = (v: number) => zero - (v / 10) * (SUM_H / 2);
  const countBase = TOP + SUM_H + GAP + COUNT_H;
  const xOf = (i: number) => LEFT + step * i + step / 2;

  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'dyad-chart', id: 'dyad-chart', role: 'img', 'aria-label': 'Goldstein score and event counts per period' });
  // Axes and guides.
  svg.append(
    s('line', { x1: LEFT, x2: W - RIGHT, y1: zero, y2: zero, class: 'axis' }),
    s('line', { x1: LEFT, x2: W - RIGHT, y1: countBase, y2: countBase, class: 'axis' }),
    s('text', { x: LEFT - 6, y: ySum(maxAbs) + 4, 'text-anchor': 'end', class: 'tick' }, num(maxAbs, 1)),
    s('text', { x: LEFT - 6, y: zero + 4, 'text-anchor': 'end', class: 'tick' }, '0'),
    s('text', { x: LEFT - 6, y: ySum(-maxAbs) + 4, 'text-anchor': 'end', class: 'tick' }, num(-maxAbs, 1)),
    s('text', { x: W - RIGHT + 6, y: yMean(10) + 4, class: 'tick mean' }, '+10'),
    s('text', { x: W - RIGHT + 6, y: yMean(-10) + 4, class: 'tick mean' }, '−10'),
    s('text', { x: LEFT, y: TOP - 6, class: 'axis-label' }, 'Goldstein sum (bars, left) and mean (line, right)'),
    s('text', { x: LEFT, y: countBase - COUNT_H - 8, class: 'axis-label' }, `Events (max ${maxCount})`),
  );
  const bars = s('g', { class: 'bars' });
  const points: string[] = [];
  rows.forEach((r, i) => {
    const x = xOf(i) - barW / 2;
    const tip = `${r.period}: ${r.events} event${r.events === 1 ? '' : 's'}, Goldstein sum ${num(r.goldsteinSum, 1)}, mean ${num(r.goldsteinMean, 2)}`;
    if (r.events > 0) {
      const y = ySum(r.goldsteinSum);
      bars.append(s('rect', { class: `bar bar-sum ${r.goldsteinSum < 0 ? 'neg' : 'pos'}`, x: num(x, 1), width: num(barW, 1),
        y: num(Math.min(y, zero), 1), height: num(Math.max(1, Math.abs(zero - y)), 1), 'data-period': r.period }, s('title', {}, tip)));
      const ch = (r.events / maxCount) * COUNT_H;
      bars.append(s('rect', { class: 'bar bar-count', x: num(x, 1), width: num(barW, 1), y: num(countBase - ch, 1), height: num(ch, 1), 'data-period': r.period },
        s('title', {}, tip)));
      points.push(`${num(xOf(i), 1)},${num(yMean(r.goldsteinMean), 1)}`);
    }
  });
  svg.append(bars);
  if (points.length > 1) svg.append(s('polyline', { points: points.join(' '), class: 'mean-line', fill: 'none' }));
  for (const p of points) {
    const [cx, cy] = p.split(',');
    svg.append(s('circle', { cx: cx!, cy: cy!, r: 3, class: 'mean-dot' }));
  }
  // Period labels: at most ~12, evenly spaced.
  const every = Math.max(1, Math.ceil(n / 12));
  rows.forEach((r, i) => {
    if (i % every === 0) svg.append(s('text', { x: num(xOf(i), 1), y: countBase + 16, 'text-anchor': 'middle', class: 'tick' }, r.period));
  });
  return svg;
}
