/**
 * Tense cues for a temporal expression: the nearest past or future marker in its sentence. With
 * part-of-speech tags (the syntax layer) the cues are the finite verbs themselves; without, words.
 */
import type { Tense } from './candidate.js';

const FUTURE = String.raw`will|won['’]t|['’]ll|shall|would|going to|plans? to|intends? to|expects? to|expected to|is to|are to|scheduled|to be held|upcoming|next(?!\s+to\b)|tomorrow|is due|are due|will be|aims? to|hopes? to|set to|coming`;
const PAST = String.raw`was|were|had|did|didn['’]t|been|said|told|took|came|went|met|made|gave|spoke|wrote|left|began|held|saw|won|lost|ran|fell|rose|sold|bought|got|paid|brought|thought|felt|found|kept|led|meant|sent|stood|struck|became|chose|drove|flew|grew|knew|threw|broke|ago|yesterday|last|earlier|previously|[a-z]{2,}ed`;
const NOT_PAST = new Set(['need', 'indeed', 'speed', 'feed', 'seed', 'proceed', 'exceed', 'succeed', 'bed', 'red', 'shed', 'hundred', 'based', 'related', 'united', 'limited', 'expected', 'scheduled', 'planned', 'proposed', 'called', 'so-called', 'detailed', 'unexpected', 'concerned', 'advanced', 'interested', 'alleged', 'supposed', 'armed', 'embed', 'wed', 'weed', 'breed', 'deed', 'greed', 'creed', 'heed', 'federated', 'titled', 'entitled', 'named', 'dated']);

const CUE = new RegExp(String.raw`\b(?:(${FUTURE})|(${PAST}))\b`, 'gi');

export interface TenseCue { pos: number; tense: Exclude<Tense, null> }

/** Every cue in a sentence, with its offset inside the sentence (words only, no tags). */
export function tenseCues(sentence: string): TenseCue[] {
  const out: TenseCue[] = [];
  CUE.lastIndex = 0;
  for (let m = CUE.exec(sentence); m; m = CUE.exec(sentence)) {
    if (m[1]) out.push({ pos: m.index, tense: 'future' });
    else if (!NOT_PAST.has(m[2]!.toLowerCase())) out.push({ pos: m.index, tense: 'past' });
  }
  return out;
}

/** The token columns tense cues read: offsets and PTB tags (the syntax layer's public columns). */
export interface TagColumns {
  start: ArrayLike<number>;
  end: ArrayLike<number>;
  xpos: readonly string[];
}

/** Modals that put a clause after the time of speaking. */
const FUTURE_MODAL = new Set(['will', "'ll", '’ll', 'shall', 'wo', 'would', "'d", 'may', 'might', 'should']);
/** Verbs that, followed by "to", point ahead whatever their own tense ("planned to leave Tuesday"). */
const INTENT = /^(?:plan|intend|expect|aim|hope|schedul|set|prepar|threaten|vow|promis|agree|decid|seek|sought|want|go|due|slat)/;
/** Verbs whose object is a future event even without "to" ("has scheduled a news conference Thursday"). */
const ARRANGE = /^(?:plan|schedul|slat|postpon|resched)/;
const PAST_WORDS = new Set(['ago', 'yesterday', 'earlier', 'previously', 'last']);
const FUTURE_WORDS = new Set(['tomorrow', 'upcoming', 'coming', 'next']);
const HAVE = new Set(['have', 'has', 'had', "'ve", '’ve', 'having']);

