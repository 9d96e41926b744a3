/**
 * Labels every line of a document with a region kind (title, heading, body, caption, related-link,
 * …) from general evidence: line shape and length, sentence-likeness, position, repetition of the
 * title, caption shapes ending in a full date, and the boilerplate patterns (data). Regions already
 * known from markup (HTML headings, captions) are kept as they are.
 */
import type { Region, RegionKind } from '../../core/document.js';
import type { Span } from '../../core/span.js';
import type { BoilerplatePattern } from '../../resources/boilerplate-patterns.js';

export interface LineUnit extends Span {
  text: string;
  words: number;
}

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
/** A caption's usual tail: "…, Place (Country), December 30, 2021." or "… on 30 December 2021". */
const FULL_DATE_AT_END = new RegExp(`(?:${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}\\s+${MONTH},?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2})\\s*[.)]?\\s*$`, 'i');
const TERMINAL = /[.!?…:;"'”»“’)\]]$/u;
const SENTENCE_END = /[.!?…](?:["'”»“’)\]]*)(?:\s|$)/gu;
/** Inline dateline at the start of a paragraph: "MOSCOW, Dec 30 (Reuters) - ", "PARIS (AFP) — ". */
const INLINE_DATELINE = /^(?:\p{Lu}[\p{Lu} .'’-]{2,}(?:,\s*[\p{L}. ]{2,30})?(?:,\s*\p{L}{3,9}\.?\s+\d{1,2})?\s*(?:\([\p{L} .&]{2,30}\))?|\p{Lu}[\p{L}.'’ -]{1,30}\s*\((?:AFP|AP|Reuters|UPI|dpa|ANSA|EFE|Xinhua|TASS|Interfax)\))\s*[-–—:]+\s+/u;

export function splitLines(text: string, within: Span = { start: 0, end: text.length }): LineUnit[] {
  const units: LineUnit[] = [];
  let pos = within.start;
  while (pos < within.end) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0 || nl > within.end) nl = within.end;
    let start = pos;
    let end = nl;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) {
      const t = text.slice(start, end);
      units.push({ start, end, text: t, words: countWords(t) });
    }
    pos = nl + 1;
  }
  return units;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/** Letter-or-digit answers for the BMP beyond ASCII, filled as met: 0 unknown, 1 yes, 2 no. */
const bmpLetterOrDigit = new Uint8Array(0x10000);
/** Length in code units of the letter or digit (code point) at i, or 0. */
function letterOrDigitAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return LETTER_OR_DIGIT.test(s.slice(i, i + 2)) ? 2 : 0;
  }
  let known = bmpLetterOrDigit[c]!;
  if (known === 0) bmpLetterOrDigit[c] = known = LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 2;
  return known === 1 ? 1 : 0;
}

/** How many matches of /[\p{L}\p{N}][\p{L}\p{N}'’.-]*\/gu the line has, counted without making them. */
function countWords(s: string): number {
  const n = s.length;
  let count = 0;
  let i = 0;
  while (i < n) {
    const w = letterOrDigitAt(s, i);
    if (w === 0) { i++; continue; }
    count++;
    i += w;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 39 || c === 0x2019 || c === 46 || c === 45) { i++; continue; }
      const more = letterOrDigitAt(s, i);
      if (more === 0) break;
      i += more;
    }
  }
  return count;
}

