/**
 * A document's text with its layers highlighted: boilerplate regions greyed, entity mentions,
 * TIMEX dates, quotes (speaker on hover) and event triggers (clickable), by their UTF-16 offsets.
 * Every piece of text is a text node; overlapping spans are split by nestSpans.
 */
import type { Document } from '../api.js';
import { h } from '../dom.js';
import { isRun, nestSpans } from '../span-tree.js';
import type { RankedSpan, SpanTree } from '../span-tree.js';

export type Layer = 'boilerplate' | 'entity' | 'time' | 'quote' | 'event';
export const LAYERS: readonly Layer[] = ['boilerplate', 'quote', 'entity', 'time', 'event'];

interface Ann extends RankedSpan {
  layer: Layer | 'heading';
  /** Builds the element of one piece of this span. */
  make: () => HTMLElement;
}

/** Region kinds that are not the article's own prose. */
const BOILERPLATE = new Set(['caption', 'related-link', 'paywall-notice', 'byline', 'dateline', 'footer', 'advertisement', 'duplicate', 'other-boilerplate']);

export function annotations(doc: Document): Ann[] {
  const anns: Ann[] = [];
  const entityName = new Map(doc.entities.map((e) => [e.id, e.name]));
  for (const r of doc.regions) {
    if (BOILERPLATE.has(r.kind)) {
      anns.push({ start: r.start, end: r.end, rank: 0, layer: 'boilerplate',
        make: () => h('span', { class: `bp bp-${r.kind}`, 'data-region': r.kind, title: `${r.kind}${r.rule ? ` (${r.rule})` : ''}: not article prose` }) });
    } else if (r.kind === 'title' || r.kind === 'heading') {
      anns.push({ start: r.start, end: r.end, rank: 0, layer: 'heading', make: () => h('span', { class: `rg rg-${r.kind}` }) });
    }
  }
  doc.quotes.forEach((q, i) => {
    const speaker = (q.speaker && entityName.get(q.speaker)) ?? (q.speakerSpan ? doc.text.slice(q.speakerSpan.start, q.speakerSpan.end) : null);
    const title = `${q.kind} quote · speaker: ${speaker ?? 'unknown'}${q.channel ? ` · via ${q.channel}` : ''}`;
    anns.push({ start: q.start, end: q.end, rank: 1, layer: 'quote',
      make: () => h('span', { class: `q q-${q.kind}`, 'data-quote': i, 'data-speaker': speaker ?? '', title }) });
  });
  for (const e of doc.entities) {
    const title = `${e.type}: ${e.name}${e.actor ? ` · actor ${e.actor.code}` : ''}${e.actor?.role ? ` (${e.actor.role})` : ''}`;
    for (const m of e.mentions) {
      anns.push({ start: m.start, end: m.end, rank: 2, layer: 'entity',
        make: () => h('span', { class: `ent ent-${e.type}`, 'data-entity': e.id, title }) });
    }
  }
  for (const t of doc.times) {
    anns.push({ start: t.start, end: t.end, rank: 3, layer: 'time',
      make: () => h('span', { class: 'time', 'data-time': t.value, title: `${t.type} ${t.value}${t.mod ? ` (${t.mod})` : ''}` }) });
  }
  for (const ev of doc.events) {
    anns.push({ start: ev.trigger.start, end: ev.trigger.end, rank: 4, layer: 'event',
      make: () => h('mark', { class: `ev quad${ev.quadClass}`, 'data-event': ev.id, 'data-start': ev.trigger.start, 'data-end': ev.trigger.end,
        tabindex: 0, role: 'button', title: `${ev.code} ${ev.label} (click for details)` }) });
  }
  return anns;
}

function build(text: string, tree: SpanTree<Ann>, into: HTMLElement | DocumentFragment): void {
  for (const n of tree) {
    if (isRun(n)) {
      into.append(document.createTextNode(text.slice(n.start, n.end)));
      continue;
    }
    const el = n.span.make();
    el.classList.add(`layer-${n.span.layer}`);
    if (n.piece > 0) el.classList.add('cont');
    build(text, n.children, el);
    into.append(el);
  }
}

/** The highlighted text; `onEvent` is called with the event id when a trigger is activated. */
export function annotatedText(doc: Document, onEvent: (id: string) => void): HTMLElement {
  const box = h('div', { class: 'doc-text', id: 'doc-text' });
  const frag = document.createDocumentFragment();
  build(doc.text, nestSpans(doc.text.length, annotations(doc)), frag);
  box.append(frag);
  const pick = (target: EventTarget | null) => {
    const m = target instanceof Element ? target.closest<HTMLElement>('[data-event]') : null;
    if (m?.dataset.event) onEvent(m.dataset.event);
  };
  box.addEventListener('click', (e) => pick(e.target));
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      const m = e.target instanceof Element ? e.target.closest('[data-event]') : null;
      if (m) {
        e.preventDefault();
        pick(m);
      }
    }
  });
  return box;
}
