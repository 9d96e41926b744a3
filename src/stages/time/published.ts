/**
 * The publication date: from what the caller gave, then the page's own metadata (meta tags,
 * JSON-LD, <time>, a date in the URL), then the text (datelines and captions with full dates,
 * then weekday–date agreement). Always with evidence and a confidence; null when nothing says.
 */
import type { Document } from '../../core/document.js';
import type { Span } from '../../core/span.js';
import { formatYmd, fromEpochDay, isoWeekday, isValidYmd, toEpochDay } from './calendar.js';
import type { Ymd } from './calendar.js';
import { vocab } from './vocabulary.js';
import type { Vocabulary } from './vocabulary.js';

export interface Published { value: string; evidence: string; confidence: number }

/** Meta tag names that carry the original publication date, best first. */
const META_KEYS = [
  'article:published_time', 'og:article:published_time', 'og:published_time', 'datepublished', 'article.published',
  'dc.date.issued', 'dcterms.issued', 'dc.date', 'dcterms.date', 'dc.date.created', 'dcterms.created', 'citation_publication_date',
  'citation_date', 'publishdate', 'publish-date', 'publish_date', 'pubdate', 'date', 'sailthru.date', 'parsely-pub-date',
  'article:published', 'published_time', 'published-date', 'release_date', 'created', 'datecreated', 'date_published', 'live_date',
];

/** The patterns built from the vocabulary's month and weekday names, compiled once per vocabulary. */
interface DatePatterns { dayMonthYear: RegExp; monthDayYear: RegExp; fullDate: RegExp; weekdayDate: RegExp }
const patternsOf = new WeakMap<Vocabulary, DatePatterns>();
function datePatterns(v: Vocabulary): DatePatterns {
  let p = patternsOf.get(v);
  if (!p) {
    p = {
      dayMonthYear: new RegExp(`(\\d{1,2})(?:st|nd|rd|th|er|\\.)?\\s+(?:de\\s+)?(${v.monthAny})\\.?,?\\s+(?:de\\s+)?((?:19|20)\\d\\d)`, 'iu'),
      monthDayYear: new RegExp(`(${v.monthAny})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d\\d)`, 'iu'),
      fullDate: new RegExp(
        String.raw`\b(?:(\d{1,2})(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?(${v.monthAny})\.?,?\s+(?:de\s+)?((?:19|20)\d\d)|(${v.monthAny})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)|((?:19|20)\d\d)-(\d\d)-(\d\d)|(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d\d))(?!\d)`,
        'gi'),
      weekdayDate: new RegExp(String.raw`\b(${v.weekday})(?:\s+(?:morning|afternoon|evening|night))?,?\s+(${v.month})\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s+\d{4})`, 'gi'),
    };
    patternsOf.set(v, p);
  }
  return p;
}

