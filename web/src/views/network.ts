/**
 * View (c): who acts on whom. Actors are nodes (area by events), directed edges are weighted by
 * the number of events and coloured by their dominant quad class; click a node for its timeline,
 * an edge for the dyad's escalation chart.
 */
import { api } from '../api.js';
import type { NetworkEdge } from '../api.js';
import { h, note, num, s } from '../dom.js';
import { filterForm, fromField, queryOf, rootField, toField } from '../filters.js';
import { forceLayout } from '../force-layout.js';
import { QUAD_NAMES, quadColor } from '../labels.js';
import { go, href } from '../router.js';
import type { Route } from '../router.js';

const W = 960;
const H = 620;

export async function renderNetwork(root: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  root.append(h('h1', {}, 'Actor network'), filterForm(route, [
    rootField, fromField, toField, { name: 'minEvents', label: 'Min. events', kind: 'text', placeholder: '1' },
  ]));
  const q = queryOf(route, ['root', 'from', 'to', 'minEvents']);
  const net = await api.network({ ...q, limit: 300 }, signal);
  const ids = new Set(net.nodes.map((n) => n.id));
  const edges = net.edges.filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target);
  // Isolated nodes (events without a target) stay out of the picture: they have no one to link to.
  const linked = new Set(edges.flatMap((e) => [e.source, e.target]));
  const nodes = net.nodes.filter((n) => linked.has(n.id));
  if (nodes.length === 0) {
    root.append(note('No actor pairs match these filters.'));
    return;
  }
  const radius = (events: number) => 5 + 3 * Math.sqrt(events);
  const pos = forceLayout(nodes.map((n) => ({ id: n.id, r: radius(n.events) })),
    edges.map((e) => ({ source: e.source, target: e.target, weight: e.events })), { width: W, height: H });
  const maxEvents = Math.max(...edges.map((e) => e.events));
  const pairKey = (a: string, b: string) => `${a}\u0000${b}`;
  const pairs = new Set(edges.map((e) => pairKey(e.source, e.target)));

  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'network', id: 'network', role: 'img', 'aria-label': 'Actor network' });
  const defs = s('defs');
  for (const quad of [1, 2, 3, 4]) {
    // Fixed-size heads (user units), not scaled by the edge's width.
    defs.append(s('marker', { id: `arrow${quad}`, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' },
      s('path', { d: 'M0,0 L10,5 L0,10 z', fill: quadColor(quad) })));
  }
  svg.append(defs);
  const nodeEvents = new Map(nodes.map((n) => [n.id, n.events]));

  const edgeLayer = s('g', { class: 'edges' });
  for (const e of [...edges].sort((a, b) => a.events - b.events)) {
    const a = pos.get(e.source)!;
    const b = pos.get(e.target)!;
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const ux = (b.x - a.x) / len;
    const uy = (b.y - a.y) / len;
    // Both directions present: bend each edge to its own side so they do not overlap.
    const bend = pairs.has(pairKey(e.target, e.source)) ? 0.15 * len : 0;
    const ra = radius(nodeEvents.get(e.source) ?? 1);
    const rb = radius(nodeEvents.get(e.target) ?? 1) + 2;
    const x1 = a.x + ux * ra;
    const y1 = a.y + uy * ra;
    const x2 = b.x - ux * rb;
    const y2 = b.y - uy * rb;
    const mx = (x1 + x2) / 2 - uy * bend;
    const my = (y1 + y2) / 2 + ux * bend;
    const path = s('path', {
      d: `M${num(x1, 1)},${num(y1, 1)} Q${num(mx, 1)},${num(my, 1)} ${num(x2, 1)},${num(y2, 1)}`,
      class: `edge quad${e.dominantQuad}`, stroke: quadColor(e.dominantQuad), 'stroke-width': num(1 + 5 * Math.sqrt(e.events / maxEvents), 2),
      fill: 'none', 'marker-end': `url(#arrow${e.dominantQuad})`, 'data-source': e.source, 'data-target': e.target, 'data-events': e.events,
    }, s('title', {}, edgeTitle(e)));
    path.addEventListener('click', () => go(href('dyad', [], { a: e.source, b: e.target })));
    edgeLayer.append(path);
  }
  svg.append(edgeLayer);

  const nodeLayer = s('g', { class: 'nodes' });
  for (const n of nodes) {
    const p = pos.get(n.id)!;
    const g = s('g', { class: 'node', 'data-node': n.id, transform: `translate(${num(p.x, 1)},${num(p.y, 1)})`, tabindex: 0, role: 'link' },
      s('title', {}, `${n.id}${n.name ? ` · ${n.name}` : ''}: ${n.events} event${n.events === 1 ? '' : 's'} (click for its timeline)`),
      s('circle', { r: num(radius(n.events), 1) }),
      s('text', { y: num(radius(n.events) + 12, 1), 'text-anchor': 'middle' }, n.id));
    const open = () => go(href('timeline', [], { actor: n.id }));
    g.addEventListener('click', open);
    g.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') open();
    });
    // Hovering a node lights its edges.
    g.addEventListener('mouseenter', () => {
      svg.classList.add('focus');
      markEdges(edgeLayer, n.id, true);
    });
    g.addEventListener('mouseleave', () => {
      svg.classList.remove('focus');
      markEdges(edgeLayer, n.id, false);
    });
    nodeLayer.append(g);
  }
  svg.append(nodeLayer);

  root.append(
    h('p', { class: 'count' }, `${nodes.length} actors, ${edges.length} directed pairs. Edge width: events; colour: dominant quad class. Click a node for its timeline, an edge for the dyad chart.`),
    legend(), h('div', { class: 'chart-box' }, svg));
}

function markEdges(layer: SVGGElement, id: string, on: boolean): void {
  for (const el of layer.querySelectorAll(`[data-source="${CSS.escape(id)}"], [data-target="${CSS.escape(id)}"]`)) el.classList.toggle('lit', on);
}

function edgeTitle(e: NetworkEdge): string {
  const quads = [1, 2, 3, 4].filter((q) => (e.quad[String(q)] ?? 0) > 0).map((q) => `${QUAD_NAMES[q]} ${e.quad[String(q)]}`).join(', ');
  return `${e.source} → ${e.target}: ${e.events} event${e.events === 1 ? '' : 's'}, Goldstein sum ${num(e.goldsteinSum, 1)} (${quads})`;
}

export function legend(): HTMLElement {
  return h('ul', { class: 'legend' }, ...[1, 2, 3, 4].map((q) => {
    const swatch = s('svg', { width: 14, height: 14, 'aria-hidden': 'true' }, s('rect', { width: 14, height: 14, rx: 3, fill: quadColor(q) }));
    return h('li', {}, swatch, ` ${q} ${QUAD_NAMES[q]}`);
  }));
}
