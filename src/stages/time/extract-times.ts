/**
 * extractTimes(): runs the parsers over each sentence, then the refiners (overlaps, modifier
 * words, adjacent date+time merges), then resolves every candidate in reading order against the
 * reference date, the tense of its sentence and the date in focus. Output: sorted Time records.
 */
import type { Time } from '../../core/document.js';
import type { Span } from '../../core/span.js';
import { addDays, formatYmd, isoWeekday, isValidYmd, parseYmd } from './calendar.js';
import type { Ymd } from './calendar.js';
import type { Candidate, Cal, Env, Focus, Resolved } from './candidate.js';
import type { GateTable } from './parsers.js';
import { compiledParsers, gateTableOf } from './parsers.js';
import { resolveCal } from './resolve.js';
import { quoteMarks, tagCues, tenseCues, tenseNear } from './tense.js';
import type { TagColumns, TenseCue } from './tense.js';
import { vocab } from './vocabulary.js';

export interface ExtractOptions {
  /** Reference date (YYYY-MM-DD…); relative expressions stay unresolved without it. */
  reference?: string | null;
  /** Part-of-speech tags of the tokens (the syntax layer): tense from verbs, not word lists. */
  tags?: TagColumns | null;
  /**
   * How the document's region writes numeric dates when its own dates do not settle it: true for
   * day first (12/03/2021 is 12 March: Britain, most of the world), false or absent for month first (US).
   */
  dayFirst?: boolean | null;
}

interface Sentenced extends Candidate { sentence: number }

/** Modifier words that belong to the expression they precede (TimeML includes them in the extent). */
const QUANTITY_MOD = /(?:^|[^\p{L}])(about|around|roughly|approximately|nearly|almost|more than|over|at least|up to|no more than|within|less than|just over|just under|some|only|just)\s+$/iu;
const POINT_MOD = /(?:^|[^\p{L}])(early|late|earlier|later|the end of|the beginning of|the start of|the middle of|around|about|approximately|roughly)\s+$|(?:^|[^\p{L}])(mid)-\s*$/iu;
const MODS: Record<string, string> = {
  about: 'APPROX', around: 'APPROX', roughly: 'APPROX', approximately: 'APPROX', some: 'APPROX', nearly: 'APPROX', almost: 'LESS_THAN',
  'more than': 'MORE_THAN', over: 'MORE_THAN', 'at least': 'EQUAL_OR_MORE', 'up to': 'EQUAL_OR_LESS', 'no more than': 'EQUAL_OR_LESS',
  within: 'EQUAL_OR_LESS', 'less than': 'LESS_THAN', 'just over': 'MORE_THAN', 'just under': 'LESS_THAN',
  early: 'START', earlier: 'START', 'the beginning of': 'START', 'the start of': 'START', late: 'END', later: 'END',
  'the end of': 'END', 'the close of': 'END', mid: 'MID', 'the middle of': 'MID',
};

const ENDED_BEFORE = /\bended\s+(?:on\s+)?$/i;

/** A period noun and the verb that dates its end, just before a date ("the nine months ended"). */
const PERIOD_END_BEFORE = /\b(?:quarter|period|half|year|months|weeks)\s+(?:that\s+|which\s+)?(?:ended|ending|ends|to)\s+$/i;

/** Marks the parsers whose gate words occur in text[from, to) (a sentence); false when none does. */
function markActive(text: string, from: number, to: number, gate: GateTable, active: Uint8Array): boolean {
  let any = false;
  const n = to;
  let i = from;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      const start = i;
      while (i < n && (c = text.charCodeAt(i)) >= 48 && c <= 57) i++;
      const len = i - start;
      const list = len === 4 ? gate.digits4 : len <= 2 ? gate.digits2 : gate.digits;
      for (const p of list) active[p] = 1;
      if (list.length) any = true;
      continue;
    }
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (!letter) { i++; continue; }
    const capital = c <= 90;
    let h = 0;
    while (i < n) {
      c = text.charCodeAt(i);
      if (c >= 65 && c <= 90) c += 32;
      else if (!(c >= 97 && c <= 122)) break;
      h = (Math.imul(h, 31) + c) | 0;
      i++;
    }
    const list = gate.words.get(h);
    if (list) for (const e of list) if (!e.capital || capital) { active[e.parser] = 1; any = true; }
  }
  return any;
}

