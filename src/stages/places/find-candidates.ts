/**
 * Toponym candidates: GPE/LOC/NORP entities when the entities stage ran, plus capitalised word
 * runs of the text matched against the gazetteer, with the guards that keep "May" and "Mr. Jordan" out.
 */
import type { Entity } from '../../core/document.js';
import type { Span } from '../../core/span.js';
import type { Gazetteer, Supplement } from '../../resources/gazetteer.js';
import { normalizePlaceName } from '../../resources/gazetteer.js';

export interface Candidate extends Span {
  /** Normalised name: the gazetteer key. */
  key: string;
  /** Gazetteer entries that carry this name. */
  entries: readonly number[];
  /** Where it came from: a named entity (trusted) or the text scan (needs support). */
  source: 'entity' | 'text';
  entity: string | null;
  /** A demonym (Russian, Georgians) standing for its country. */
  demonym: boolean;
  /** Explicit container named beside it: "Paris, Texas", "Wilmington (United States)". */
  hint: Hint | null;
  /** Sentence-initial single word: capitalisation tells nothing. */
  initial: boolean;
  /** The text says it is a state or province: "the state of Washington", "Washington state". */
  admin1Level?: boolean;
}

/** A container: a country (ISO code) or a first-level region ("US.TX"). */
export interface Hint { country: string | null; admin1: string | null; span: Span }

interface Token { start: number; end: number; text: string; cap: boolean }

/** A word of the scan: its text is sliced when first read (most words are only looked at for their capital). */
class ScannedWord implements Token {
  private known: string | null;
  constructor(private readonly source: string, readonly start: number, readonly end: number, readonly cap: boolean, text: string | null) {
    this.known = text;
  }
  get text(): string {
    return (this.known ??= this.source.slice(this.start, this.end));
  }
}

/** Function words that are capitalised at the start of a sentence without being names. */
const FUNCTION_WORDS = new Set(('a an the in at on of from to for by with without into onto over under after before during since until ' +
  'as and or but nor so yet if when while where whereas though although because than then there here this that these those ' +
  'his her its their our my your he she it they we i you who what which whose whom why how not no yes all some many most ' +
  'more less few each every both either neither one two three also meanwhile however still even just only about across ' +
  'along around near between among against toward towards through throughout within beyond via per like unlike despite ' +
  'according mr mrs ms dr st').split(' '));
const CONNECTORS = new Set(['of', 'de', 'del', 'da', 'do', 'dos', 'du', 'des', 'la', 'le', 'el', 'al', 'upon', 'on', 'and', 'y', 'am', 'an', 'der', 'sur']);

// Hyphens split words ("EU-Israel", "Philadelphia-based"); the run builder joins them back
// when the parts make one name ("Winston-Salem", "Rostov-on-Don").
// A word is what /[\p{L}\p{M}\p{N}]+(?:[’'.&][\p{L}\p{M}\p{N}]+)*\.?/gu matches; `tokenize` scans
// for it by character code (the pattern never backtracks: its separators are not word characters).
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
/** Word-character answers for the BMP beyond ASCII, filled as met: 0 unknown, 1 yes, 2 no. */
const bmpWordChar = new Uint8Array(0x10000);
/** Length in code units of the word character (code point) at i before end, or 0. */
function wordCharAt(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return WORD_CHAR.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  let known = bmpWordChar[c]!;
  if (known === 0) bmpWordChar[c] = known = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
  return known === 1 ? 1 : 0;
}
/** Where a run of word characters from i (a word character) ends. */
function wordCharsEnd(text: string, i: number, end: number): number {
  for (let w = wordCharAt(text, i, end); w > 0; w = i < end ? wordCharAt(text, i, end) : 0) i += w;
  return i;
}
const isSeparator = (c: number) => c === 0x2019 || c === 39 || c === 46 || c === 38;
/** An upper-case letter at text[i]; ASCII answered from the code, the rest by case mapping. */
const isUpperAt = (text: string, i: number) => {
  const code = text.charCodeAt(i);
  if (code < 128) return code >= 65 && code <= 90;
  const c = text[i]!;
  return c !== c.toLowerCase() && c === c.toUpperCase();
};
const APOSTROPHE = (code: number) => code === 39 || code === 0x2019;
const ABBREVIATION_DOTS = /\.\p{L}+\.$/u;
const SHORT_ABBREVIATION = /^\p{Lu}\p{Ll}{0,3}\.$/u;

