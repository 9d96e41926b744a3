/**
 * Builds schema-valid analysed documents with events, quotes, entities and places from a short
 * description, for the store's conformance suite, the ingest tests and the store benchmark, while
 * the event and quote layers are still being written.
 */
import { FORMAT } from '../core/document.js';
import type { CasusEvent, Document, Quote } from '../core/document.js';
import { contentId } from '../core/ids.js';

export interface SyntheticEvent {
  source: string;
  target: string;
  code: string;
  /** TIMEX3 value (YYYY-MM-DD, YYYY-MM…) or null for an undated event. */
  date?: string | null;
  /** Index of the sentence that is the evidence. */
  sentence: number;
  /** A word of that sentence: the trigger span. */
  trigger?: string;
  goldstein?: number;
  place?: { name: string; country: string | null; lat: number; lon: number; geonameId: number | null };
}

export interface SyntheticSpec {
  title: string;
  sentences: string[];
  published?: string;
  uri?: string;
  events?: SyntheticEvent[];
  quotes?: { speaker: string; sentence: number }[];
}

const QUAD: Record<string, number> = { '01': 1, '02': 1, '03': 1, '04': 1, '05': 2, '06': 2, '07': 2, '08': 2, '09': 3, '10': 3, '11': 3, '12': 3, '13': 3, '14': 3, '15': 4, '16': 3, '17': 4, '18': 4, '19': 4, '20': 4 };

export function syntheticDocument(spec: SyntheticSpec): Document {
  const body = spec.sentences.join(' ');
  const text = `${spec.title}\n\n${body}\n`;
  const bodyStart = spec.title.length + 2;
  const sentences: { start: number; end: number }[] = [];
  let at = bodyStart;
  for (const s of spec.sentences) {
    sentences.push({ start: at, end: at + s.length });
    at += s.length + 1;
  }
  const codes = [...new Set((spec.events ?? []).flatMap((e) => [e.source, e.target]))];
  const entities = codes.map((code, i) => {
    const idx = text.indexOf(code);
    return {
      id: `ent${i + 1}`, name: code, type: 'GPE' as const, aliases: [],
      actor: { code, country: code.slice(0, 3), sector: code.length > 3 ? code.slice(3, 6) : null, role: null },
      mentions: idx >= 0 ? [{ start: idx, end: idx + code.length }] : [],
    };
  });
  const entityOf = (code: string) => entities.find((e) => e.actor.code === code)!.id;
  const places: Document['places'] = [];
  const events: CasusEvent[] = (spec.events ?? []).map((e, i) => {
    const sentence = sentences[e.sentence];
    if (!sentence) throw new Error(`synthetic event ${i}: no sentence ${e.sentence}`);
    const sText = text.slice(sentence.start, sentence.end);
    const word = e.trigger ?? (sText.match(/\p{L}+/u)?.[0] ?? '');
    const off = Math.max(0, sText.indexOf(word));
    let placeId: string | null = null;
    if (e.place) {
      placeId = `pl${places.length + 1}`;
      const pIdx = text.indexOf(e.place.name);
      places.push({ id: placeId, entity: null, ...e.place, mentions: pIdx >= 0 ? [{ start: pIdx, end: pIdx + e.place.name.length }] : [] });
    }
    const root = e.code.slice(0, 2);
    return {
      id: `ev${i + 1}`, code: e.code, label: `CAMEO ${e.code}`, root, quadClass: QUAD[root] ?? 1, goldstein: e.goldstein ?? 0, plover: null,
      trigger: { start: sentence.start + off, end: sentence.start + off + word.length }, sentence: e.sentence,
      source: { entity: entityOf(e.source), code: e.source }, target: { entity: entityOf(e.target), code: e.target },
      date: e.date ? { value: e.date, time: null } : null, place: placeId, modality: 'asserted', confidence: 0.9, why: 'synthetic',
    };
  });
  const quotes: Quote[] = (spec.quotes ?? []).map((q) => {
    const s = sentences[q.sentence]!;
    return { start: s.start, end: s.end, kind: 'direct', speaker: q.speaker, speakerSpan: null, cue: null, channel: null };
  });
  return {
    format: FORMAT, id: contentId(text), source: { format: 'text', ...(spec.uri ? { uri: spec.uri } : {}) }, text, language: 'en',
    title: { start: 0, end: spec.title.length },
    published: spec.published ? { value: spec.published, evidence: 'metadata', confidence: 1 } : null,
    metadata: spec.published ? { published: spec.published } : {},
    regions: [{ start: 0, end: spec.title.length, kind: 'title' }, { start: bodyStart, end: bodyStart + body.length, kind: 'body' }],
    body: [{ start: bodyStart, end: bodyStart + body.length }], sentences, entities, times: [], quotes, places, events, flags: [], issues: [],
  };
}

/** A deterministic pseudo-random generator (mulberry32), so generated corpora are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ('minister talks border troops sanctions treaty summit missile envoy ceasefire statement parliament election protest ' +
  'agreement delegation meeting accord security exercise pipeline gas embassy visit warning negotiation aid grain port harbour ' +
  'vote council court ruling inquiry budget tariff export import oil coalition opposition referendum drone shelling convoy ' +
  'refugee camp hospital school bridge railway airport reform loan bank strike union charter alliance frontier patrol observer').split(' ');

/** A sentence of random vocabulary: generated corpora whose articles differ from each other. */
export function randomSentence(rand: () => number, words = 14): string {
  const w: string[] = [];
  for (let i = 0; i < words; i++) w.push(WORDS[Math.floor(rand() * WORDS.length)]!);
  const s = w.join(' ');
  return s[0]!.toUpperCase() + s.slice(1) + '.';
}
