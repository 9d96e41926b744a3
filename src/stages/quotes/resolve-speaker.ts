/**
 * Speaker phrases to entity ids: a named mention inside the phrase (a person first, then an
 * organisation: "the statement released by the White House" → White House), pronouns to the last
 * fitting speaker or the subject-like person before, documents ("the press release") to the last
 * document's issuer, and role descriptions ("the adviser") to an entity with that role.
 */
import type { Entity } from '../../core/document.js';
import type { Span } from '../../core/span.js';
import { resolvePronoun } from '../entities/index.js';
import type { QuoteCues } from '../../resources/quote-cues.js';

const PERSON_PRONOUN = new Set(['he', 'him', 'she', 'her', 'his', 'hers']);
const RELATIVE = new Set(['who', 'which']);
const TYPE_RANK: Record<string, number> = { PERSON: 0, ORG: 1, GPE: 2, NORP: 3, LOC: 4, EVENT: 5, OTHER: 6 };

export interface SpokenBefore {
  /** The speaker entity id. */
  speaker: string | null;
  span: Span;
  /** True when the speaker phrase names a document (a statement, a press release). */
  document: boolean;
  sentence: number;
}

interface Doc {
  text: string;
  sentences: readonly Span[];
  entities: readonly Entity[];
}

export interface MentionRef { entity: Entity; start: number; end: number }

/** All mentions, sorted by start, for range look-ups. */
export function mentionIndex(entities: readonly Entity[]): MentionRef[] {
  const out: MentionRef[] = [];
  for (const e of entities) for (const m of e.mentions) out.push({ entity: e, start: m.start, end: m.end });
  return out.sort((a, b) => a.start - b.start);
}

/** Whether the phrase names a document that can speak ("the very succinct statement"). */
export function namesDocument(text: string, span: Span, cues: QuoteCues): boolean {
  const words = text.slice(span.start, span.end).toLowerCase().split(/[^\p{L}-]+/u).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    if (cues.documents.has(words[i]!)) return true;
    if (i + 1 < words.length && cues.documents.has(`${words[i]} ${words[i + 1]}`)) return true;
  }
  return false;
}

/**
 * The entity id the speaker phrase refers to, or null.
 * @example resolveSpeaker(doc, span, …) // 'e14' for "the statement released by the White House"
 */
export function resolveSpeaker(doc: Doc, mentions: readonly MentionRef[], span: Span, sentence: number, history: readonly SpokenBefore[], cues: QuoteCues, excluded: (m: MentionRef) => boolean): string | null {
  const phrase = doc.text.slice(span.start, span.end);
  const lower = phrase.toLowerCase();
  // A mention inside the phrase: a person first, then the nearest to the cue (the rightmost).
  let best: MentionRef | null = null;
  for (const m of mentions) {
    if (m.start >= span.end) break;
    if (m.end <= span.start || excluded(m)) continue;
    if (!best || TYPE_RANK[m.entity.type]! < TYPE_RANK[best.entity.type]! || (TYPE_RANK[m.entity.type] === TYPE_RANK[best.entity.type] && m.start > best.start)) best = m;
  }
  if (best && !(best.entity.type === 'NORP' && /\s/.test(phrase.trim()))) return best.entity.id;
  const recent = history.filter((h) => h.speaker && sentence - h.sentence <= 3);
  if (PERSON_PRONOUN.has(lower)) {
    const person = [...recent].reverse().find((h) => doc.entities.find((e) => e.id === h.speaker)?.type === 'PERSON');
    if (person) return person.speaker;
    // The subject-like person of this sentence or the two before, leaving out names used as channels.
    for (let s = sentence; s >= Math.max(0, sentence - 2); s--) {
      const sent = doc.sentences[s];
      if (!sent) continue;
      for (const m of mentions) {
        if (m.start < sent.start || m.end > Math.min(sent.end, span.start) || m.entity.type !== 'PERSON' || excluded(m)) continue;
        return m.entity.id;
      }
    }
    return null;
  }
  if (RELATIVE.has(lower)) {
    // "X, who …": the mention just before the relative pronoun.
    let near: MentionRef | null = null;
    for (const m of mentions) {
      if (m.end > span.start) break;
      if (span.start - m.end <= 3 && !excluded(m)) near = m;
    }
    return near?.entity.id ?? null;
  }
  if (lower === 'it' || lower === 'they' || lower === 'them') return resolvePronoun(doc, span);
  if (namesDocument(doc.text, span, cues)) {
    const last = [...recent].reverse().find((h) => h.document);
    return last?.speaker ?? null;
  }
  // A role description ("the adviser", "the Russian president"): an entity with that role named before.
  const head = lower.split(/\s+/).pop() ?? '';
  if (head.length > 3) {
    let found: string | null = null;
    for (const m of mentions) {
      if (m.start >= span.start) break;
      const role = m.entity.actor?.role?.toLowerCase() ?? '';
      if (role.split(/\W+/).includes(head)) found = m.entity.id;
    }
    if (found) return found;
  }
  return null;
}