function tokenize(text: string, span: Span): Token[] {
  const out: Token[] = [];
  const end = Math.min(span.end, text.length);
  let i = Math.max(0, span.start);
  while (i < end) {
    const w = wordCharAt(text, i, end);
    if (w === 0) { i++; continue; }
    const start = i;
    i = wordCharsEnd(text, i, end);
    while (i + 1 < end && isSeparator(text.charCodeAt(i)) && wordCharAt(text, i + 1, end) > 0) i = wordCharsEnd(text, i + 1, end);
    if (i < end && text.charCodeAt(i) === 46) i++;
    // The word is [start, e): its string is made only where it is needed.
    let e = i;
    // A sentence-final period is not part of the word, unless the word is an abbreviation (U.S., Ga.).
    if (text.charCodeAt(e - 1) === 46) {
      const t = text.slice(start, e);
      if (!ABBREVIATION_DOTS.test(t) && !SHORT_ABBREVIATION.test(t)) e--;
    }
    // Possessives: "Ohio's", "Texas'" (what /['’]s?$/ would match, without a regex per word).
    const len = e - start;
    const last = text.charCodeAt(e - 1);
    const poss = APOSTROPHE(last) ? 1 : last === 115 && len >= 2 && APOSTROPHE(text.charCodeAt(e - 2)) ? 2 : 0;
    if (poss && len > poss + 1) e -= poss;
    const upper = isUpperAt(text, start);
    const t = upper ? text.slice(start, e) : null;
    out.push(new ScannedWord(text, start, e, t !== null && !FUNCTION_WORDS.has(t.toLowerCase()), t));
  }
  return out;
}

export interface FinderWords {
  notPlaces: Set<string>;
  orgHeads: Set<string>;
  givenNames: Set<string>;
  compass: Set<string>;
  titles: Set<string>;
  regionHeads: Set<string>;
}

export function finderWords(supp: Supplement): FinderWords {
  return {
    notPlaces: new Set(supp.words.notPlaces.map((w) => w.toLowerCase())),
    orgHeads: new Set(supp.words.orgHeads),
    givenNames: new Set(supp.words.givenNames.map((w) => w.toLowerCase())),
    compass: new Set(supp.words.compassWords),
    titles: new Set(supp.words.personTitles.map((w) => w.toLowerCase().replace(/\.$/, ''))),
    regionHeads: new Set(supp.words.regionHeads),
  };
}

/** The gazetteer key of a words run, trying the plain name and, for "X County", the county. */
function lookupKey(g: Gazetteer, words: string): { key: string; entries: readonly number[] } | null {
  let key = normalizePlaceName(words);
  // All-capital datelines ("CLINTON —") and headlines: the name in ordinary case.
  const e = g.lookup(key);
  if (e) return { key, entries: e };
  // Abbreviations: "Mt. Pleasant", "Ft. Worth", "Platte Co." (the patterns only where they can match).
  let expanded = key;
  if (expanded.startsWith('mt')) expanded = expanded.replace(/^mt\.? /, 'mount ');
  if (expanded.startsWith('ft')) expanded = expanded.replace(/^ft\.? /, 'fort ');
  if (expanded.endsWith(' co') || expanded.endsWith(' co.')) expanded = expanded.replace(/ co\.?$/, ' county');
  if (expanded !== key) { key = expanded; const e3 = g.lookup(key); if (e3) return { key, entries: e3 }; }
  if (key.endsWith('.')) { const k2 = key.slice(0, -1); const e2 = g.lookup(k2); if (e2) return { key: k2, entries: e2 }; }
  return null;
}