function findCandidates(text: string, sentences: readonly Span[]): Sentenced[] {
  const parsers = compiledParsers();
  const gate = gateTableOf();
  const v = vocab();
  const active = new Uint8Array(parsers.length);
  const out: Sentenced[] = [];
  sentences.forEach((s, si) => {
    // Most parsers cannot match a sentence without one of their words: one pass over the
    // characters (word hashes, no strings) says which patterns are worth running.
    active.fill(0);
    const any = markActive(text, s.start, Math.min(s.end, text.length), gate, active);
    if (!any) return;
    const sentence = text.slice(s.start, s.end);
    const ctx = { text: sentence, v };
    for (const p of parsers) {
      if (!active[p.rank]) continue;
      p.regex.lastIndex = 0;
      for (let m = p.regex.exec(sentence); m; m = p.regex.exec(sentence)) {
        if (m[0].length === 0) { p.regex.lastIndex++; continue; }
        const d = p.extract(m, ctx);
        if (!d) continue;
        const start = s.start + (d.start ?? m.index);
        const end = s.start + (d.end ?? m.index + m[0].length);
        out.push({ ...d, start, end, parser: p.name, rank: p.rank, sentence: si });
      }
    }
  });
  return out;
}

/** The day after "April 24 and": followed by punctuation, a year, or a preposition (not "and 25 people"). */
const LISTED_DAY = /^\s*(?:and|or|&)\s*(\d{1,2})(?:st|nd|rd|th)?(?:(,?\s+(?:1[6-9]|20)\d\d)\b|(?=\s*(?:[,.;:)]|$)|\s+(?:in|at|on)\b))/;

/** "April 24 and 25": the second day of the list is a date of its own, in the same month (and year). */
function listedDays(text: string, sentences: readonly Span[], cands: Sentenced[]): Sentenced[] {
  const extra: Sentenced[] = [];
  for (const c of cands) {
    if (c.parser !== 'month-day-year' || !c.cal || c.cal.d === undefined || c.cal.wd !== undefined) continue;
    const s = sentences[c.sentence]!;
    const m = LISTED_DAY.exec(text.slice(c.end, Math.min(s.end, c.end + 24)));
    const d = m ? +m[1]! : 0;
    if (!m || d < 1 || d > 31 || d === c.cal.d) continue;
    const start = c.end + m[0].search(/\d/);
    const cal: Cal = { m: c.cal.m, d };
    if (c.cal.y !== undefined) cal.y = c.cal.y;
    extra.push({ ...c, start, end: c.end + m[0].length, cal, parser: 'listed-day' });
  }
  return extra.length ? [...cands, ...extra] : cands;
}

/** Keeps the longest of overlapping candidates (ties: the earlier parser). */
function removeOverlaps(cands: Sentenced[]): Sentenced[] {
  const sorted = [...cands].sort((a, b) => (b.end - b.start) - (a.end - a.start) || a.rank - b.rank || a.start - b.start);
  const kept: Sentenced[] = [];
  for (const c of sorted) if (!kept.some((k) => k.start < c.end && c.start < k.end)) kept.push(c);
  return kept.sort((a, b) => a.start - b.start);
}

/** Extends a candidate over the modifier words before it ("about two years", "mid-December"). */
function absorbModifiers(text: string, cands: Sentenced[], sentences: readonly Span[]): void {
  for (let i = 0; i < cands.length; i++) {
    const c = cands[i]!;
    const s = sentences[c.sentence]!;
    const floor = Math.max(s.start, i > 0 ? cands[i - 1]!.end : 0);
    // The modifiers are short: look only at the few words before (the regexes anchor at the end).
    const before = text.slice(Math.max(floor, c.start - 24), c.start);
    const own = text.slice(c.start, c.end);
    const quantity = c.type === 'DURATION' || c.parser === 'ago' || c.parser === 'earlier-later';
    const m = quantity && !/^the\b/i.test(own) ? QUANTITY_MOD.exec(before) : !quantity ? POINT_MOD.exec(before) : null;
    if (!m) continue;
    const word = (m[1] ?? m[2])!.toLowerCase();
    // "later" and "earlier" only modify "this/that …" ("later this year"), not a bare date.
    if ((word === 'later' || word === 'earlier') && !/^(this|that|in|next|last)\b/i.test(own)) continue;
    if ((word === 'early' || word === 'late') && c.type === 'DURATION') continue;
    c.start = c.start - m[0].length + m[0].search(/\p{L}/u);
    if (!c.mod) c.mod = MODS[word];
  }
}

