/**
 * Events, not reports: the rules that decide whether an event reported in one document is the
 * same real-world event as one already stored (same dyad, compatible code, overlapping dates,
 * similar evidence), and the flattening of a document's events into rows a store can index.
 */
import type { CasusEvent, Document } from '../core/document.js';
import { words } from './near-duplicates.js';

/** Dates this many days apart still overlap: reports say "Thursday" for a late-night Wednesday event. */
export const DATE_TOLERANCE_DAYS = 1;
/** Evidence sentences sharing this fraction of their content words describe the same event. */
export const EVIDENCE_THRESHOLD = 0.2;

export interface DateRange { start: string; end: string }

const DAY_MS = 86_400_000;

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The days a TIMEX3-style value covers: a day, a month, a year or an ISO week; null when the value
 * names no calendar period (e.g. PRESENT_REF) so the caller falls back on the publication date.
 */
export function dateRange(value: string | null | undefined): DateRange | null {
  if (!value) return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (m) {
    const d = `${m[1]}-${m[2]}-${m[3]}`;
    return Number.isNaN(Date.parse(d)) ? null : { start: d, end: d };
  }
  m = /^(\d{4})-W(\d{2})$/.exec(value);
  if (m) {
    const year = Number(m[1]);
    const week = Number(m[2]);
    const jan4 = Date.UTC(year, 0, 4);
    const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS + (week - 1) * 7 * DAY_MS;
    const start = new Date(monday).toISOString().slice(0, 10);
    return { start, end: addDays(start, 6) };
  }
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return null;
    const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    return { start: `${m[1]}-${m[2]}-01`, end: `${m[1]}-${m[2]}-${String(last).padStart(2, '0')}` };
  }
  m = /^(\d{4})$/.exec(value);
  if (m) return { start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
  return null;
}

/** Whether two date ranges overlap, within the tolerance; unknown dates only match unknown dates. */
export function datesOverlap(a: DateRange | null, b: DateRange | null, tolerance = DATE_TOLERANCE_DAYS): boolean {
  if (!a || !b) return !a && !b;
  return a.start <= addDays(b.end, tolerance) && b.start <= addDays(a.end, tolerance);
}

/** Two CAMEO codes are compatible when they share the root and one refines the other (13 vs 138). */
export function compatibleCodes(a: string, b: string): boolean {
  if (a.slice(0, 2) !== b.slice(0, 2)) return false;
  return a.startsWith(b) || b.startsWith(a) || a.slice(0, 3) === b.slice(0, 3);
}

const STOP = new Set(('the a an and or but of to in on at by for with from as that this these those is are was were be been being ' +
  'it its he she they them his her their we our you your i has have had not no said says say will would could should may might ' +
  'also than then there which who whom what when where while after before about over into more most some such only other').split(' '));

/** Content words of an evidence sentence (lower-case, no stop words, no one-letter tokens). */
export function evidenceTerms(text: string): string[] {
  return [...new Set(words(text).filter((w) => w.length > 1 && !STOP.has(w)))].sort();
}

export function termSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const set = new Set(a);
  let inter = 0;
  for (const t of b) if (set.has(t)) inter++;
  return inter / (a.length + b.length - inter);
}

/** One event flattened for storage: the dyad, code, dates, place and evidence words. */
export interface EventRow {
  eventId: string;
  code: string;
  label: string;
  root: string;
  quadClass: number;
  goldstein: number;
  sourceCode: string;
  sourceEntity: string | null;
  sourceName: string | null;
  targetCode: string;
  targetEntity: string | null;
  targetName: string | null;
  date: string | null;
  range: DateRange | null;
  placeId: string | null;
  place: { name: string; country: string | null; lat: number; lon: number; geonameId: number | null } | null;
  modality: string;
  confidence: number;
  trigger: string;
  evidence: string;
  terms: string[];
  json: string;
}

/** The publication day of a document (the analysed date, else the caller's), YYYY-MM-DD or null. */
export function publishedDay(doc: Document): string | null {
  const v = doc.published?.value ?? doc.metadata?.published ?? null;
  const r = dateRange(v);
  return r && r.start === r.end ? r.start : r ? r.start : null;
}

export function eventRows(doc: Document): EventRow[] {
  const entityName = new Map(doc.entities.map((e) => [e.id, e.name]));
  const placeOf = (id: string | null) => (id ? doc.places.find((p) => p.id === id) ?? doc.places.find((p) => p.entity === id) ?? null : null);
  const fallback = dateRange(publishedDay(doc));
  return doc.events.map((e: CasusEvent) => {
    const sentence = doc.sentences[e.sentence];
    const evidence = sentence ? doc.text.slice(sentence.start, sentence.end) : doc.text.slice(e.trigger.start, e.trigger.end);
    const place = placeOf(e.place);
    return {
      eventId: e.id,
      code: e.code,
      label: e.label,
      root: e.root,
      quadClass: e.quadClass,
      goldstein: e.goldstein,
      sourceCode: e.source?.code ?? '',
      sourceEntity: e.source?.entity ?? null,
      sourceName: e.source?.entity ? entityName.get(e.source.entity) ?? null : null,
      targetCode: e.target?.code ?? '',
      targetEntity: e.target?.entity ?? null,
      targetName: e.target?.entity ? entityName.get(e.target.entity) ?? null : null,
      date: e.date?.value ?? null,
      range: dateRange(e.date?.value) ?? fallback,
      placeId: e.place,
      place: place ? { name: place.name, country: place.country, lat: place.lat, lon: place.lon, geonameId: place.geonameId } : null,
      modality: e.modality,
      confidence: e.confidence,
      trigger: doc.text.slice(e.trigger.start, e.trigger.end),
      evidence,
      terms: evidenceTerms(evidence),
      json: JSON.stringify(e),
    };
  });
}

/** A stored cluster as the matcher sees it. */
export interface ClusterCandidate {
  id: number;
  code: string;
  range: DateRange | null;
  terms: string[];
  /** Whether the cluster already holds a report from this document's near-duplicate group. */
  sameStory: boolean;
}

/**
 * The best cluster for an event among candidates of the same dyad and root, or null for a new one.
 * Copies of one story always join; otherwise the evidence must be similar enough.
 */
export function chooseCluster(event: Pick<EventRow, 'code' | 'range' | 'terms'>, candidates: readonly ClusterCandidate[]): number | null {
  let best: number | null = null;
  let bestScore = 0;
  for (const c of candidates) {
    if (!compatibleCodes(event.code, c.code) || !datesOverlap(event.range, c.range)) continue;
    const score = c.sameStory ? 2 : termSimilarity(event.terms, c.terms);
    if (score >= EVIDENCE_THRESHOLD && score > bestScore) {
      best = c.id;
      bestScore = score;
    }
  }
  return best;
}
