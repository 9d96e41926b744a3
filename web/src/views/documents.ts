/**
 * View (a): the document list (with full-text search), then one document: its text with every
 * layer highlighted, layer toggles, and a detail panel explaining the selected event.
 */
import { api } from '../api.js';
import type { CasusEvent, Document, StoredDocument } from '../api.js';
import { clear, h, note, num, safeHref } from '../dom.js';
import { QUAD_NAMES, ROOT_NAMES } from '../labels.js';
import { href, replaceHash } from '../router.js';
import type { Route } from '../router.js';
import { LAYERS, annotatedText } from './annotated-text.js';

const PAGE = 50;

export async function renderDocuments(root: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  if (route.args[0]) await renderDocument(root, route.args[0], route.query.get('event'), signal);
  else await renderList(root, route, signal);
}

function docLabel(d: { title: string | null; uri: string | null; id: string }): string {
  return d.title?.trim() || d.uri || d.id;
}

async function renderList(root: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  const q = route.query.get('q') ?? '';
  const offset = Math.max(0, Number(route.query.get('offset')) || 0);
  const input = h('input', { type: 'search', name: 'q', placeholder: 'Search text and quotes…', value: q, 'aria-label': 'Search' });
  const form = h('form', { class: 'filters' }, input, h('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = href('documents', [], { q: input.value.trim() });
  });
  root.append(h('h1', {}, 'Documents'), form);

  if (q) {
    const hits = await api.search({ q, limit: PAGE }, signal);
    root.append(h('p', { class: 'count' }, `${hits.total} match${hits.total === 1 ? '' : 'es'} for “${q}”`));
    root.append(h('ol', { class: 'hits' }, ...hits.items.map((hit) => h('li', {},
      h('a', { href: href('documents', [hit.docId]) }, docLabel({ title: hit.title, uri: hit.uri, id: hit.docId })),
      h('span', { class: 'muted' }, ` ${hit.published ?? ''} · in ${hit.where}`),
      h('div', { class: 'snippet' }, ...snippet(hit.snippet))))));
    return;
  }

  const page = await api.documents({ limit: PAGE, offset }, signal);
  if (page.total === 0) {
    root.append(note('The store holds no documents yet: run `casus ingest` first.'));
    return;
  }
  const row = (d: StoredDocument) => h('tr', {},
    h('td', {}, h('a', { href: href('documents', [d.id]), class: 'doc-link' }, docLabel(d))),
    h('td', { class: 'nowrap' }, d.published ?? ''),
    h('td', { class: 'muted' }, d.duplicateOf ? `copy (${num((d.similarity ?? 0) * 100, 0)}%)` : ''));
  root.append(
    h('p', { class: 'count' }, `${page.total} documents`),
    h('table', { class: 'list', id: 'doc-list' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Title'), h('th', {}, 'Published'), h('th', {}, ''))),
      h('tbody', {}, ...page.items.map(row))),
    pager(page.total, offset, (o) => href('documents', [], { offset: o || null })));
}

/** A search snippet with its `[match]` marks shown as <mark>, built as text nodes. */
function snippet(s: string): Node[] {
  const out: Node[] = [];
  const re = /\[([^\]]*)\]/g;
  let at = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out.push(document.createTextNode(s.slice(at, m.index)), h('mark', {}, m[1] ?? ''));
    at = m.index + m[0].length;
  }
  out.push(document.createTextNode(s.slice(at)));
  return out;
}

export function pager(total: number, offset: number, link: (offset: number) => string, size = PAGE): HTMLElement {
  const nav = h('nav', { class: 'pager' });
  if (offset > 0) nav.append(h('a', { href: link(Math.max(0, offset - size)) }, '← previous'));
  nav.append(h('span', {}, ` ${Math.min(total, offset + 1)}–${Math.min(total, offset + size)} of ${total} `));
  if (offset + size < total) nav.append(h('a', { href: link(offset + size) }, 'next →'));
  return nav;
}