/** A container named right after a toponym: ", Texas", " (United States)", ", Ga.", " of Ukraine". */
export function findHint(g: Gazetteer, text: string, end: number): Hint | null {
  const m = /^(\s*,\s*|\s*\(\s*|\s+(?:of|in)\s+(?:the\s+)?)/.exec(text.slice(end, end + 12));
  if (!m) return null;
  const from = end + m[0].length;
  const toks = tokenize(text, { start: from, end: Math.min(text.length, from + 40) });
  for (let n = Math.min(4, toks.length); n >= 1; n--) {
    const words = toks.slice(0, n);
    if (!words.every((t) => t.cap) || (n > 1 && !/^\s$/.test(text.slice(words[0]!.end, words[1]!.start) || ' '))) continue;
    const last = words[n - 1]!;
    const phrase = text.slice(words[0]!.start, last.end);
    const span = { start: words[0]!.start, end: last.end };
    // Postal codes only right after a comma: "Gainesville, GA".
    if (n === 1 && /^[A-Z]{2}$/.test(phrase) && m[0].includes(',')) {
      const a1 = g.admin1ByCode(phrase);
      if (a1) return { country: a1.slice(0, 2), admin1: a1, span };
    }
    const hit = lookupKey(g, phrase);
    if (!hit) continue;
    for (const i of hit.entries) {
      const kind = g.kind[i]!;
      if (kind === 0) return { country: g.countries[g.country[i]!]!, admin1: null, span };
      if (kind === 1 && g.admin1[i]! >= 0) return { country: g.countries[g.country[i]!]!, admin1: g.admin1Keys[g.admin1[i]!]!, span };
    }
  }
  return null;
}

/** "the state of Washington", "Washington state", "the province of Alberta", "Alberta province". */
export function saysAdmin1(text: string, start: number, end: number): boolean {
  return /\b(state|province)\s+of\s+$/i.test(text.slice(Math.max(0, start - 20), start)) || /^\s+(state|province)\b/.test(text.slice(end, end + 12));
}

/** Candidates from the capitalised runs of each stretch of text. */
export function scanText(g: Gazetteer, words: FinderWords, text: string, stretches: readonly Span[]): Candidate[] {
  const out: Candidate[] = [];
  for (const stretch of stretches) {
    const toks = tokenize(text, stretch);
    let i = 0;
    while (i < toks.length) {
      if (!toks[i]!.cap) { i++; continue; }
      // The run: capitalised words, connectors between them, and a trailing head noun ("Donetsk region").
      let j = i + 1;
      while (j < toks.length) {
        // Nothing, a space or a hyphen between the words.
        const gap = toks[j]!.start - toks[j - 1]!.end;
        const g0 = text.charCodeAt(toks[j - 1]!.end);
        if (gap !== 0 && !(gap === 1 && (g0 === 32 || g0 === 45 || g0 === 0x2013))) break;
        const t = toks[j]!;
        if (t.cap) { j++; continue; }
        const lower = t.text.toLowerCase();
        if (CONNECTORS.has(lower) && j + 1 < toks.length && toks[j + 1]!.cap && toks[j + 1]!.start - t.end === 1 && (text.charCodeAt(t.end) === 32 || text.charCodeAt(t.end) === 45)) { j += 2; continue; }
        if (words.regionHeads.has(lower)) { j++; }
        break;
      }
      const run = toks.slice(i, j);
      matchRun(g, words, text, toks, i, run, out);
      i = j;
    }
  }
  return out;
}

function matchRun(g: Gazetteer, words: FinderWords, text: string, toks: Token[], runStart: number, run: Token[], out: Candidate[]): void {
  const matched: { a: number; b: number; key: string; entries: readonly number[] }[] = [];
  // (entries of a demonym are replaced by the places it names)
  let a = 0;
  while (a < run.length) {
    let found = false;
    for (let b = Math.min(run.length, a + g.maxWords); b > a; b--) {
      if (!run[a]!.cap || !run[b - 1]!.cap && !words.regionHeads.has(run[b - 1]!.text.toLowerCase())) continue;
      const hit = lookupKey(g, text.slice(run[a]!.start, run[b - 1]!.end));
      if (hit && !words.notPlaces.has(hit.key)) { matched.push({ a, b, ...hit }); a = b; found = true; break; }
    }
    if (!found) a++;
  }
  for (const m of matched) {
    const demonym = g.isDemonym(m.key);
    if (demonym) m.entries = g.demonymOf(m.key)!;
    const single = m.b - m.a === 1;
    const first = run[m.a]!;
    const prev = toks[runStart + m.a - 1];
    // Person titles: "Mr. Jordan", "President Lincoln", "Gov. Georgia Smith".
    if (prev && words.titles.has(prev.text.toLowerCase().replace(/\.$/, '')) && /^\s+$/.test(text.slice(prev.end, first.start))) continue;
    if (run[m.a - 1]?.text.toLowerCase().replace(/\.$/, '') && words.titles.has(run[m.a - 1]!.text.toLowerCase().replace(/\.$/, ''))) continue;
    // Part of a longer name ("Michael Jordan", "Lake Paris"): a capitalised word of the run right
    // before it that is no place itself. A name followed by capitalised words is kept: places
    // inside organisation names ("the Athens Police Department") still say where.
    const otherBefore = m.a > 0 && run[m.a - 1]!.cap && !words.compass.has(run[m.a - 1]!.text)
      && /^ $/.test(text.slice(run[m.a - 1]!.end, first.start));
    const strong = m.entries.some((e) => g.kind[e]! <= 1);
    if (!demonym && otherBefore) continue;
    // A place name followed by a capitalised word: an organisation or feature named after the place
    // ("Athens Police Department", "Gainesville City Council") still says where; anything else
    // ("Chad Smith", "Jordan Spieth") is a person or a name we do not know.
    const next = m.b < run.length ? run[m.b]! : null;
    // Countries and states keep their place before any capitalised word ("Kentucky Workforce
    // Development Cabinet"), unless they are also first names (Chad Smith).
    if (!demonym && next?.cap && /^ $/.test(text.slice(run[m.b - 1]!.end, next.start)) && !words.orgHeads.has(next.text)
      && (!strong || words.givenNames.has(m.key))) continue;
    if (words.notPlaces.has(m.key)) continue;
    // Acronyms (NATO, EU, AP) are organisations unless they name a country or state (US, UK, UAE).
    // All-capital datelines ("CLINTON — A town couple…", "KABUL: Officials…") at the start of a line or sentence.
    const lineStart = !prev || /(^|\n|[.!?]\s)\s*$/.test(text.slice(Math.max(0, first.start - 3), first.start));
    const dateline = lineStart && /^\s*(—|–|--|-|,|:)/.test(text.slice(first.end, first.end + 4)) && first.text.length >= 4;
    if (single && /^[\p{Lu}.&]+$/u.test(first.text) && first.text.replace(/\./g, '').length >= 2 && !strong && !dateline) continue;
    const start = first.start, end = run[m.b - 1]!.end;
    const sentenceInitial = !prev || /[.!?:"“]\s*$/.test(text.slice(Math.max(0, start - 3), start)) || /\n\s*$/.test(text.slice(Math.max(0, start - 2), start));
    out.push({
      start, end, key: m.key, entries: m.entries, source: 'text', entity: null, demonym,
      hint: findHint(g, text, end), initial: single && sentenceInitial, admin1Level: saysAdmin1(text, start, end),
    });
  }
}

/** Candidates from the entities stage: GPE, LOC, and NORP where the gazetteer knows a demonym. */
export function fromEntities(g: Gazetteer, words: FinderWords, text: string, entities: readonly Entity[]): Candidate[] {
  const out: Candidate[] = [];
  for (const e of entities) {
    if (e.type !== 'GPE' && e.type !== 'LOC' && e.type !== 'NORP') continue;
    for (const m of e.mentions) {
      const hit = lookupKey(g, text.slice(m.start, m.end));
      if (!hit) continue;
      const hint = findHint(g, text, m.end);
      if (words.notPlaces.has(hit.key) && !hint) continue;
      // "Chad Smith": a first name the tagger took for a country.
      const next = /^ (\p{Lu}[\p{L}'’.]*)/u.exec(text.slice(m.end, m.end + 30))?.[1];
      if (next && words.givenNames.has(hit.key) && !words.orgHeads.has(next)) continue;
      const demonym = g.isDemonym(hit.key);
      if (e.type === 'NORP' && !demonym) continue;
      out.push({ start: m.start, end: m.end, key: hit.key, entries: hit.entries, source: 'entity', entity: e.id, demonym, hint, initial: false, admin1Level: saysAdmin1(text, m.start, m.end) });
    }
  }
  return out;
}

/** Entity candidates win where both found the same words; text candidates fill what NER missed,
 * except inside a PERSON or ORG entity that is not a place. */
export function mergeCandidates(fromNer: Candidate[], fromText: Candidate[], entities: readonly Entity[], words: FinderWords, text: string): Candidate[] {
  const blocked: Span[] = [];
  for (const e of entities) if (e.type === 'PERSON') for (const m of e.mentions) blocked.push(m);
  let out = [...fromNer];
  for (const c of fromText) {
    // Inside a person's name ("Chad Smith"), unless the gazetteer's name is the whole span and
    // longer than a word: taggers call "Walker County" a person now and then.
    if (blocked.some((b) => b.start <= c.start && c.end <= b.end && !(b.start === c.start && b.end === c.end && c.key.includes(' '))
      && !(b.start === c.start && c.end < b.end && words.orgHeads.has(/^\s*(\S+)/.exec(text.slice(c.end, b.end))?.[1] ?? '')))) continue;
    const over = out.filter((n) => n.start < c.end && c.start < n.end);
    if (over.length === 0) { out.push(c); continue; }
    // The gazetteer's longer name wins over a tagger span inside it ("New York City" over "York").
    if (over.every((n) => c.start <= n.start && n.end <= c.end && n.end - n.start < c.end - c.start)) {
      out = out.filter((n) => !over.includes(n));
      out.push({ ...c, source: 'entity', entity: over[0]!.entity });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
