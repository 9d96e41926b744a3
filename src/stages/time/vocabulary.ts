/**
 * Regex fragments and word lookups built once from the temporal lexicon: alternations of month,
 * weekday, number and unit words (longest first), and the small parsers of number words.
 */
import { defaultTimeLexicon } from '../../resources/time-lexicon.js';
import type { TimeLexicon } from '../../resources/time-lexicon.js';

export interface Vocabulary {
  lex: TimeLexicon;
  /** English month names and abbreviations (abbreviations may take a dot). */
  month: string;
  /** Full English month names only (for a month standing alone). */
  monthFull: string;
  /** Month names in every language of the lexicon (for publication dates). */
  monthAny: string;
  weekday: string;
  /** Cardinal numbers: digits (with fractions) or number words. */
  num: string;
  ordinalWord: string;
  unit: string;
  season: string;
  dayPart: string;
  holiday: string;
  monthIndex: Map<string, number>;
  monthAnyIndex: Map<string, number>;
  weekdayIndex: Map<string, number>;
}

const alt = (words: Iterable<string>) =>
  [...new Set(words)].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\']/g, (c) => (c === "'" ? "['’]" : `\\${c}`))).join('|');

let vocabulary: Vocabulary | undefined;

export function vocab(lex: TimeLexicon = defaultTimeLexicon()): Vocabulary {
  if (vocabulary && vocabulary.lex === lex) return vocabulary;
  const monthIndex = new Map<string, number>();
  lex.months['en']!.forEach((names, i) => names.forEach((n) => monthIndex.set(n, i + 1)));
  const monthAnyIndex = new Map<string, number>();
  for (const list of Object.values(lex.months)) list.forEach((names, i) => names.forEach((n) => monthAnyIndex.set(n, i + 1)));
  const weekdayIndex = new Map<string, number>();
  lex.weekdays['en']!.forEach((names, i) => names.forEach((n) => weekdayIndex.set(n, i + 1)));
  const full = lex.months['en']!.map((n) => n[0]!);
  const abbr = lex.months['en']!.flatMap((n) => n.slice(1));
  const tens = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
  const small = Object.keys(lex.numbers).filter((w) => !tens.includes(w) && !['hundred', 'thousand'].includes(w));
  const units = Object.keys(lex.units).filter((u) => u !== 'weekend');
  const plural = (u: string) => (u === 'century' ? 'centur(?:y|ies)' : u === 'millennium' ? 'millenni(?:um|a)' : `${u}s?`);
  vocabulary = {
    lex,
    month: `(?:${alt(full)}|(?:${alt(abbr)})\\.?)`,
    monthFull: `(?:${alt(full)})`,
    monthAny: `(?:${alt(monthAnyIndex.keys())})`,
    weekday: `(?:${alt(lex.weekdays['en']!.map((n) => n[0]!))})`,
    num: `(?:\\d+(?:\\.\\d+)?(?:\\s+\\d/\\d)?|(?:${tens.join('|')})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?(?:\\s+(?:hundred|thousand))?|(?:${alt(small)})(?:\\s+(?:hundred|thousand))?)`,
    ordinalWord: `(?:${alt(Object.keys(lex.ordinals))})`,
    unit: `(?:${units.map(plural).join('|')})`,
    season: `(?:${alt(Object.keys(lex.seasons))})`,
    dayPart: `(?:${alt(Object.keys(lex.dayParts))})`,
    holiday: `(?:${alt(Object.keys(lex.holidays))})`,
    monthIndex, monthAnyIndex, weekdayIndex,
  };
  return vocabulary;
}

/** The value of a number phrase ("twenty four", "5 1/2", "a couple of", "two thousand"); NaN if none. */
export function parseNumber(text: string, v: Vocabulary = vocab()): number {
  const s = text.toLowerCase().trim().replace(/\s+/g, ' ');
  const frac = /^(\d+) (\d)\/(\d)$/.exec(s);
  if (frac) return Number(frac[1]) + Number(frac[2]) / Number(frac[3]);
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const direct = v.lex.numbers[s];
  if (direct !== undefined) return direct;
  let total = 0;
  let current = 0;
  for (const w of s.split(/[- ]/)) {
    const n = v.lex.numbers[w];
    if (n === undefined) return NaN;
    if (n === 100 || n === 1000) {
      current = (current || 1) * n;
      if (n === 1000) { total += current; current = 0; }
    } else current += n;
  }
  return total + current;
}

/** Unit code of a unit word in singular or plural ("years" → "Y", "centuries" → "CE"). */
export function unitCode(word: string, v: Vocabulary = vocab()): string | undefined {
  const w = word.toLowerCase();
  const singular = w === 'centuries' ? 'century' : w === 'millennia' ? 'millennium' : w.replace(/s$/, '');
  return v.lex.units[singular] ?? v.lex.units[w];
}