const clip = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Reads one date from a string in the common formats (ISO, RFC 2822, "2 August 2019", "02.08.2019", "August 2, 2019"). */
export function parseDateString(raw: string): Ymd | null {
  const s = raw.trim();
  const ok = (y: number, m: number, d: number): Ymd | null => (y >= 1900 && y <= 2100 && isValidYmd(y, m, d) ? { y, m, d } : null);
  let m = /(?:^|[^\d])((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/.exec(s);
  if (m) {
    const day = ok(+m[1]!, +m[2]!, +m[3]!);
    // A date-only value stored as local midnight in Central Europe reads 22:00 or 23:00 UTC the day before.
    if (day && /^[T ](?:22|23):00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)$/.test(s.slice(m.index + m[0].length))) return fromEpochDay(toEpochDay(day) + 1);
    return day;
  }
  m = /(?:^|[^\d])((?:19|20)\d\d)(\d\d)(\d\d)(?:T|$|[^\d])/.exec(s);
  if (m) { const r = ok(+m[1]!, +m[2]!, +m[3]!); if (r) return r; }
  m = /(?:^|[^\d])(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d\d)(?!\d)/.exec(s);
  if (m) return ok(+m[3]!, +m[2]!, +m[1]!);
  // Day first with dashes ("06-08-2009T14:12"), and day.month.two-digit year ("28.01.22").
  m = /(?:^|[^\d])(\d{1,2})-(\d{1,2})-((?:19|20)\d\d)(?!\d)/.exec(s);
  if (m) return +m[2]! > 12 ? ok(+m[3]!, +m[1]!, +m[2]!) : ok(+m[3]!, +m[2]!, +m[1]!);
  m = /(?:^|[^\d.])(\d{1,2})\.(\d{1,2})\.(\d\d)(?![\d.])/.exec(s);
  if (m) return ok(2000 + +m[3]!, +m[2]!, +m[1]!);
  const v = vocab();
  const words = s.toLowerCase();
  m = datePatterns(v).dayMonthYear.exec(words);
  if (m) return ok(+m[3]!, v.monthAnyIndex.get(m[2]!)!, +m[1]!);
  m = datePatterns(v).monthDayYear.exec(words);
  if (m) return ok(+m[3]!, v.monthAnyIndex.get(m[1]!)!, +m[2]!);
  m = /(?:^|[^\d])(\d{1,2})\/(\d{1,2})\/((?:19|20)\d\d)(?!\d)/.exec(s);
  if (m) {
    const a = +m[1]!, b = +m[2]!;
    return a > 12 ? ok(+m[3]!, b, a) : ok(+m[3]!, a, b);
  }
  return null;
}

/** Every full date written in a stretch of text, with its offset. */
export function fullDatesIn(text: string): { date: Ymd; index: number; text: string }[] {
  const v = vocab();
  const re = datePatterns(v).fullDate;
  const out: { date: Ymd; index: number; text: string }[] = [];
  // Every full date contains a year: look only around the years, not through the whole text.
  const seen = new Set<number>();
  const matches: RegExpMatchArray[] = [];
  for (const y of text.matchAll(/\b(?:19|20)\d\d\b/g)) {
    const from = Math.max(0, y.index - 32);
    const window = text.slice(from, Math.min(text.length, y.index + 10));
    // exec from the start of the window, as matchAll would (the pattern never matches empty).
    re.lastIndex = 0;
    for (let m = re.exec(window); m; m = re.exec(window)) {
      const at = (m.index ?? 0) + from;
      // A match that does not reach this year belongs to another window (or is cut short here).
      if (seen.has(at) || at + m[0].length < y.index + 4) continue;
      seen.add(at);
      m.index = at;
      matches.push(m);
    }
  }
  for (const m of matches) {    let y: number, mo: number, d: number;
    if (m[1]) { y = +m[3]!; mo = v.monthAnyIndex.get(m[2]!.toLowerCase())!; d = +m[1]; }
    else if (m[4]) { y = +m[6]!; mo = v.monthAnyIndex.get(m[4].toLowerCase())!; d = +m[5]!; }
    else if (m[7]) { y = +m[7]; mo = +m[8]!; d = +m[9]!; }
    else { y = +m[12]!; mo = +m[11]!; d = +m[10]!; }
    if (isValidYmd(y, mo, d)) out.push({ date: { y, m: mo, d }, index: m.index!, text: m[0] });
  }
  return out;
}

function jsonLdDates(node: unknown, key: string, out: string[], depth = 0): void {
  if (depth > 6 || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) { for (const n of node) jsonLdDates(n, key, out, depth + 1); return; }
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (k === key && typeof v === 'string') out.push(v);
    else if (typeof v === 'object') jsonLdDates(v, key, out, depth + 1);
  }
}