/** Merges "Thursday evening, December 30", "5 p.m. EST, Nov. 6", "noon Thursday" into one point. */
function mergeAdjacent(text: string, cands: Sentenced[]): Sentenced[] {
  const out: Sentenced[] = [];
  for (const c of cands) {
    const prev = out[out.length - 1];
    // "January nineteen ninety-seven": a month and the year after it.
    if (prev && prev.cal && c.cal && prev.sentence === c.sentence && prev.cal.m !== undefined && prev.cal.y === undefined && prev.cal.d === undefined
      && prev.cal.wd === undefined && c.cal.y !== undefined && c.cal.m === undefined && /^,?\s+$/.test(text.slice(prev.end, c.start))) {
      out[out.length - 1] = { ...prev, end: c.end, cal: { y: c.cal.y, m: prev.cal.m }, anchors: true, parser: `${prev.parser}+${c.parser}` };
      continue;
    }
    // "the day before last Tuesday's hearing": a day counted from the date that follows.
    const dayShift = prev && prev.parser === 'anchored' ? /\bday\s+(before|after)$/i.exec(text.slice(prev.start, prev.end)) : null;
    if (prev && dayShift && prev.sentence === c.sentence && (c.type === 'DATE' || c.type === 'TIME') && /^\s+$/.test(text.slice(prev.end, c.start))) {
      const n = dayShift[1]!.toLowerCase() === 'before' ? -1 : 1;
      const { cal: _cal, value: _value, ...rest } = prev;
      out[out.length - 1] = {
        ...rest, end: c.end, type: 'DATE', parser: `${prev.parser}+${c.parser}`,
        resolve: (env) => {
          const day = parseYmd(resolveCandidate(c, env)?.value ?? '');
          return day ? { value: formatYmd(addDays(day, n)) } : null;
        },
      };
      continue;
    }
    if (prev && prev.cal && c.cal && prev.sentence === c.sentence && /^(?:,?\s+(?:at|on)?\s*|,\s*)$/.test(text.slice(prev.end, c.start)) && compatible(prev.cal, c.cal)) {
      const cal: Cal = { ...prev.cal, ...c.cal };
      const explicitDay = cal.m !== undefined && cal.d !== undefined;
      if (explicitDay && cal.hh === undefined) delete cal.part; // the stated calendar date is what the reader needs
      if (explicitDay) delete cal.dayOffset;
      const type = cal.hh !== undefined || (cal.part !== undefined && !explicitDay) ? 'TIME' : 'DATE';
      out[out.length - 1] = { ...prev, end: c.end, cal, type, anchors: prev.anchors || c.anchors, parser: `${prev.parser}+${c.parser}` };
      continue;
    }
    out.push(c);
  }
  return out;
}

function compatible(a: Cal, b: Cal): boolean {
  // A bare month only takes a year ("January nineteen ninety-seven"), handled before.
  if ((a.m !== undefined && a.d === undefined && a.y === undefined) || (b.m !== undefined && b.d === undefined && b.y === undefined)) return false;
  const dayA = a.m !== undefined || a.wd !== undefined || a.dayOffset !== undefined;
  const dayB = b.m !== undefined || b.wd !== undefined || b.dayOffset !== undefined;
  const timeA = a.hh !== undefined || a.part !== undefined;
  const timeB = b.hh !== undefined || b.part !== undefined;
  if (a.y !== undefined && a.m === undefined) return false;
  if (b.y !== undefined && b.m === undefined) return false;
  if (dayA && dayB) return (a.m === undefined) !== (b.m === undefined) && a.dayOffset === undefined && b.dayOffset === undefined;
  return (dayA && timeB && !timeA) || (timeA && dayB && !timeB);
}

/**
 * Reads the ambiguous numeric dates (3/12/2021) in the order the document's unambiguous ones use
 * (a day above 12 shows it: 25/12/2021 or 12/25/2021), else in the order of its region.
 */
function settleNumericOrder(cands: Candidate[], dayFirst: boolean): void {
  let dmy = 0, mdy = 0, either = 0;
  for (const c of cands) {
    if (c.numericOrder === 'dmy') dmy++;
    else if (c.numericOrder === 'mdy') mdy++;
    else if (c.numericOrder === 'either') either++;
  }
  if (!either || !(dmy > mdy || (dmy === mdy && dayFirst))) return;
  for (const c of cands) {
    if (c.numericOrder !== 'either' || !c.cal) continue;
    c.cal = { ...c.cal, m: c.cal.d, d: c.cal.m };
    c.numericOrder = 'dmy';
  }
}

