/**
 * The ordered list of temporal-expression parsers, chrono-style: each is a pattern plus an
 * extract function that turns one match into a candidate (or rejects it). Order breaks ties.
 */
import { addDays, easterSunday, formatWeek, formatYm, formatYmd, isoWeekday, nthWeekday } from './calendar.js';
import type { Ymd } from './calendar.js';
import type { Candidate, Cal, Env, Focus, Resolved, TimexType } from './candidate.js';
import { chooseYear, resolveCal, shiftFormat, weekdayFrom } from './resolve.js';
import { parseNumber, unitCode, vocab } from './vocabulary.js';
import type { Vocabulary } from './vocabulary.js';

export interface ParseContext {
  /** The stretch of text the regexes run on (a sentence). */
  text: string;
  v: Vocabulary;
}

type Draft = Omit<Candidate, 'start' | 'end' | 'parser' | 'rank'> & { start?: number; end?: number };

export interface Parser {
  name: string;
  /** Cheap gate: the sentence must contain one of these words for the pattern to run ('#4' a four-digit number, '#2' a one- or two-digit one; '@month', '@weekday', '@weekdays', '@unit', '@season', '@holiday' expand from the lexicon; words with a capital must be written so). */
  needs: readonly string[];
  /** Regex source with placeholders {M} {MF} {WD} {NUM} {ORD} {UNIT} {SEASON} {PART} {HOL}. */
  pattern: string;
  extract(m: RegExpExecArray, ctx: ParseContext): Draft | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const YEAR = String.raw`(?:1[6-9]|20)\d\d`;
const SEASON_INDEX: Record<string, number> = { SP: 1, SU: 2, FA: 3, WI: 4 };
const seasonOf = (m: number) => (m >= 3 && m <= 5 ? 1 : m >= 6 && m <= 8 ? 2 : m >= 9 && m <= 11 ? 3 : 4);
const SEASON_CODES = ['', 'SP', 'SU', 'FA', 'WI'];

const LIST_YEAR = new RegExp(String.raw`^\s*(?:and|or|&)\s*\d{1,2}(?:st|nd|rd|th)?,?\s+(${YEAR})\b`);

/** A year of the 1900s in words ("nineteen ninety-four"), as transcripts write it. */
const SPOKEN_19XX = String.raw`nineteen[- ](?:ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?`;
const spokenYear = (s: string, v: Vocabulary) => 1900 + s.toLowerCase().split(/[- ]/).slice(1).reduce((t, w) => t + (v.lex.numbers[w] ?? 0), 0);

/** Words before a bare month or year that make it a date ("in May", "since 2014"). */
const TEMPORAL_BEFORE = /(?:\b(?:in|since|until|till|by|from|to|during|of|before|after|through|throughout|early|late|mid|end|beginning|middle|start|and|or|between|last|next|this|each|every|around|for|on|that|the|as|past|fiscal|year|summer|spring|winter|fall|autumn|than|around)\s+|\bmid-\s*|[,(]\s*)$/i;

/** Words after a four-digit number that make it a count, not a year ("1990 people"). */
const YEAR_NOT_BEFORE = /^\s+(?:people|persons|troops|soldiers|men|women|children|students|workers|employees|jobs|units|tons|tonnes|barrels|shares|votes|cars|vehicles|homes|houses|acres|hectares|miles|km|kilometers|kilometres|meters|metres|feet|ft|pounds|kilograms|kg|dollars|euros|yen|points|cases|deaths|members|copies|seats|rooms|beds|calories|degrees|m|cm|mm|mph|hp|rpm|percent|per\s?cent|years?|months?|days?|hours?|minutes?)\b/i;

/** The few words before a match: enough for the end-anchored context checks, and cheap to scan. */
const before40 = (ctx: ParseContext, index: number) => ctx.text.slice(Math.max(0, index - 40), index);

const month = (ctx: ParseContext, s: string) => ctx.v.monthIndex.get(s.toLowerCase().replace(/\.$/, ''));
const weekday = (ctx: ParseContext, s: string) => ctx.v.weekdayIndex.get(s.toLowerCase());
const dayNumber = (ctx: ParseContext, s: string) => (/^\d+$/.test(s) ? Number(s) : ctx.v.lex.ordinals[s.toLowerCase()] ?? NaN);
const isUpper = (s: string) => /^\p{Lu}/u.test(s);

function refOr<T>(env: Env, f: (ref: Ymd) => T): T | null {
  return env.ref ? f(env.ref) : null;
}
const quarterOf = (t: Ymd) => Math.floor((t.m - 1) / 3) + 1;
const prevQuarter = (t: Ymd) => (quarterOf(t) === 1 ? { y: t.y - 1, q: 4 } : { y: t.y, q: quarterOf(t) - 1 });

/** Duration value from a number and a unit code ("P3Y", "PT50M", "P2Y6M"). */
export function durationValue(n: number, unit: string): string {
  const vague = Number.isNaN(n);
  if (unit === 'DE') return vague ? 'PXE' : `P${n * 10}Y`;
  if (unit === 'CE') return vague ? 'PXC' : `P${n * 100}Y`;
  if (unit === 'ML') return vague ? 'PXL' : `P${n}L`;
  if (unit === '2W') return vague ? 'PXW' : `P${2 * n}W`;
  const time = unit === 'H' || unit === 'MIN' || unit === 'S';
  const letter = unit === 'MIN' ? 'M' : unit;
  const prefix = time ? 'PT' : 'P';
  if (vague) return `${prefix}X${letter}`;
  const whole = Math.floor(n);
  const frac = n - whole;
  if (frac > 0) {
    const sub: Record<string, [number, string]> = { Y: [12, 'M'], M: [30, 'D'], W: [7, 'D'], D: [24, 'H'], H: [60, 'M'], MIN: [60, 'S'] };
    const s = sub[unit];
    if (s) {
      const part = Math.round(frac * s[0]);
      const subPrefix = unit === 'D' ? 'T' : '';
      return `${prefix}${whole ? `${whole}${letter}` : ''}${subPrefix}${part}${s[1]}`;
    }
  }
  return `${prefix}${whole}${letter}`;
}

function quarterResolve(words: string, q: number, half: boolean, explicitYear?: number): (env: Env) => Resolved | null {
  return (env) => {
    let y = explicitYear;
    const w = words.toLowerCase();
    if (y === undefined) {
      const base = env.focus.y ?? env.ref?.y;
      if (base === undefined) return { value: `XXXX-${half ? 'H' : 'Q'}${q}` };
      if (/last year|year-earlier|year-ago|year earlier|year ago|previous year|prior year/.test(w)) y = (env.ref?.y ?? base) - 1;
      else if (/next year/.test(w)) y = (env.ref?.y ?? base) + 1;
      else if (env.ref) {
        y = env.ref.y;
        const refQ = half ? (env.ref.m <= 6 ? 1 : 2) : quarterOf(env.ref);
        if (q > refQ && env.tense !== 'future') y -= 1;
      } else y = base;
    }
    return { value: `${y}-${half ? 'H' : 'Q'}${q}` };
  };
}

function seasonYear(ref: Ymd, code: string, which: string, tense: Env['tense']): number {
  const cur = seasonOf(ref.m);
  const idx = SEASON_INDEX[code]!;
  // Winter straddles the year: December counts with the next year's January and February.
  const baseYear = code === 'WI' && ref.m === 12 ? ref.y + 1 : ref.y;
  // In January and February the other seasons of this calendar year are all ahead, last year's behind.
  if (code !== 'WI' && ref.m <= 2) {
    if (which === 'last' || which === 'past' || which === 'this past' || (!which && tense === 'past')) return ref.y - 1;
    return ref.y;
  }
  if (which === 'last' || which === 'past' || which === 'this past') return idx < cur ? baseYear : baseYear - 1;
  if (which === 'next' || which === 'this coming' || which === 'coming') return idx > cur ? baseYear : baseYear + 1;
  if (which === 'this') return baseYear;
  if (tense === 'past') return idx <= cur ? baseYear : baseYear - 1;
  if (tense === 'future') return idx >= cur ? baseYear : baseYear + 1;
  return baseYear;
}

/** Resolver for "that evening", "the next day", "the following year": relative to the focus date. */
function anchored(unit: string, n: number, part?: string): (env: Env) => Resolved | null {
  return (env) => {
    const day = env.focus.day ?? env.ref;
    if (!day) return null;
    if (part) return { value: `${formatYmd(addDays(day, n))}T${part}`, type: 'TIME' };
    if (unit === 'Y' && env.focus.y !== undefined && !env.focus.day) return { value: String(env.focus.y + n) };
    return { value: shiftFormat(day, unit, n) };
  };
}

/** The end of a date followed by the comma of an apposition ("Oct. 12, ", "on Tuesday, "). */
const APPOSED_DATE = /(?:\b\d{1,2}(?:st|nd|rd|th)?|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day),\s*$/;

const PARTS: Record<string, string> = { morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI', overnight: 'NI' };

export const PARSERS: readonly Parser[] = [
  {
    name: 'iso-date',
    needs: ['#4'],
    pattern: String.raw`\b(${YEAR})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d))?\b`,
    extract: (m) => {
      const cal: Cal = { y: +m[1]!, m: +m[2]!, d: +m[3]! };
      if (m[4]) Object.assign(cal, { hh: +m[4], mi: +m[5]! });
      return { type: m[4] ? 'TIME' : 'DATE', cal, anchors: true };
    },
  },
  {
    name: 'slash-date',
    needs: ['#2'],
    pattern: String.raw`\b(\d{1,2})/(\d{1,2})/(\d{4}|\d\d)\b(?!/)`,
    extract: (m) => {
      const a = +m[1]!, b = +m[2]!;
      let y = +m[3]!;
      if (m[3]!.length === 2) y += y > 40 ? 1900 : 2000;
      if (a < 1 || b < 1 || (a > 12 && b > 12) || a > 31 || b > 31) return null;
      // A number above 12 settles the order; otherwise the document's other dates or its region do (extractTimes).
      if (a > 12) return { type: 'DATE', cal: { y, m: b, d: a }, anchors: true, numericOrder: 'dmy' };
      if (b > 12) return { type: 'DATE', cal: { y, m: a, d: b }, anchors: true, numericOrder: 'mdy' };
      return { type: 'DATE', cal: { y, m: a, d: b }, anchors: true, numericOrder: a === b ? undefined : 'either' };
    },
  },
  {
    name: 'dotted-date',
    needs: ['#4'],
    pattern: String.raw`\b(\d{1,2})\.\s?(\d{1,2})\.\s?(${YEAR})\b`,
    extract: (m) => (+m[2]! > 12 || +m[1]! > 31 ? null : { type: 'DATE', cal: { y: +m[3]!, m: +m[2]!, d: +m[1]! }, anchors: true }),
  },
  {
    name: 'month-day-year',
    needs: ['@month'],
    pattern: String.raw`\b(?:({WD})(?:\s+({PART}))?,?\s+)?(?:the\s+)?({M})\s+(\d{1,2}|{ORD})(?:st|nd|rd|th)?(?![\d,.]\d)\b(?:,?\s+(${YEAR})(?!\d))?`,
    extract: (m, ctx) => {
      const mo = month(ctx, m[3]!);
      const d = dayNumber(ctx, m[4]!);
      if (!mo || !(d >= 1 && d <= 31)) return null;
      if (!m[1] && !m[5] && /^may$/i.test(m[3]!) && !/^\d/.test(m[4]!)) return null;
      if (!isUpper(m[3]!)) return null;
      const cal: Cal = { m: mo, d };
      // "April 24 and 25, 1998": the year after the list is this day's too.
      const year = m[5] ?? LIST_YEAR.exec(ctx.text.slice(m.index + m[0].length))?.[1];
      if (year) cal.y = +year;
      if (m[1]) cal.wd = weekday(ctx, m[1]);
      return { type: 'DATE', cal, anchors: true };
    },
  },
  {
    name: 'day-month-year',
    needs: ['@month'],
    pattern: String.raw`\b(?:({WD}),?\s+)?(?:the\s+)?(\d{1,2}|{ORD})(?:st|nd|rd|th)?\s+(?:of\s+)?({M})\b(?:,?\s+(${YEAR})(?!\d))?`,
    extract: (m, ctx) => {
      const mo = month(ctx, m[3]!);
      const d = dayNumber(ctx, m[2]!);
      if (!mo || !(d >= 1 && d <= 31) || !isUpper(m[3]!)) return null;
      if (!m[4] && /^(may|march)$/i.test(m[3]!) && !m[1]) {
        // "2 May" is a date; "the first March" is not.
        if (!/^\d/.test(m[2]!)) return null;
      }
      const cal: Cal = { m: mo, d };
      if (m[4]) cal.y = +m[4];
      if (m[1]) cal.wd = weekday(ctx, m[1]);
      return { type: 'DATE', cal, anchors: true };
    },
  },
  {
    name: 'month-year',
    needs: ['@month'],
    pattern: String.raw`\b({M})(?:,|\s+of)?\s+(${YEAR})(?!\d)\b`,
    extract: (m, ctx) => {
      const mo = month(ctx, m[1]!);
      if (!mo || !isUpper(m[1]!)) return null;
      return { type: 'DATE', cal: { y: +m[2]!, m: mo }, anchors: true };
    },
  },
  {
    name: 'month-relative-year',
    needs: ['@month'],
    pattern: String.raw`\b({M})\s+(this|last|next)\s+year\b`,
    extract: (m, ctx) => {
      const mo = month(ctx, m[1]!);
      if (!mo || !isUpper(m[1]!)) return null;
      const shift = { this: 0, last: -1, next: 1 }[m[2]!.toLowerCase() as 'this']!;
      return { type: 'DATE', resolve: (env) => refOr(env, (r) => ({ value: formatYm(r.y + shift, mo) })), anchors: true };
    },
  },
  {
    name: 'season-year',
    needs: ['@season'],
    pattern: String.raw`\b(?:the\s+)?({SEASON})\s+(?:of\s+)?(${YEAR}|${SPOKEN_19XX})\b`,
    extract: (m, ctx) => ({ type: 'DATE', value: `${/^\d/.test(m[2]!) ? m[2] : spokenYear(m[2]!, ctx.v)}-${ctx.v.lex.seasons[m[1]!.toLowerCase()]}` }),
  },
  {
    name: 'quarter',
    needs: ['quarter', 'quarters', 'half'],
    pattern: String.raw`\b(?:(?:the|its|a|their|his|her)\s+)?((?:(?:(?:this|last|next) year['’]s|year-earlier|year-ago|comparable|corresponding|same|current|latest|fiscal|flat|calendar|${YEAR})[- ]){0,3})(first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?(quarter|half)(?:\s+of\s+(?:fiscal\s+)?(${YEAR}|this year|last year|next year))?\b`,
    extract: (m) => {
      const q = { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 }[m[2]!.toLowerCase()]!;
      const half = m[3]!.toLowerCase() === 'half';
      if (half && q > 2) return null;
      const yearWord = m[4] ?? '';
      const explicit = /^\d/.test(yearWord) ? +yearWord : (/^(?:.*\D)?(\d{4})\D*$/.exec(m[1]!)?.[1] ? +/(\d{4})/.exec(m[1]!)![1]! : undefined);
      return { type: 'DATE', resolve: quarterResolve(`${m[1]} ${yearWord}`, q, half, explicit), anchors: true };
    },
  },
  {
    // "the quarter a year ago", "the corresponding period last year": the quarter in focus, a year back.
    name: 'quarter-year-back',
    needs: ['quarter', 'period'],
    pattern: String.raw`\b(?:the|that)\s+(?:(?:same|corresponding|comparable|year-ago|year-earlier)\s+)?(?:quarter|period)\s+(?:a\s+year\s+(?:ago|earlier|before)|last\s+year|(?:of\s+)?the\s+(?:previous|prior)\s+year)\b`,
    extract: () => ({
      type: 'DATE',
      resolve: (env) => {
        const base = env.focus.q !== undefined ? { y: env.focus.y!, q: env.focus.q } : env.ref ? prevQuarter(env.ref) : null;
        return base ? { value: `${base.y - 1}-Q${base.q}` } : null;
      },
    }),
  },
  {
    name: 'quarter-in-focus',
    needs: ['quarter', 'period'],
    pattern: String.raw`\b(?:(the|its|that|this|last|next|a)\s+)((?:(?:current|latest|past|previous|prior|same|year-ago|year-earlier|comparable|corresponding|recent|just-ended|fiscal|${YEAR})[- ]){0,3})(quarter|period)\b(?!-)`,
    extract: (m) => {
      const det = m[1]!.toLowerCase();
      const mods = m[2]!.toLowerCase();
      const noun = m[3]!.toLowerCase();
      if (noun === 'period' && !/year-ago|year-earlier|latest|same|comparable|corresponding|\d{4}/.test(mods)) return null;
      if (noun === 'quarter' && det === 'a' && !mods) return null;
      return {
        type: 'DATE',
        resolve: (env) => {
          if (!env.ref && env.focus.q === undefined) return null;
          let base = env.focus.q !== undefined ? { y: env.focus.y!, q: env.focus.q } : prevQuarter(env.ref!);
          if (det === 'this' || /current/.test(mods)) base = env.ref ? { y: env.ref.y, q: quarterOf(env.ref) } : base;
          else if (det === 'last' || /previous|prior|past|latest|just-ended/.test(mods)) base = env.ref ? prevQuarter(env.ref) : base;
          else if (det === 'next') base = env.ref ? (quarterOf(env.ref) === 4 ? { y: env.ref.y + 1, q: 1 } : { y: env.ref.y, q: quarterOf(env.ref) + 1 }) : base;
          const year = /(\d{4})/.exec(mods);
          let y = base.y;
          if (year) y = +year[1]!;
          else if (/year-ago|year-earlier|comparable|corresponding/.test(mods)) y -= 1;
          return { value: `${y}-Q${base.q}` };
        },
        anchors: !/year-ago|year-earlier|comparable|corresponding/.test(mods),
      };
    },
  },
  {
    name: 'year-earlier',
    needs: ['year'],
    pattern: String.raw`\b(year-(?:earlier|ago))\b`,
    extract: () => ({
      type: 'DATE',
      resolve: (env) => (env.focus.q !== undefined ? { value: `${env.focus.y! - 1}-Q${env.focus.q}` } : refOr(env, (r) => ({ value: String(r.y - 1) }))),
    }),
  },
  {
    name: 'half-of-year',
    needs: ['half'],
    pattern: String.raw`\b(?:the\s+)?(first|second|last)\s+half\s+of\s+(?:the\s+)?(${YEAR}|year)\b`,
    extract: (m) => ({
      type: 'DATE',
      resolve: (env) => {
        const y = /^\d/.test(m[2]!) ? +m[2]! : env.ref?.y;
        return y === undefined ? null : { value: `${y}-H${m[1]!.toLowerCase() === 'first' ? 1 : 2}` };
      },
    }),
  },
  {
    // "the first two quarters of 1990", "the last six months of the year": a half of a named year.
    name: 'half-as-parts',
    needs: ['quarters', 'months'],
    pattern: String.raw`\b(?:the\s+)?(first|last|second)\s+(?:two\s+quarters|six\s+months)\s+of\s+(?:the\s+)?(${YEAR}|year)\b`,
    extract: (m) => ({
      type: 'DATE',
      resolve: (env) => {
        const y = /^\d/.test(m[2]!) ? +m[2]! : env.focus.y ?? env.ref?.y;
        return y === undefined ? null : { value: `${y}-H${m[1]!.toLowerCase() === 'first' ? 1 : 2}` };
      },
      anchors: true,
    }),
  },
  {
    name: 'decade',
    needs: ['#4', '#2', 'twenties', 'thirties', 'forties', 'fifties', 'sixties', 'seventies', 'eighties', 'nineties'],
    pattern: String.raw`\b(?:the\s+)?(?:(early|mid|late)[- ]?)?(?:(1[5-9]|20)(\d)0['’]?s|['’](\d)0['’]?s|(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b`,
    extract: (m) => {
      const words = ['twenties', 'thirties', 'forties', 'fifties', 'sixties', 'seventies', 'eighties', 'nineties'];
      const digit = m[3] ?? m[4] ?? (m[5] ? String(words.indexOf(m[5].toLowerCase()) + 2) : '');
      const century = m[2] ?? '19';
      const mod = m[1] ? { early: 'START', mid: 'MID', late: 'END' }[m[1].toLowerCase()] : undefined;
      return { type: 'DATE', value: `${century}${digit}`, ...(mod ? { mod } : {}) };
    },
  },
  {
    name: 'century',
    needs: ['century'],
    pattern: String.raw`\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\s+century\b`,
    extract: (m) => ({ type: 'DATE', value: pad(+m[1]! - 1) }),
  },
  {
    name: 'spoken-year',
    needs: ['nineteen', 'thousand'],
    pattern: String.raw`\b(?:the\s+year\s+)?(?:nineteen[- ](ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](one|two|three|four|five|six|seven|eight|nine))?|two\s+thousand(?:\s+and\s+(one|two|three|four|five|six|seven|eight|nine|ten))?)\b`,
    extract: (m, ctx) => {
      if (m[0].toLowerCase().startsWith('two') && !/^the year/i.test(m[0])) return null;
      const n = ctx.v.lex.numbers;
      const value = m[1] ? 1900 + n[m[1].toLowerCase()]! + (m[2] ? n[m[2].toLowerCase()]! : 0) : 2000 + (m[3] ? n[m[3].toLowerCase()]! : 0);
      return { type: 'DATE', cal: { y: value }, anchors: true };
    },
  },
  {
    name: 'year',
    needs: ['#4'],
    pattern: String.raw`\b(?:(fiscal(?: year)?|calendar(?: year)?|FY|model year)\s+)?(${YEAR})(?![\d%])\b`,
    extract: (m, ctx) => {
      const y = +m[2]!;
      const before = before40(ctx, m.index);
      const after = ctx.text.slice(m.index + m[0].length);
      if (/[$€£#]\s*$|\d[.,]$|(?<!\b(?:mid|pre|post))[-–/]$/i.test(before) || /^(?:[.,]\d|\s*(?:%|percent|per\s?cent))/i.test(after)) return null;
      if (/^-\d/.test(after)) return null;
      if (YEAR_NOT_BEFORE.test(after)) return null;
      // "post-1959 politics": the prefix belongs to the expression and says which side of the year.
      const side = /\b(pre|post)-$/i.exec(before);
      if (side && !m[1]) return { start: m.index - side[0].length, type: 'DATE', cal: { y }, mod: side[1]!.toLowerCase() === 'pre' ? 'BEFORE' : 'AFTER' };
      // "sold 1990 tractors": a count before a plural noun, unless a determiner makes it a year ("the 1990 elections").
      if (!m[1] && /^\s+\p{Ll}+s\b(?!['’])/u.test(after) && !TEMPORAL_BEFORE.test(before) && !/(?:\b(?:the|a|an|its|his|her|their|our|my|your|this|that)|['’]s)\s+$/i.test(before)) return null;
      if (!m[1] && /^\s+(?:\p{Lu}\p{Ll}+\s+)?(?:\d|[$€£])/u.test(after) && !TEMPORAL_BEFORE.test(before)) return null;
      return { type: 'DATE', cal: { y }, anchors: true };
    },
  },
  {
    name: 'month',
    needs: ['@month'],
    pattern: String.raw`\b(?:(this past|this coming|this|last|next)\s+)?({MF})\b(?!-)`,
    extract: (m, ctx) => {
      const name = m[2]!;
      if (!isUpper(name)) return null;
      const mo = month(ctx, name)!;
      const before = before40(ctx, m.index);
      const after = ctx.text.slice(m.index + m[0].length);
      const which = m[1]?.toLowerCase();
      if (!which) {
        const prepped = TEMPORAL_BEFORE.test(before);
        if (/^(may|march)$/i.test(name) && !prepped) return null;
        if (!prepped && (/^\s+\p{Lu}/u.test(after) || /\p{Lu}[\p{L}.]*\s+$/u.test(before))) return null;
      }
      // A bare month is a calendar point (resolved like any month without a year, and free to take a following year).
      if (!which) return { type: 'DATE', cal: { m: mo }, anchors: true };
      return {
        type: 'DATE',
        resolve: (env) => {
          if (!env.ref) return { value: `XXXX-${pad(mo)}` };
          const r = env.ref;
          let y: number;
          if (which === 'last' || which === 'this past') y = mo < r.m ? r.y : r.y - 1;
          else if (which === 'next' || which === 'this coming') y = mo > r.m ? r.y : r.y + 1;
          else if (which === 'this') y = r.y;
          else y = chooseYear(r, mo, undefined, env.tense);
          return { value: formatYm(y, mo) };
        },
        anchors: true,
      };
    },
  },
  {
    name: 'relative-unit',
    needs: ['week', 'month', 'year', 'weekend', 'decade', 'century', '@season', '@weekday'],
    pattern: String.raw`\b(this past|this coming|this|last|next|the past|the previous|the coming|the following|the current|the latest|the last|the next|the same)\s+(week|month|year|weekend|decade|century|{SEASON}|{WD})\b(?!-)`,
    extract: (m, ctx) => {
      const which = m[1]!.toLowerCase();
      const word = m[2]!.toLowerCase();
      const wd = weekday(ctx, word);
      if (!wd && isUpper(m[2]!)) return null; // "This Week", a programme's name
      const season = ctx.v.lex.seasons[word];
      if (word === 'century') {
        if (/this|current/.test(which)) return { type: 'DATE', resolve: (env) => refOr(env, (r) => ({ value: String(Math.floor(r.y / 100)).padStart(2, '0') })) };
        if (/past|last|previous/.test(which)) return { type: 'DURATION', value: 'P100Y' };
        return null;
      }
      if (word === 'decade') {
        if (/past|last|previous/.test(which)) return { type: 'DURATION', value: 'P10Y' };
        if (/this|current/.test(which)) return { type: 'DATE', resolve: (env) => refOr(env, (r) => ({ value: String(Math.floor(r.y / 10)) })) };
        return null;
      }
      const anchorsToFocus = /following|same|previous/.test(which);
      const dir = /last|past|previous/.test(which) ? -1 : /next|coming|following/.test(which) ? 1 : 0;
      if (/^the (next|last)$/.test(which) && !wd && word !== 'weekend') {
        // "for the last week": the seven days up to now, this week.
        if (word === 'week' && which === 'the last') return { type: 'DATE', resolve: (env) => refOr(env, (r) => ({ value: formatWeek(r) })) };
        // "over the next year", "in the last month": a span of time; "the next month, he left" names a month.
        if (/\b(?:over|for|in|within|during|throughout|across|through)\s+$/i.test(before40(ctx, m.index))) return { type: 'DURATION', value: durationValue(1, unitCode(word) ?? 'Y') };
      }
      return {
        type: 'DATE',
        resolve: (env) => {
          // "The next month, he left": in past narration the month after the one being told.
          const base = anchorsToFocus || (which === 'the next' && env.tense === 'past') ? env.focus.day ?? env.ref : env.ref;
          if (!base) return null;
          if (wd) {
            const refWd = isoWeekday(base);
            if (dir < 0) return { value: formatYmd(addDays(base, -((refWd - wd + 7) % 7 || 7))) };
            if (dir > 0) return { value: formatYmd(addDays(base, (wd - refWd + 7) % 7 || 7)) };
            return { value: formatYmd(weekdayFrom(base, wd, env.tense)) };
          }
          if (season) return { value: `${seasonYear(base, season, which.replace(/^the /, ''), env.tense)}-${season}` };
          if (word === 'weekend') {
            const shift = dir !== 0 ? dir : env.tense === 'past' && isoWeekday(base) < 6 ? -1 : 0;
            return { value: shiftFormat(base, 'WE', shift) };
          }
          return { value: shiftFormat(base, unitCode(word)!, dir) };
        },
      };
    },
  },
  {
    name: 'week-of',
    needs: ['week'],
    pattern: String.raw`\bthe\s+week\s+of\s+({M})\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(${YEAR}))?\b`,
    extract: (m, ctx) => {
      const mo = month(ctx, m[1]!);
      const d = +m[2]!;
      if (!mo || !isUpper(m[1]!) || d < 1 || d > 31) return null;
      return {
        type: 'DATE',
        resolve: (env) => {
          const y = m[3] ? +m[3] : env.ref ? chooseYear(env.ref, mo, d, env.tense) : undefined;
          return y === undefined ? null : { value: formatWeek({ y, m: mo, d }) };
        },
      };
    },
  },
  {
    name: 'the-weekend',
    needs: ['weekend'],
    pattern: String.raw`\b(?:the|this)\s+weekend\b`,
    extract: () => ({
      type: 'DATE',
      resolve: (env) => refOr(env, (r) => ({ value: shiftFormat(r, 'WE', env.tense === 'past' && isoWeekday(r) < 6 ? -1 : 0) })),
    }),
  },
  {
    name: 'season',
    needs: ['@season'],
    pattern: String.raw`\b(?:(the)\s+)?({SEASON})\b`,
    extract: (m, ctx) => {
      const before = before40(ctx, m.index);
      if (!m[1] && !/\b(?:in|during|through|until|since|by|early|late|mid|this|last|next)\s+$/i.test(before)) return null;
      if (m[1] && /^\s*(?:of|season)\b/i.test(ctx.text.slice(m.index + m[0].length))) return null;
      const code = ctx.v.lex.seasons[m[2]!.toLowerCase()]!;
      return { type: 'DATE', resolve: (env) => refOr(env, (r) => ({ value: `${seasonYear(r, code, '', env.tense)}-${code}` })) };
    },
  },
  {
    name: 'holiday',
    needs: ['@holiday'],
    pattern: String.raw`\b(?:(last|next|this)\s+)?({HOL})\b(\s+week\b)?(?:,?\s+(${YEAR})\b)?`,
    extract: (m, ctx) => {
      if (!isUpper(m[2]!)) return null;
      const rule = ctx.v.lex.holidays[m[2]!.toLowerCase().replace(/’/g, "'")];
      if (!rule) return null;
      const which = m[1]?.toLowerCase();
      const week = Boolean(m[3]);
      const dayIn = (y: number): Ymd => {
        const fixed = /^(\d\d)-(\d\d)$/.exec(rule);
        if (fixed) return { y, m: +fixed[1]!, d: +fixed[2]! };
        // Easter and the feasts counted from it ("E-2" is Good Friday).
        const easter = /^E([+-]\d+)?$/.exec(rule);
        if (easter) return addDays(easterSunday(y), +(easter[1] ?? 0));
        // The n-th weekday of a month, maybe shifted ("11:1:1+1": the Tuesday after the first Monday of November).
        const [, mm, wd, n, shift] = /^(\d\d):([1-7]):(-?\d)([+-]\d+)?$/.exec(rule)!;
        return addDays(nthWeekday(y, +mm!, +wd!, +n!), +(shift ?? 0));
      };
      if (m[4]) return { type: 'DATE', value: week ? formatWeek(dayIn(+m[4])) : formatYmd(dayIn(+m[4])), anchors: true };
      return {
        type: 'DATE',
        resolve: (env) => refOr(env, (r) => {
          const opts = [r.y - 1, r.y, r.y + 1].map(dayIn);
          // A holiday's week has begun once its Monday has come.
          const key = (t: Ymd) => { const s = week ? addDays(t, 1 - isoWeekday(t)) : t; return s.y * 400 + s.m * 32 + s.d; };
          const rk = r.y * 400 + r.m * 32 + r.d;
          let pick: Ymd;
          if (which === 'last' || (!which && env.tense === 'past')) pick = opts.filter((t) => key(t) <= rk).pop()!;
          else if (which === 'next' || (!which && env.tense === 'future')) pick = opts.find((t) => key(t) >= rk)!;
          else pick = dayIn(r.y);
          return { value: week ? formatWeek(pick) : formatYmd(pick) };
        }),
        anchors: true,
      };
    },
  },
  {
    name: 'named-day',
    needs: ['today', 'yesterday', 'tomorrow', 'tonight', 'now', 'nowadays', 'days', 'currently', 'recently', 'lately', 'future', 'term', 'past', 'possible', 'present', 'date'],
    pattern: String.raw`\b(the day before yesterday|the day after tomorrow|a (?:later|future) date|today|yesterday|tomorrow|tonight|right now|nowadays|these days|currently|now|recently|lately|(?:in\s+)?the (?:near |distant )?future|the (?:near|short|long) term|the past|as soon as possible|at present)\b`,
    extract: (m, ctx) => {
      const w = m[1]!.toLowerCase().replace(/^in\s+/, '');
      const start = m.index + m[0].length - w.length;
      const before = before40(ctx, m.index);
      const after = ctx.text.slice(m.index + m[0].length);
      if (w === 'once again') return null;
      if (w === 'soon' && /\bas\s+$/i.test(before)) return null;
      if (w === 'now' && /^-/.test(after)) return null;
      if (w.endsWith(' date') && /^\s+than\b/i.test(after)) return null; // "a later date than its rivals": a comparison
      if (w === 'the past' && /^\s+(?:\d|few|several|two|three|four|five|six|seven|eight|nine|ten|year|month|week|day|decade|quarter)/i.test(after)) return null;
      const offsets: Record<string, number> = { today: 0, yesterday: -1, tomorrow: 1, 'the day before yesterday': -2, 'the day after tomorrow': 2 };
      if (w in offsets) return { start, type: 'DATE', cal: { dayOffset: offsets[w]! }, anchors: true };
      if (w === 'tonight') return { start, type: 'TIME', cal: { dayOffset: 0, part: 'NI' } };
      const ref = /future|term|soon|as soon|later date/.test(w) ? 'FUTURE_REF' : /recent|lately|previous|formerly|past/.test(w) ? 'PAST_REF' : 'PRESENT_REF';
      return { start, type: 'DATE', value: ref };
    },
  },
  {
    name: 'ref-adjective',
    needs: ['current'],
    pattern: String.raw`\b(current)\s+([a-z][a-z-]*)`,
    extract: (m) => {
      const noun = m[2]!.toLowerCase();
      // Only when it dates the noun: "current account", "future tense" are terms, not times.
      if (/^(?:account|accounts|affairs|events|tense|generations?|and|or|of|to|in|at|is|was|are|were)$/.test(noun)) return null;
      if (/^(?:years|months|weeks|days|decades|quarters|hours|minutes)$/.test(noun)) return null;
      const w = m[1]!.toLowerCase();
      return { end: m.index + w.length, type: 'DATE', value: w === 'current' ? 'PRESENT_REF' : w === 'recent' ? 'PAST_REF' : 'FUTURE_REF' };
    },
  },
  {
    name: 'ago',
    needs: ['ago'],
    pattern: String.raw`\b(?:({NUM}|a few|few|several|some|many|a number of)\s+)?(more\s+)?({UNIT})\s+(?:or so\s+)?ago\b`,
    extract: (m, ctx) => {
      const unit = unitCode(m[3]!, ctx.v);
      if (!unit) return null;
      const n = m[1] ? parseNumber(m[1], ctx.v) : NaN;
      if (Number.isNaN(n) || n % 1 !== 0) return { type: 'DATE', value: 'PAST_REF' };
      return {
        type: 'DATE',
        resolve: (env) => refOr(env, (r) => {
          if (unit === 'H' || unit === 'MIN') return { value: formatYmd(r) };
          // In a report about a quarter, "a year ago" is that quarter a year before.
          if (unit === 'Y' && env.focus.q !== undefined) return { value: `${r.y - n}-Q${env.focus.q}` };
          return { value: shiftFormat(r, unit, -n) };
        }),
      };
    },
  },
  {
    name: 'earlier-later',
    needs: ['earlier', 'later', 'before', 'after'],
    pattern: String.raw`\b({NUM})\s+({UNIT})\s+(earlier|later|before|after)\b`,
    extract: (m, ctx) => {
      const unit = unitCode(m[2]!, ctx.v);
      const n = parseNumber(m[1]!, ctx.v);
      const rel = m[3]!.toLowerCase();
      if (!unit || Number.isNaN(n) || n % 1 !== 0) return null;
      const after = ctx.text.slice(m.index + m[0].length);
      // "two weeks after the demands": a duration before an anchor, not a date of its own.
      if ((rel === 'before' || rel === 'after') && !/^\s*(?:[.,;:)]|$)/.test(after)) return { end: m.index + m[1]!.length + 1 + m[2]!.length, type: 'DURATION', value: durationValue(n, unit) };
      if (rel === 'later' && /^\s+than\b/i.test(after)) return null;
      const sign = rel === 'earlier' || rel === 'before' ? -1 : 1;
      return {
        type: 'DATE',
        resolve: (env) => {
          if (unit === 'Y' && env.focus.q !== undefined) return { value: `${env.focus.y! + sign * n}-Q${env.focus.q}` };
          const day = env.focus.day ?? env.ref;
          if (!day) return null;
          if (unit === 'Y' && !env.focus.day && env.focus.y !== undefined) return { value: String(env.focus.y + sign * n) };
          return { value: shiftFormat(day, unit, sign * n) };
        },
      };
    },
  },
  {
    name: 'anchored',
    needs: ['day', 'week', 'month', 'year', 'morning', 'afternoon', 'evening', 'night', 'weekend'],
    pattern: String.raw`\b(?:(?:(later|earlier)\s+)?that\s+(day|week|month|year|morning|afternoon|evening|night|weekend)|the\s+(same|following|next|previous|preceding|prior)\s+(day|morning|afternoon|evening|night)|the\s+(following|previous|preceding|prior|same)\s+(week|month|year)|the\s+day\s+(before|after)|(earlier|later)\s+in\s+the\s+(day|week|month|year))\b`,
    extract: (m, ctx) => {
      const g = m.slice(1).map((s) => s?.toLowerCase());
      const noun = (g[1] ?? g[3] ?? g[5] ?? g[8] ?? 'day')!;
      let rel = g[2] ?? g[4] ?? (g[6] ? (g[6] === 'before' ? 'previous' : 'following') : 'same');
      // "Oct. 12, the day before the plunge": in apposition to a date it names that date (the anchor is the event after it).
      if (g[6] && APPOSED_DATE.test(before40(ctx, m.index)) && /^\s+[\p{L}\d]/u.test(ctx.text.slice(m.index + m[0].length))) rel = 'same';
      const n = /following|next/.test(rel) ? 1 : /previous|preceding|prior/.test(rel) ? -1 : 0;
      const part = PARTS[noun];
      if (g[7]) return { type: 'DATE', resolve: (env) => refOr(env, (r) => ({ value: shiftFormat(r, unitCode(noun)!, 0) })), ...(g[7] === 'earlier' ? { mod: 'START' } : { mod: 'END' }) };
      if (part) return { type: 'TIME', resolve: anchored('D', n, part) };
      if (noun === 'weekend') return { type: 'DATE', resolve: (env) => { const d = env.focus.day ?? env.ref; return d ? { value: shiftFormat(d, 'WE', 0) } : null; } };
      return { type: 'DATE', resolve: anchored(unitCode(noun)!, n) };
    },
  },
  {
    name: 'clock-time',
    needs: ['m', 'am', 'pm', 'AM', 'PM'],
    pattern: String.raw`\b(\d{1,2})(?:[:.](\d\d))?\s*([ap])\.?\s?m\b\.?(?:\s+(EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|CEST|ET|PT))?`,
    extract: (m) => {
      let hh = +m[1]!;
      const mi = m[2] ? +m[2] : 0;
      if (hh < 1 || hh > 12 || mi > 59) return null;
      if (m[3]!.toLowerCase() === 'p' && hh < 12) hh += 12;
      if (m[3]!.toLowerCase() === 'a' && hh === 12) hh = 0;
      let end = m.index + m[0].length;
      if (m[0].endsWith('.') && !m[4]) end -= 0;
      return { end, type: 'TIME', cal: { hh, mi } };
    },
  },
  {
    name: 'clock-24h',
    needs: ['#2'],
    pattern: String.raw`\b(?:at|by|until|from|around|after|before)\s+(\d{1,2})[:h](\d\d)\b(?!\s*%)`,
    extract: (m) => {
      const hh = +m[1]!, mi = +m[2]!;
      if (hh > 23 || mi > 59) return null;
      return { start: m.index + m[0].length - m[1]!.length - 3, type: 'TIME', cal: { hh, mi } };
    },
  },
  {
    name: 'oclock',
    needs: ['clock', 'morning', 'afternoon', 'evening'],
    pattern: String.raw`\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:o['’]clock|in\s+the\s+(morning|afternoon|evening))\b`,
    extract: (m, ctx) => {
      let hh = parseNumber(m[1]!, ctx.v);
      if (!(hh >= 1 && hh <= 12)) return null;
      if (m[2] && m[2].toLowerCase() !== 'morning' && hh < 12) hh += 12;
      return { type: 'TIME', cal: { hh, mi: 0 } };
    },
  },
  {
    name: 'noon',
    needs: ['noon', 'midnight', 'midday', 'mid'],
    pattern: String.raw`\b(noon|midnight|midday|mid-day)\b`,
    extract: (m, ctx) => /\bhigh\s+$/i.test(before40(ctx, m.index)) ? null : ({ type: 'TIME', cal: m[1]!.toLowerCase() === 'midnight' ? { hh: 24, mi: 0 } : { hh: 12, mi: 0 } }),
  },
  {
    name: 'day-part',
    needs: ['morning', 'afternoon', 'evening', 'night', 'overnight'],
    pattern: String.raw`\b(this|yesterday|tomorrow|last|today['’]s|{WD})\s+({PART})\b|\b(overnight)\b`,
    extract: (m, ctx) => {
      if (m[3]) return { type: 'TIME', cal: { dayOffset: 0, part: 'NI' } };
      const w = m[1]!.toLowerCase();
      const part = ctx.v.lex.dayParts[m[2]!.toLowerCase()]!;
      const wd = weekday(ctx, w);
      if (wd) return { type: 'TIME', cal: { wd, part }, anchors: true };
      const offset = w === 'yesterday' || (w === 'last' && part === 'NI') ? -1 : w === 'tomorrow' ? 1 : w === 'last' ? -1 : 0;
      return { type: 'TIME', cal: { dayOffset: offset, part }, anchors: true };
    },
  },
  {
    name: 'soon',
    needs: ['soon'],
    pattern: String.raw`\b(soon)\b`,
    extract: (m, ctx) => {
      // "soon after", "as soon as": a relation to another event; "soon became": past narration.
      if (/^\s+(?:after|afterwards?|thereafter|as|enough)\b/i.test(ctx.text.slice(m.index + m[0].length))) return null;
      if (/\b(?:as|how|too|so)\s+$/i.test(before40(ctx, m.index))) return null;
      return { type: 'DATE', resolve: (env) => (env.tense === 'future' ? { value: 'FUTURE_REF' } : null) };
    },
  },
  {
    name: 'mid-part',
    needs: ['mid', 'midmorning', 'midafternoon'],
    pattern: String.raw`\bmid[- ]?(morning|afternoon)\b`,
    extract: (m) => ({ type: 'TIME', cal: { part: m[1]!.toLowerCase() === 'morning' ? 'MO' : 'AF' } }),
  },
  {
    name: 'weekday',
    needs: ['@weekday'],
    pattern: String.raw`\b({WD})\b`,
    extract: (m, ctx) => {
      if (!isUpper(m[1]!)) return null;
      // "Sunday's Times" names a thing; "Friday's close" is a day.
      if (/^['’]s\s+\p{Lu}/u.test(ctx.text.slice(m.index + m[0].length))) return null;
      // "Friday's close", "Wednesday's ruling": something that has already happened, in news.
      if (/^['’]s\b/u.test(ctx.text.slice(m.index + m[0].length))) return { type: 'DATE', resolve: (env) => resolveCal({ wd: weekday(ctx, m[1]!)! }, { ref: env.ref, focus: env.focus, tense: 'past' }) };
      return { type: 'DATE', cal: { wd: weekday(ctx, m[1]!)! }, anchors: true };
    },
  },
  {
    name: 'set-adverb',
    needs: ['daily', 'weekly', 'monthly', 'yearly', 'hourly', 'nightly'],
    pattern: String.raw`\b(daily|weekly|monthly|yearly|hourly|nightly)\b`,
    extract: (m, ctx) => {
      const before = before40(ctx, m.index);
      const after = ctx.text.slice(m.index + m[0].length);
      return { type: 'SET', value: { daily: 'P1D', weekly: 'P1W', monthly: 'P1M', yearly: 'P1Y', annually: 'P1Y', hourly: 'PT1H', nightly: 'P1D' }[m[1]!.toLowerCase()]! };
    },
  },
  {
    name: 'set-every',
    needs: ['every', 'each'],
    pattern: String.raw`\b(?:every|each)\s+(other\s+)?(?:({NUM})\s+)?({UNIT}|{WD}|{MF}|{SEASON}|morning|evening|night|afternoon)\b(?!\s+of\b)`,
    extract: (m, ctx) => {
      const w = m[3]!.toLowerCase();
      const wd = weekday(ctx, w);
      if (wd) return { type: 'SET', value: `XXXX-WXX-${wd}` };
      const mo = ctx.v.monthIndex.get(w);
      if (mo && isUpper(m[3]!)) return { type: 'SET', value: `XXXX-${pad(mo)}` };
      const season = ctx.v.lex.seasons[w];
      if (season) return { type: 'SET', value: `XXXX-${season}` };
      const part = PARTS[w];
      if (part) return { type: 'SET', value: `TXX${part}`.replace('TXX', 'XXXX-XX-XXT') };
      const unit = unitCode(w, ctx.v);
      if (!unit) return null;
      const n = (m[2] ? parseNumber(m[2], ctx.v) : 1) * (m[1] ? 2 : 1);
      return { type: 'SET', value: durationValue(n, unit) };
    },
  },
  {
    name: 'set-plural-weekday',
    needs: ['@weekdays'],
    pattern: String.raw`\b(?:on\s+)({WD})s\b`,
    extract: (m, ctx) => (isUpper(m[1]!) ? { start: m.index + 3, type: 'SET', value: `XXXX-WXX-${weekday(ctx, m[1]!)}` } : null),
  },
  {
    name: 'duration',
    needs: ['@unit'],
    pattern: String.raw`\b(?:the\s+)?(?:(past|last|next|first|coming|previous|final|latest|remaining|following|preceding|initial)\s+)?({NUM})(?:\s*(?:to|or|-|–)\s*({NUM}))?\s+(?:(more|additional|full|straight|consecutive|trading|business|working|calendar|long|extra|further)\s+)?({UNIT})(\s+and\s+a\s+half)?(\s+or\s+so)?\b(?!-)`,
    extract: (m, ctx) => {
      const unit = unitCode(m[5]!, ctx.v);
      if (!unit) return null;
      let n = parseNumber(m[2]!, ctx.v);
      if (Number.isNaN(n)) return null;
      if (/^(a|an)$/i.test(m[2]!) && unit === 'S') return null;
      if (/^(a|an|one)$/i.test(m[2]!) && /^\s*(?:of\b|['’]s\b)/i.test(ctx.text.slice(m.index + m[0].length)) && !m[1]) return null;
      // "Islam will one day be …": some day in the future, not a span of a day.
      if (/^one$/i.test(m[2]!) && unit === 'D' && !m[1] && !m[3] && /\b(?:will|would|could|might|may|can|shall|should)\s+$/i.test(before40(ctx, m.index))) return { type: 'DATE', value: 'FUTURE_REF' };
      if (m[6]) n += 0.5;
      const after = ctx.text.slice(m.index + m[0].length);
      if (/^\s+(?:ago|earlier|later)\b/i.test(after)) return null;
      // Ages ("52 years old") and rates ("$1.76 a year", "700 seats a week") are not durations.
      if (/^[\s-]+old\b/i.test(after)) return null;
      if (/^(a|an)$/i.test(m[2]!) && !m[1] && /(?:\d[\d,.]*|million|billion|trillion|percent|cents?|dollars?|times|once|twice|[%$]|\b\p{L}{3,}s)\s+$/iu.test(before40(ctx, m.index))) return null;
      if (isUpper(m[5]!) && m.index > 0) return null;
      const value = m[3] ? durationValue(parseNumber(m[2]!, ctx.v) > 0 && !/^\d/.test(m[2]!) ? n : n, unit) : durationValue(n, unit);
      return { type: 'DURATION', value, ...(m[7] ? { mod: 'APPROX' } : {}) };
    },
  },
  {
    name: 'duration-vague',
    needs: ['years', 'months', 'weeks', 'days', 'decades', 'hours', 'minutes', 'centuries', 'quarters'],
    pattern: String.raw`\b(?:(the)\s+)?(?:(past|last|next|coming|recent|first|previous|ensuing|following)\s+)?(?:(a few|few|several|many|some|a number of|a couple of|couple of)\s+)?(years|months|weeks|days|decades|hours|minutes|centuries|quarters)\b`,
    extract: (m, ctx) => {
      const unit = unitCode(m[4]!, ctx.v)!;
      const before = before40(ctx, m.index);
      if (!m[2] && !m[3] && !/\b(?:for|over|in|within|after|took|lasted|spent|last|lasting|than)\s+$/i.test(before)) return null;
      if (!m[2] && !m[3] && /^\s+(?:of|old|ago|earlier|later|before|after)\b/i.test(ctx.text.slice(m.index + m[0].length))) return null;
      if (m[3] && /couple/i.test(m[3])) return { type: 'DURATION', value: durationValue(2, unit), mod: 'APPROX' };
      if (!m[3] && m[2] && /last|past|first|previous/i.test(m[2]) && !m[1]) return null;
      return { type: 'DURATION', value: durationValue(NaN, unit) };
    },
  },
  {
    name: 'duration-compound',
    needs: ['@unit', 'long'],
    pattern: String.raw`\b(\d+(?:\.\d+)?|{NUM})-({UNIT})(-old|-long)?\b(?!-)|\b(day|week|month|year|decade|hour)s?-long\b`,
    extract: (m, ctx) => {
      if (m[4]) return { type: 'DURATION', value: m[0].toLowerCase().includes('s-long') ? durationValue(NaN, unitCode(m[4], ctx.v)!) : durationValue(1, unitCode(m[4], ctx.v)!) };
      const unit = unitCode(m[2]!, ctx.v);
      const n = parseNumber(m[1]!.replace(/-/g, ' '), ctx.v);
      // "a 44-year-old man" is an age, "three-quarters" a fraction.
      if (!unit || Number.isNaN(n) || m[3]?.toLowerCase() === '-old' || unit === 'Q') return null;
      return { type: 'DURATION', value: durationValue(n, unit) };
    },
  },
  {
    name: 'vague-span',
    needs: ['time', 'while', 'period'],
    pattern: String.raw`\b(?:for|in|after)\s+((?:some\s+|a\s+(?:(?:very|fairly|rather)\s+)?(?:long|short|brief|lengthy|considerable)?\s*)(?:time|while|period))\b(?!\s+(?:of|to|when|that)\b)`,
    extract: (m) => ({ start: m.index + m[0].length - m[1]!.length, type: 'DURATION', value: 'PXX' }),
  },
  {
    name: 'half-unit',
    needs: ['half'],
    pattern: String.raw`\b(?:half\s+an?\s+(hour|day|year|century|decade)|an?\s+(hour|minute|day|year)\s+and\s+a\s+half)\b`,
    extract: (m, ctx) => ({ type: 'DURATION', value: durationValue(m[1] ? 0.5 : 1.5, unitCode((m[1] ?? m[2])!, ctx.v)!) }),
  },
  {
    name: 'the-unit',
    needs: ['year', 'week', 'month'],
    pattern: String.raw`\b(?:the\s+)((?:(?:current|full|fiscal|latest|entire|whole|calendar|same)\s+){0,2})(year|week|month)\b(?!['’]s|-)`,
    extract: (m, ctx) => {
      const mods = m[1]!.toLowerCase();
      const w = m[2]!.toLowerCase();
      const before = before40(ctx, m.index);
      // "the year before", "the week that he left": a period named by an event; "the current year that …" is still this one.
      if (!/current/.test(mods) && /^\s+(?:before|after|to|that|when)\b/i.test(ctx.text.slice(m.index + m[0].length))) return null;
      if (/\b(?:per|a|each|every|this)\s+$/i.test(before)) return null;
      if (/same/.test(mods)) return null;
      if (w === 'year') {
        // "the year ended March 31" is a span of a year; "for the year", "the full year" is this one.
        const after = ctx.text.slice(m.index + m[0].length);
        if (/^\s+(?:(?:that|which)\s+)?(?:ended|ending|ends|through|to)\b/i.test(after) || /\bthroughout\s+$/i.test(before)) return { type: 'DURATION', value: 'P1Y' };
        return { type: 'DATE', resolve: (env) => refOr(env, (r) => ({ value: String(/latest/.test(mods) ? r.y - 1 : r.y) })) };
      }
      return { type: 'DATE', resolve: (env) => refOr(env, (r) => ({ value: shiftFormat(r, unitCode(w)!, 0) })) };
    },
  },
  {
    name: 'year-end',
    needs: ['end', 'year'],
    pattern: String.raw`\b(?:(?:the\s+)?year[- ]end|year['’]s\s+end|the\s+end\s+of\s+the\s+year|the\s+turn\s+of\s+the\s+(?:year|century))\b`,
    extract: () => ({ type: 'DATE', mod: 'END', resolve: (env) => refOr(env, (r) => ({ value: String(r.y) })) }),
  },
];

export interface CompiledParser extends Parser {
  regex: RegExp;
  rank: number;
}

/** Word → indices of the parsers that word lets run; '#' for digits. */
export type GateIndex = Map<string, number[]>;
let gate: GateIndex | undefined;

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

export function gateIndex(v: Vocabulary = vocab()): GateIndex {
  if (gate) return gate;
  const expand: Record<string, string[]> = {
    '@month': [...v.monthIndex.keys()].map(cap),
    '@weekday': [...v.weekdayIndex.keys()].map(cap),
    '@weekdays': [...v.weekdayIndex.keys()].map((w) => `${cap(w)}s`),
    '@unit': Object.keys(v.lex.units).flatMap((u) => [u, `${u}s`, u.replace(/y$/, 'ies'), u.replace(/um$/, 'a')]),
    '@season': Object.keys(v.lex.seasons),
    // A holiday's first word starts every match: gating on it alone keeps "Friday" or "Day" from waking the holiday pattern.
    '@holiday': Object.keys(v.lex.holidays).map((h) => cap(h.split(/\s+/)[0]!.replace(/['’]s?$/, ''))),
  };
  gate = new Map();
  compiledParsers(v).forEach((p, i) => {
    for (const n of p.needs) {
      for (const w of expand[n] ?? [n]) {
        const list = gate!.get(w) ?? [];
        if (!list.includes(i)) list.push(i);
        gate!.set(w, list);
      }
    }
  });
  return gate;
}

/** Hash of a word's lower-case letters, as the gate scan computes it. */
export function wordHash(word: string): number {
  let h = 0;
  for (let i = 0; i < word.length; i++) {
    let c = word.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    h = (Math.imul(h, 31) + c) | 0;
  }
  return h;
}

export interface GateTable {
  /** Word hash → the parsers it lets run, and whether the word must be written with a capital. */
  words: Map<number, { parser: number; capital: boolean }[]>;
  digits4: number[];
  digits2: number[];
  digits: number[];
}
let gateTable: GateTable | undefined;

/** The gate as integer lookups: the sentence scan allocates no strings. */
export function gateTableOf(v: Vocabulary = vocab()): GateTable {
  if (gateTable) return gateTable;
  const index = gateIndex(v);
  const words = new Map<number, { parser: number; capital: boolean }[]>();
  for (const [key, parsers] of index) {
    if (key.startsWith('#')) continue;
    const h = wordHash(key);
    const list = words.get(h) ?? [];
    const capital = /^[A-Z]/.test(key);
    for (const parser of parsers) list.push({ parser, capital });
    words.set(h, list);
  }
  gateTable = { words, digits4: index.get('#4') ?? [], digits2: index.get('#2') ?? [], digits: index.get('#') ?? [] };
  return gateTable;
}

let compiled: CompiledParser[] | undefined;

/** The parsers with their patterns expanded and compiled once. */
export function compiledParsers(v: Vocabulary = vocab()): CompiledParser[] {
  if (compiled) return compiled;
  const fill = (p: string) => p
    .replace(/\{MF\}/g, v.monthFull).replace(/\{M\}/g, v.month).replace(/\{WD\}/g, v.weekday)
    .replace(/\{NUM\}/g, v.num).replace(/\{ORD\}/g, v.ordinalWord).replace(/\{UNIT\}/g, v.unit)
    .replace(/\{SEASON\}/g, v.season).replace(/\{PART\}/g, v.dayPart).replace(/\{HOL\}/g, v.holiday);
  compiled = PARSERS.map((p, rank) => ({ ...p, rank, regex: new RegExp(fill(p.pattern), 'gi') }));
  return compiled;
}

export type { Focus, TimexType };