async function renderDocument(root: HTMLElement, id: string, eventId: string | null, signal: AbortSignal): Promise<void> {
  const doc = await api.document(id, signal);
  const entityName = new Map(doc.entities.map((e) => [e.id, e.name]));
  const title = doc.title ? doc.text.slice(doc.title.start, doc.title.end) : doc.metadata?.title ?? doc.id;
  // The page's own address when it is http(s); a javascript: or data: URL from an article is never a link.
  const link = safeHref(doc.metadata?.canonicalUrl) ?? safeHref(doc.source.uri);

  const detail = h('aside', { class: 'detail', id: 'detail', 'aria-live': 'polite' }, note('Click a highlighted event (underlined) for its details.'));
  const select = (evId: string) => {
    const ev = doc.events.find((e) => e.id === evId);
    if (!ev) return;
    for (const el of text.querySelectorAll('.selected, .role-source, .role-target')) el.classList.remove('selected', 'role-source', 'role-target');
    for (const el of text.querySelectorAll(`[data-event="${CSS.escape(ev.id)}"]`)) el.classList.add('selected');
    if (ev.source?.entity) for (const el of text.querySelectorAll(`[data-entity="${CSS.escape(ev.source.entity)}"]`)) el.classList.add('role-source');
    if (ev.target?.entity) for (const el of text.querySelectorAll(`[data-entity="${CSS.escape(ev.target.entity)}"]`)) el.classList.add('role-target');
    clear(detail);
    detail.append(eventDetail(doc, ev, entityName));
    // Keep the selection in the address without re-rendering the view.
    replaceHash(href('documents', [doc.id], { event: ev.id }));
  };
  const text = annotatedText(doc, select);

  const toggles = h('fieldset', { class: 'layers' }, h('legend', {}, 'Layers'),
    ...LAYERS.map((layer) => {
      const box = h('input', { type: 'checkbox', checked: true, 'data-layer': layer });
      box.addEventListener('change', () => text.classList.toggle(`hide-${layer}`, !box.checked));
      return h('label', { class: `toggle toggle-${layer}` }, box, ` ${layer === 'time' ? 'dates' : layer === 'entity' ? 'entities' : layer === 'boilerplate' ? 'boilerplate' : `${layer}s`}`);
    }));

  const meta = h('p', { class: 'meta' },
    doc.published ? `Published ${doc.published.value} · ` : '',
    doc.language ? `${doc.language} · ` : '',
    `${doc.entities.length} entities · ${doc.times.length} dates · ${doc.quotes.length} quotes · ${doc.events.length} events`,
    link ? ' · ' : '', link ? h('a', { href: link, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'source') : '');

  const eventList = h('ol', { class: 'event-list', id: 'event-list' }, ...doc.events.map((ev) => {
    const a = h('a', { href: href('documents', [doc.id], { event: ev.id }), 'data-event-link': ev.id },
      h('code', {}, ev.code), ` ${ev.label}`);
    a.addEventListener('click', (e) => {
      e.preventDefault();
      select(ev.id);
      text.querySelector(`[data-event="${CSS.escape(ev.id)}"]`)?.scrollIntoView({ block: 'center' });
    });
    return h('li', { class: `quad${ev.quadClass}` }, a, h('span', { class: 'muted' }, ` ${actorLabel(ev.source, entityName)} → ${actorLabel(ev.target, entityName)}`));
  }));

  root.append(
    h('p', {}, h('a', { href: '#/documents' }, '← all documents')),
    h('h1', { class: 'doc-title' }, title),
    meta,
    toggles,
    h('div', { class: 'doc-layout' },
      h('article', { class: 'doc-main' }, text),
      h('div', { class: 'doc-side' }, detail,
        h('h2', {}, `Events (${doc.events.length})`), doc.events.length ? eventList : note('No events found in this document.'))));
  if (eventId) {
    select(eventId);
    text.querySelector(`[data-event="${CSS.escape(eventId)}"]`)?.scrollIntoView({ block: 'center' });
  }
}

function actorLabel(a: CasusEvent['source'], names: Map<string, string>): string {
  if (!a) return '—';
  const name = a.entity ? names.get(a.entity) : null;
  return name ? `${a.code} (${name})` : a.code || '—';
}

/** The explanation of one event: what, who, when, where, how sure, and why Casus said so. */
export function eventDetail(doc: Document, ev: CasusEvent, names: Map<string, string>): HTMLElement {
  const place = ev.place ? doc.places.find((p) => p.id === ev.place) ?? doc.places.find((p) => p.entity === ev.place) : null;
  const sentence = doc.sentences[ev.sentence];
  const dateNote = [ev.date?.granularity, ev.date?.from ? `from ${ev.date.from}` : null].filter(Boolean).join(', ');
  const rows: [string, Node | string][] = [
    ['Event', h('span', {}, h('code', { class: 'cameo', id: 'detail-code' }, ev.code), ' ', ev.label)],
    ['Root', `${ev.root} ${ROOT_NAMES[ev.root] ?? ''}`],
    ['Quad class', `${ev.quadClass} ${QUAD_NAMES[ev.quadClass] ?? ''}`],
    ['Goldstein', num(ev.goldstein, 1)],
    ['Source', actorLabel(ev.source, names)],
    ['Target', actorLabel(ev.target, names)],
    ['Date', ev.date ? `${ev.date.value}${dateNote ? ` (${dateNote})` : ''}` : 'unknown'],
    ['Modality', ev.modality],
    ['Place', place ? `${place.name}${place.country ? `, ${place.country}` : ''} (${num(place.lat, 3)}, ${num(place.lon, 3)})` : '—'],
    ['Confidence', num(ev.confidence, 2)],
    ['Trigger', `“${doc.text.slice(ev.trigger.start, ev.trigger.end)}”`],
    ['Why', h('span', { class: 'why' }, ev.why)],
  ];
  if (ev.plover) rows.splice(3, 0, ['PLOVER', ev.plover]);
  return h('div', { class: 'event-detail', 'data-event-detail': ev.id },
    h('h2', {}, 'Event ', h('span', { class: 'muted' }, ev.id)),
    h('dl', {}, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', { 'data-field': k.toLowerCase() }, v)])),
    sentence ? h('blockquote', { class: 'evidence' }, doc.text.slice(sentence.start, sentence.end)) : '',
    ev.source?.code ? h('p', {}, h('a', { href: href('timeline', [], { actor: ev.source.code, target: ev.target?.code || null }) }, 'This dyad on the timeline →')) : '');
}