/** A month and day with a weekday and no year: the year (near ref) where they agree. */
function yearFromWeekday(cal: Cal, ref: Ymd | null): number | undefined {
  if (cal.wd === undefined || cal.m === undefined || cal.d === undefined || cal.y !== undefined) return undefined;
  const around = ref?.y;
  if (around === undefined) return undefined;
  for (const dy of [0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6]) {
    const y = around + dy;
    if (isValidYmd(y, cal.m, cal.d) && isoWeekday({ y, m: cal.m, d: cal.d }) === cal.wd) return y;
  }
  return undefined;
}

/** The value of a candidate: stated, a calendar point, or its own resolver. */
function resolveCandidate(c: Candidate, env: Env): Resolved | null {
  if (c.value !== undefined) return { value: c.value };
  if (c.cal) {
    const y = yearFromWeekday(c.cal, env.ref);
    return resolveCal(y !== undefined ? { ...c.cal, y } : c.cal, env);
  }
  return c.resolve ? c.resolve(env) : null;
}

function updateFocus(focus: Focus, r: Resolved, c: Candidate): Focus {
  const v = r.value;
  if (!c.anchors) return focus;
  const q = /^(\d{4})-Q(\d)$/.exec(v);
  if (q) return { y: +q[1]!, q: +q[2]! };
  const day = parseYmd(v);
  if (day) return { day, y: day.y, m: day.m };
  const ym = /^(\d{4})-(\d\d)$/.exec(v);
  if (ym) return { y: +ym[1]!, m: +ym[2]! };
  const y = /^(\d{4})$/.exec(v);
  if (y) return { y: +y[1]! };
  return focus;
}

export function extractTimes(text: string, sentences: readonly Span[], options: ExtractOptions = {}): Time[] {
  const ref = options.reference ? parseYmd(options.reference) : null;
  let cands = removeOverlaps(listedDays(text, sentences, findCandidates(text, sentences)));
  absorbModifiers(text, cands, sentences);
  cands = mergeAdjacent(text, cands);
  settleNumericOrder(cands, options.dayFirst ?? false);
  const cueCache = new Map<number, TenseCue[]>();
  const quoteCache = new Map<number, number[]>();
  let focus: Focus = {};
  const out: Time[] = [];
  for (const c of cands) {
    const s = sentences[c.sentence]!;
    // The tense is read only when a resolver asks for it (most expressions do not need it).
    let tense: Env['tense'] | undefined;
    // "the fiscal year ended Jan. 31": a period that has ended, so its closing date is not ahead.
    const ended = ENDED_BEFORE.test(text.slice(Math.max(s.start, c.start - 12), c.start));
    if (ended) tense = 'past';
    const env: Env = {
      ref,
      focus,
      ...(ended ? { pastCertain: true } : {}),
      get tense() {
        if (tense === undefined) {
          let cues = cueCache.get(c.sentence);
          if (!cues) {
            cues = (options.tags ? tagCues(text, s.start, s.end, options.tags) : null) ?? tenseCues(text.slice(s.start, s.end));
            cueCache.set(c.sentence, cues);
          }
          let quotes = quoteCache.get(c.sentence);
          if (!quotes) quoteCache.set(c.sentence, quotes = quoteMarks(text.slice(s.start, s.end)));
          tense = tenseNear(cues, c.start - s.start, c.end - s.start, quotes);
        }
        return tense;
      },
    };
    const r = resolveCandidate(c, env);
    if (!r) continue;
    // "the quarter ended Sept. 30": the date closes the quarter in focus, which stays the anchor.
    if (focus.q === undefined || !PERIOD_END_BEFORE.test(text.slice(Math.max(s.start, c.start - 40), c.start))) focus = updateFocus(focus, r, c);
    const mod = r.mod ?? c.mod;
    out.push({ start: c.start, end: c.end, type: r.type ?? c.type, value: r.value, ...(mod ? { mod } : {}) });
  }
  // Pushed one by one (not map, whose result is holey or packed by circumstance): stages that read
  // the times then see one array kind.
  const times: Time[] = [];
  for (let i = 0; i < out.length; i++) times.push({ id: `t${i + 1}`, ...out[i]! });
  return times;
}
