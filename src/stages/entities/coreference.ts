/**
 * Pronoun resolution for later layers (quotes, events): a pronoun's span to the entity it most
 * likely refers to, from the entities layer: people for he/she, organisations and places for
 * it/they; the subject-like (leftmost) mention of the same sentence first, then of the ones before.
 */
import type { Entity } from '../../core/document.js';
import type { Span } from '../../core/span.js';

const PERSON = new Set(['he', 'him', 'his', 'himself', 'she', 'her', 'hers', 'herself']);
const THING = new Set(['it', 'its', 'itself']);
const GROUP = new Set(['they', 'them', 'their', 'theirs', 'themselves']);

interface Doc {
  text: string;
  sentences: readonly Span[];
  entities: readonly Entity[];
}

/** The entity whose mention covers the span, or null. */
export function entityAt(doc: Pick<Doc, 'entities'>, span: Span): Entity | null {
  for (const e of doc.entities) for (const m of e.mentions) if (m.start <= span.start && span.end <= m.end) return e;
  return null;
}

/**
 * The id of the entity a pronoun refers to, or null when none fits within two sentences back.
 * @example resolvePronoun(doc, { start: 120, end: 122 }) // 'e1' for "He" after "Mr. Biden …"
 */
export function resolvePronoun(doc: Doc, span: Span, lookBack = 2): string | null {
  const word = doc.text.slice(span.start, span.end).toLowerCase();
  const types = PERSON.has(word) ? ['PERSON'] : THING.has(word) ? ['ORG', 'GPE'] : GROUP.has(word) ? ['ORG', 'GPE', 'NORP'] : null;
  if (!types) return null;
  const s = doc.sentences.findIndex((x) => x.start <= span.start && span.start < x.end);
  if (s < 0) return null;
  for (let k = s; k >= Math.max(0, s - lookBack); k--) {
    const sent = doc.sentences[k]!;
    let best: { start: number; id: string } | null = null;
    for (const e of doc.entities) {
      if (!types.includes(e.type)) continue;
      for (const m of e.mentions) {
        if (m.start < sent.start || m.end > sent.end || m.end > span.start) continue;
        if (!best || m.start < best.start) best = { start: m.start, id: e.id };
      }
    }
    if (best) return best.id;
  }
  return null;
}