/** First token index whose start is at or after `at` (tokens sorted by start). */
function firstTokenAt(start: ArrayLike<number>, at: number): number {
  let lo = 0, hi = start.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (start[mid]! < at) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/**
 * Cues of the sentence [from, to) from its tags: past-tense verbs (VBD; a participle after a
 * form of "have"), future modals, intent verbs followed by "to", and the words that say it
 * ("ago", "yesterday", "next"). Adjectival participles ("untouched markets") are not cues.
 * Null when the sentence has no tagged tokens (captions, datelines): the caller falls back to words.
 */
export function tagCues(text: string, from: number, to: number, tags: TagColumns): TenseCue[] | null {
  let i = firstTokenAt(tags.start, from);
  if (i >= tags.start.length || tags.start[i]! >= to) return null;
  const out: TenseCue[] = [];
  const word = (k: number) => text.slice(tags.start[k]!, tags.end[k]!).toLowerCase();
  for (; i < tags.start.length && tags.start[i]! < to; i++) {
    const x = tags.xpos[i]!;
    const pos = tags.start[i]! - from;
    const c0 = x.charCodeAt(0);
    if (c0 === 86 /* V */ || x === 'JJ') {
      const next = i + 1 < tags.start.length && tags.start[i + 1]! < to ? word(i + 1) : '';
      const w = word(i);
      // A participle counts as a verb only after "have" ("has scheduled"); "the hastily planned trip" is an adjective.
      let perfect = false;
      if (x === 'VBN' || x === 'JJ') {
        for (let k = i - 1; k >= Math.max(0, i - 3) && tags.start[k]! >= from; k--) if (HAVE.has(word(k))) { perfect = true; break; }
      }
      const pastPerfect = perfect && /^(?:had|'d|’d)$/.test(word(Math.max(0, i - 1))) || (i >= 2 && word(i - 2) === 'had');
      if (!pastPerfect && ((next === 'to' && INTENT.test(w)) || (ARRANGE.test(w) && (x !== 'VBN' || perfect) && x !== 'JJ'))) { out.push({ pos, tense: 'future' }); continue; }
      if (x === 'JJ') {
        if (PAST_WORDS.has(w)) out.push({ pos, tense: 'past' });
        else if (FUTURE_WORDS.has(w) && next !== 'to') out.push({ pos, tense: 'future' });
        continue;
      }
      if (x === 'VBD') out.push({ pos, tense: 'past' });
      else if (x === 'VBN' && perfect) out.push({ pos, tense: 'past' });
      continue;
    }
    if (x === 'MD') {
      if (FUTURE_MODAL.has(word(i))) out.push({ pos, tense: 'future' });
      continue;
    }
    const w = x === 'RB' || x === 'NN' || x === 'IN' || x === 'VBG' || x === 'RP' ? word(i) : '';
    if (!w) continue;
    if (PAST_WORDS.has(w)) out.push({ pos, tense: 'past' });
    else if (FUTURE_WORDS.has(w)) {
      const next = i + 1 < tags.start.length ? word(i + 1) : '';
      if (next !== 'to') out.push({ pos, tense: 'future' });
    }
  }
  return out;
}

/** Offsets of the double quotation marks of a sentence ('"', '“', '”', "``", "''"), ascending. */
export function quoteMarks(sentence: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < sentence.length; i++) {
    const c = sentence.charCodeAt(i);
    if (c === 34 || c === 0x201c || c === 0x201d) out.push(i);
    else if ((c === 96 || c === 39) && sentence.charCodeAt(i + 1) === c) { out.push(i); i++; }
  }
  return out;
}

/**
 * The tense of the nearest cue to [start, end) that is not inside it; null when none. A cue on
 * the other side of a quotation mark belongs to another clause (the reporting verb of a quote,
 * or the quote itself), so it is not read when `quotes` (the sentence's quote marks) are given.
 */
export function tenseNear(cues: readonly TenseCue[], start: number, end: number, quotes: readonly number[] = []): Tense {
  let best: Tense = null;
  let dist = Infinity;
  for (const c of cues) {
    if (c.pos >= start && c.pos < end) continue;
    // An odd number of marks between: one side is inside a quotation the other is not ('said "no" Tuesday' pairs up).
    if (quotes.length && quotes.filter((q) => (q > c.pos && q < start) || (q >= end && q < c.pos)).length % 2 === 1) continue;
    const d = c.pos < start ? start - c.pos : c.pos - end;
    if (d < dist) { dist = d; best = c.tense; }
  }
  return best;
}
