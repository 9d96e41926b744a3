/**
 * The date of an event: the time expression in its clause (nearest to the trigger), else in its
 * sentence, else (past tense) the last one of the sentence before in the same paragraph, or (a
 * paragraph's lead sentence) the first one of the two sentences after it; else the
 * publication date for a finite verb (marked from: "published"), else unresolved. Noun events
 * (background, "the annexation … ") never take the publication date.
 */
import type { Time } from '../../core/document.js';
import type { DocView } from './sentence-view.js';

export type Granularity = 'year' | 'season' | 'quarter' | 'month' | 'week' | 'day' | 'time' | 'unknown';

export interface EventDate {
  value: string;
  time: string | null;
  granularity: Granularity;
  from: 'text' | 'published' | 'unresolved';
}

/** Granularity of a TIMEX3 value. */
export function granularityOf(value: string): Granularity {
  if (/^\d{4}-\d\d-\d\dT/.test(value)) return 'time';
  if (/^\d{4}-\d\d-\d\d$/.test(value)) return 'day';
  if (/^\d{4}-W\d\d/.test(value)) return 'week';
  if (/^\d{4}-\d\d$/.test(value)) return 'month';
  if (/^\d{4}-Q\d$/.test(value)) return 'quarter';
  if (/^\d{4}-(SP|SU|FA|WI)$/.test(value)) return 'season';
  if (/^\d{4}$/.test(value)) return 'year';
  return 'unknown';
}

function usable(t: Time): boolean {
  return (t.type === 'DATE' || t.type === 'TIME') && /^\d{4}/.test(t.value);
}

/** Times of each sentence, built once per document. */
export function timesBySentence(v: DocView, times: readonly Time[], sentenceCount: number): Time[][] {
  const out: Time[][] = Array.from({ length: sentenceCount }, () => []);
  for (const t of times) {
    if (!usable(t)) continue;
    // sentence of the token at the time's start
    let lo = 0;
    let hi = v.start.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (v.start[mid]! < t.start) lo = mid + 1; else hi = mid; }
    if (lo < v.start.length) out[v.sentence[lo]!]!.push(t);
  }
  return out;
}

function fromTime(t: Time, idx: number): EventDate {
  return { value: t.value, time: t.id ?? `t${idx + 1}`, granularity: granularityOf(t.value), from: 'text' };
}

export function dateEvent(
  v: DocView, triggerOffset: number, sentence: number, clause: [number, number], byS: Time[][],
  allTimes: readonly Time[], published: string | null, finiteVerb: boolean, pastTense: boolean,
  temporalClause = false,
): EventDate {
  const here = byS[sentence] ?? [];
  const inClause = here.filter((t) => t.start >= clause[0] && t.end <= clause[1]);
  // A clause opened by after/before/since/until has its own time: never borrow the sentence's.
  const pool = inClause.length > 0 ? inClause : temporalClause ? [] : here;
  if (pool.length > 0) {
    let best = pool[0]!;
    for (const t of pool) if (Math.abs(t.start - triggerOffset) < Math.abs(best.start - triggerOffset)) best = t;
    return fromTime(best, allTimes.indexOf(best));
  }
  if (sentence > 0 && v.paragraph[sentence - 1] === v.paragraph[sentence]) {
    const prev = byS[sentence - 1] ?? [];
    const t = prev[prev.length - 1];
    if (t && pastTense) return fromTime(t, allTimes.indexOf(t));
  }
  // A paragraph's lead sentence ("A more frank rebuff came from X.") is told by the sentences after it.
  if (sentence === 0 || v.paragraph[sentence - 1] !== v.paragraph[sentence]) {
    for (let k = sentence + 1; k <= sentence + 4 && k < byS.length && v.paragraph[k] === v.paragraph[sentence]; k++) {
      const t = byS[k]![0];
      if (t) return fromTime(t, allTimes.indexOf(t));
    }
  }
  if (published && finiteVerb) return { value: published, time: null, granularity: granularityOf(published), from: 'published' };
  return { value: 'XXXX-XX-XX', time: null, granularity: 'unknown', from: 'unresolved' };
}