export function normalizeLine(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Whether s has at least n spaces (s.split(' ').length > n, without the array). */
function hasSpaces(s: string, n: number): boolean {
  for (let at = s.indexOf(' '); at >= 0; at = s.indexOf(' ', at + 1)) if (--n === 0) return true;
  return n <= 0;
}

function sentenceCount(s: string): number {
  return (s.match(SENTENCE_END) ?? []).length || 1;
}

/** Prose-like: several words and a sentence ending, or long enough that it must be prose. */
function isProse(u: LineUnit): boolean {
  return (u.words >= 8 && TERMINAL.test(u.text)) || u.words >= 25;
}

/** Heading-like: short, no sentence punctuation at the end, starts with a capital or digit. */
function isHeadingShape(u: LineUnit): boolean {
  return u.words >= 1 && u.words <= 14 && !/[.,;:!…]$/.test(u.text) && /^[\p{Lu}\p{N}"“«'‘]/u.test(u.text);
}

const isSpace = (c: number) => (c === 32 || (c >= 9 && c <= 13) || (c >= 128 && /\s/.test(String.fromCharCode(c))));
/** What FULL_DATE_AT_END needs at the end: a digit, then at most spaces, one "." or ")", spaces. */
function endsInDigit(s: string): boolean {
  let e = s.length;
  while (e > 0 && isSpace(s.charCodeAt(e - 1))) e--;
  if (e > 0 && (s.charCodeAt(e - 1) === 46 || s.charCodeAt(e - 1) === 41)) e--;
  while (e > 0 && isSpace(s.charCodeAt(e - 1))) e--;
  return e > 0 && s.charCodeAt(e - 1) >= 48 && s.charCodeAt(e - 1) <= 57;
}

/** A caption's shape: short, at most two sentences, ending in a full date. */
function isCaptionShape(u: LineUnit): boolean {
  return u.words >= 3 && u.words <= 60 && endsInDigit(u.text) && FULL_DATE_AT_END.test(u.text) && sentenceCount(u.text) <= 2;
}

/** The date stands apart, as captions put it ("…, Moscow, December 30, 2021"), not "on December 30". */
function hasAppositiveDate(u: LineUnit): boolean {
  const m = FULL_DATE_AT_END.exec(u.text);
  return m !== null && /[,)]\s*$/.test(u.text.slice(0, m.index));
}

export interface ClassifyInput {
  text: string;
  knownRegions: readonly Region[];
  patterns: readonly BoilerplatePattern[];
  /** A title given by the input (HTML <title>, JSONL `title`), to find it and its repeats. */
  givenTitle?: string;
}

export interface Classified {
  regions: Region[];
  title: Span | null;
}

export function classifyRegions(input: ClassifyInput): Classified {
  const { text, knownRegions, patterns } = input;
  // Known body regions (HTML paragraphs inside the main content) are provisional: their lines
  // still meet the duplicate and boilerplate-pattern checks, then stay body with their DOM rule.
  const known = [...knownRegions].filter((k) => k.kind !== 'body').sort((a, b) => a.start - b.start);
  const provisional = knownRegions.filter((k) => k.kind === 'body').sort((a, b) => a.start - b.start);
  const lines = dropCovered(splitLines(text), known);
  const provisionalOf = coveringRegions(lines, provisional);
  const labels: (Region | null)[] = lines.map(() => null);
  const label = (i: number, kind: RegionKind, rule: string, span?: Span) => {
    const u = lines[i]!;
    labels[i] = { start: span?.start ?? u.start, end: span?.end ?? u.end, kind, rule };
  };

  // Title: a known title region, else the given title's line, else the first line when it is
  // short and not prose-like (a headline has no final full stop).
  let title: Span | null = known.find((k) => k.kind === 'title') ?? null;
  const givenNorm = input.givenTitle ? normalizeLine(input.givenTitle) : null;
  if (!title) {
    const idx = givenNorm ? lines.findIndex((u) => normalizeLine(u.text) === givenNorm) : -1;
    if (idx >= 0) {
      label(idx, 'title', 'title:given');
    } else if (!givenNorm && lines[0] && lines.length > 1 && lines[0].words <= 30 && !/[.,;]$/.test(lines[0].text) && sentenceCount(lines[0].text) <= 2) {
      label(0, 'title', 'title:first-line');
    }
    const t = labels.find((l) => l?.kind === 'title');
    title = t ? { start: t.start, end: t.end } : null;
  }
  const titleNorm = title ? normalizeLine(text.slice(title.start, title.end)) : givenNorm;

  // Repeats: the title again, or a line seen before (syndication and scraping duplicate blocks).
  const seen = new Set<string>();
  if (titleNorm) seen.add(titleNorm);
  for (const k of known) seen.add(normalizeLine(text.slice(k.start, k.end)));
  lines.forEach((u, i) => {
    if (labels[i]) return;
    const norm = normalizeLine(u.text);
    if (hasSpaces(norm, 2) && seen.has(norm)) label(i, 'duplicate', titleNorm === norm ? 'duplicate:title' : 'duplicate:line');
    seen.add(norm);
  });

  // Boilerplate patterns, in file order.
  lines.forEach((u, i) => {
    if (labels[i]) return;
    for (const p of patterns) {
      if (u.words <= p.maxWords && p.regex.test(u.text)) {
        label(i, p.kind, `pattern:${p.name}`);
        return;
      }
    }
  });

  lines.forEach((u, i) => {
    const p = provisionalOf[i];
    if (p && !labels[i]) labels[i] = { start: u.start, end: u.end, kind: 'body', rule: p.rule ?? 'html:body' };
  });

  // Captions: a line of at most two sentences ending in a full date set apart by a comma
  // ("…, Kyiv (Ukraine), May 2, 2022."), or ending in any full date next to such a caption.
  lines.forEach((u, i) => {
    if (!labels[i] && isCaptionShape(u) && hasAppositiveDate(u)) label(i, 'caption', 'caption:ends-with-date');
  });
  lines.forEach((u, i) => {
    if (labels[i] || !isCaptionShape(u)) return;
    const touches = (j: number) => labels[j]?.kind === 'caption' && lines[j] !== undefined &&
      !blankLineBetween(text, j < i ? lines[j]! : u, j < i ? u : lines[j]!);
    if (touches(i - 1) || touches(i + 1)) label(i, 'caption', 'caption:date-beside-caption');
  });

  // Headings: short unpunctuated lines followed by prose. Captions without a date look alike,
  // so a short line next to a caption is a caption too.
  lines.forEach((u, i) => {
    if (labels[i] || !isHeadingShape(u)) return;
    const next = lines[i + 1];
    const prev = lines[i - 1];
    const nearCaption = (prev && labels[i - 1]?.kind === 'caption' && !blankLineBetween(text, prev, u)) ||
      (next && isCaptionShape(next) && !blankLineBetween(text, u, next));
    if (nearCaption && u.words >= 4) label(i, 'caption', 'caption:beside-caption');
    else if (next && !labels[i + 1] && isProse(next) && i > 0) label(i, 'heading', 'heading:short-line-before-prose');
  });

  // Inline datelines open the first paragraph: label the prefix, keep the rest as body.
  const firstBody = lines.findIndex((u, i) => !labels[i] && isProse(u));
  const inlineDateline: Region[] = [];
  if (firstBody >= 0) {
    const u = lines[firstBody]!;
    const m = INLINE_DATELINE.exec(u.text);
    if (m && m[0].length < 80 && /\p{Lu}{2,}|\(/u.test(m[0])) {
      inlineDateline.push({ start: u.start, end: u.start + m[0].trimEnd().length, kind: 'dateline', rule: 'dateline:inline' });
      lines[firstBody] = { ...u, start: u.start + m[0].length, text: u.text.slice(m[0].length) };
    }
  }

  // The rest: prose is body; short fragments that are not prose are other boilerplate, unless
  // they sit between body paragraphs (a one-line paragraph such as a short quote).
  lines.forEach((u, i) => {
    if (labels[i]) return;
    if (isProse(u) || u.words >= 4 && TERMINAL.test(u.text) || neighboursAreBody(lines, labels, i)) label(i, 'body', 'body:prose');
    else label(i, 'other-boilerplate', 'boilerplate:fragment');
  });

  const regions = [...known, ...inlineDateline, ...(labels.filter(Boolean) as Region[])].sort((a, b) => a.start - b.start);
  return { regions, title };
}

/** The lines not inside any of the (sorted) regions, in one sweep. */
function dropCovered(lines: LineUnit[], regions: readonly Region[]): LineUnit[] {
  const cover = coveringRegions(lines, regions);
  return lines.filter((_, i) => !cover[i]);
}

/** For each line, the (sorted, non-overlapping) region that contains it, or null. */
function coveringRegions(lines: readonly LineUnit[], regions: readonly Region[]): (Region | null)[] {
  const out: (Region | null)[] = [];
  let k = 0;
  for (const u of lines) {
    while (k < regions.length && regions[k]!.end < u.end) k++;
    // Regions may nest or overlap (a title inside a heading run): check a few candidates.
    let hit: Region | null = null;
    for (let j = Math.max(0, k - 2); j < regions.length && regions[j]!.start <= u.start; j++) {
      const r = regions[j]!;
      if (r.start <= u.start && u.end <= r.end) {
        hit = r;
        break;
      }
    }
    out.push(hit);
  }
  return out;
}

function blankLineBetween(text: string, a: Span, b: Span): boolean {
  return /\n\s*\n/.test(text.slice(a.end, b.start));
}

function neighboursAreBody(lines: LineUnit[], labels: (Region | null)[], i: number): boolean {
  const isBodyish = (j: number) => lines[j] !== undefined && (labels[j]?.kind === 'body' || (!labels[j] && isProse(lines[j]!)));
  return lines[i]!.words >= 3 && isBodyish(i - 1) && isBodyish(i + 1);
}