function fromUrl(url: string | undefined): Ymd | null {
  if (!url) return null;
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '');
  const m = /\/((?:19|20)\d\d)[/_-](\d{1,2})[/_-](\d{1,2})(?:[/_.-]|$)/.exec(path) ?? /[/_-]((?:19|20)\d\d)(\d\d)(\d\d)(?:[/_.-]|$)/.exec(path);
  if (!m) {
    // Day first ("/meldungen/29-10-2021"): only with a four-digit year at the end of a path part.
    const e = /[/_-](\d\d)[-_.](\d\d)[-_.]((?:19|20)\d\d)(?:[/_.?#-]|$)/.exec(path);
    if (!e) return null;
    const t = { y: +e[3]!, m: +e[2]!, d: +e[1]! };
    return isValidYmd(t.y, t.m, t.d) ? t : null;
  }
  const t = { y: +m[1]!, m: +m[2]!, d: +m[3]! };
  return isValidYmd(t.y, t.m, t.d) ? t : null;
}

/** From what the page says about itself (doc.metadata and the source URL). */
export function publishedFromMetadata(doc: Pick<Document, 'metadata' | 'source'>): Published | null {
  const md = doc.metadata;
  if (md?.published) {
    const t = parseDateString(md.published);
    if (t) return { value: formatYmd(t), evidence: `given: ${md.published}`, confidence: 1 };
  }
  const meta = md?.meta ?? {};
  const urlDay = fromUrl(md?.canonicalUrl) ?? fromUrl(doc.source.uri);
  for (const key of META_KEYS) {
    const raw = meta[key];
    const t = raw ? parseDateString(raw) : null;
    if (!t) continue;
    // A timestamp in another time zone can fall on the neighbouring day; the URL names the publisher's own day.
    if (urlDay && /T\d\d:\d\d/.test(raw!) && Math.abs(toEpochDay(urlDay) - toEpochDay(t)) === 1) {
      return { value: formatYmd(urlDay), evidence: `meta ${key}: ${clip(raw!)}, day from the URL`, confidence: 0.95 };
    }
    return { value: formatYmd(t), evidence: `meta ${key}: ${clip(raw!)}`, confidence: 0.95 };
  }
  for (const key of ['datePublished', 'dateCreated', 'uploadDate']) {
    const found: string[] = [];
    jsonLdDates(md?.jsonLd ?? [], key, found);
    for (const raw of found) {
      const t = parseDateString(raw);
      if (t) return { value: formatYmd(t), evidence: `JSON-LD ${key}: ${clip(raw)}`, confidence: key === 'datePublished' ? 0.95 : 0.8 };
    }
  }
  const evidence = md?.times ?? [];
  const first = (kinds: readonly string[]) => {
    for (const el of evidence) {
      if (!kinds.includes(el.kind ?? 'time')) continue;
      const raw = el.datetime || el.text;
      const t = (el.datetime ? parseDateString(el.datetime) : null) ?? (el.text ? parseDateString(el.text) : null);
      if (t) return { t, raw, kind: el.kind ?? 'time' };
    }
    return null;
  };
  // Dates the markup states as the publication date (microdata, RDFa, microformats).
  const marked = first(['itemprop', 'rdfa', 'abbr']);
  if (marked) return { value: formatYmd(marked.t), evidence: `${marked.kind}: ${clip(marked.raw)}`, confidence: 0.9 };
  for (const url of [md?.canonicalUrl, doc.source.uri]) {
    const t = fromUrl(url);
    if (t) return { value: formatYmd(t), evidence: `date in URL: ${clip(url!)}`, confidence: 0.85 };
  }
  // Then what the page shows near the article: <time>, date-named elements, labelled dates; then
  // dates in the page's scripts and its <title>. The first in document order (headers come before sidebars).
  for (const [kinds, confidence] of [[['time-published'], 0.8], [['time'], 0.75], [['element', 'label'], 0.7], [['script'], 0.65], [['title'], 0.6]] as const) {
    const hit = first(kinds);
    if (hit) return { value: formatYmd(hit.t), evidence: `${hit.kind === 'time' || hit.kind === 'time-published' ? '<time>' : hit.kind}: ${clip(hit.raw)}`, confidence };
  }
  for (const [key, raw] of Object.entries(meta)) {
    if (!/date|time|published|created|issued/.test(key) || /modified|updated|expir|valid/.test(key)) continue;
    const t = parseDateString(raw);
    if (t) return { value: formatYmd(t), evidence: `meta ${key}: ${clip(raw)}`, confidence: 0.6 };
  }
  // A page that only says when it was last changed was published on or before that day.
  for (const key of ['article:modified_time', 'og:updated_time', 'dateModified', 'last-modified']) {
    const raw = meta[key.toLowerCase()];
    const t = raw ? parseDateString(raw) : null;
    if (t) return { value: formatYmd(t), evidence: `meta ${key} (last change): ${clip(raw!)}`, confidence: 0.4 };
  }
  const changed = first(['time-modified', 'itemprop-modified', 'abbr-modified', 'element-modified', 'label-modified', 'script-modified']);
  if (changed) return { value: formatYmd(changed.t), evidence: `${changed.kind} (last change): ${clip(changed.raw)}`, confidence: 0.35 };
  return null;
}

/** From the text: full dates in datelines, captions and bylines, then weekday–date agreement in the body. */
export function publishedFromText(text: string, regions: readonly { start: number; end: number; kind: string }[], body: readonly Span[]): Published | null {
  const counts = new Map<string, { n: number; first: string; kind: string }>();
  for (const r of regions) {
    if (!['dateline', 'caption', 'byline', 'title', 'heading', 'other-boilerplate'].includes(r.kind)) continue;
    if (r.end - r.start > 400) continue;
    for (const f of fullDatesIn(text.slice(r.start, r.end))) {
      const key = formatYmd(f.date);
      const c = counts.get(key) ?? { n: 0, first: f.text, kind: r.kind };
      c.n++;
      counts.set(key, c);
    }
  }
  if (counts.size) {
    // The date most captions and datelines agree on; among equals, the latest (captions of old photos carry old dates).
    const [key, c] = [...counts.entries()].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? 1 : -1))[0]!;
    return { value: key, evidence: `${c.kind}: ${c.first}${c.n > 1 ? ` (×${c.n})` : ''}`, confidence: c.kind === 'dateline' ? 0.8 : 0.6 };
  }
  // A weekday with a month and day ("Thursday evening, December 30") fixes the year up to a few
  // candidates; the years the text mentions choose among them.
  const v = vocab();
  const bodyText = body.map((s) => text.slice(s.start, s.end)).join('\n');
  const re = datePatterns(v).weekdayDate;
  // The latest year the body mentions, read only when a weekday date needs it.
  let floor: number | null | undefined;
  const latestYear = () => {
    if (floor === undefined) {
      const years = [...bodyText.matchAll(/\b((?:19|20)\d\d)\b/g)].map((m) => +m[1]!);
      floor = years.length ? Math.max(...years) : null;
    }
    return floor;
  };
  let all: number[] | undefined;
  const matches = /(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day/.test(bodyText) ? bodyText.matchAll(re) : [];
  for (const m of matches) {
    const wd = v.weekdayIndex.get(m[1]!.toLowerCase())!;
    const mo = v.monthIndex.get(m[2]!.toLowerCase().replace(/\.$/, ''))!;
    const d = +m[3]!;
    if (!isValidYmd(2000, mo, d)) continue;
    all ??= fullDatesIn(bodyText).map((f) => f.date.y);
    const anchorYear = all.length ? Math.max(...all) : latestYear();
    if (anchorYear === null) continue;
    for (let y = anchorYear; y <= anchorYear + 10; y++) {
      if (isValidYmd(y, mo, d) && isoWeekday({ y, m: mo, d }) === wd) {
        return { value: formatYmd({ y, m: mo, d }), evidence: `weekday agrees with the date: ${m[0]} (latest year in text ${anchorYear})`, confidence: 0.4 };
      }
    }
  }
  // Last resort: the latest full date in the opening of the text, where pages put their date
  // (further down, dates are mostly those of the events reported).
  const dates = fullDatesIn(text.slice(0, 1500));
  if (dates.length) {
    const latest = dates.reduce((a, b) => (formatYmd(b.date) > formatYmd(a.date) ? b : a));
    return { value: formatYmd(latest.date), evidence: `latest date in the text: ${latest.text}`, confidence: 0.3 };
  }
  return null;
}

export function inferPublished(doc: Pick<Document, 'metadata' | 'source' | 'text' | 'regions' | 'body'>): Published | null {
  return publishedFromMetadata(doc) ?? publishedFromText(doc.text, doc.regions, doc.body);
}
