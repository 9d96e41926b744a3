/**
 * Finds pattern triggers in a sentence: an index from word forms to patterns (built once per
 * pattern set), then the conditions of each candidate checked in the trigger's clause window.
 */
import type { EventPattern, Phrase } from '../../resources/event-patterns.js';
import { nounForms, verbForms } from './inflect.js';
import type { DocView } from './sentence-view.js';

interface IndexEntry {
  pattern: EventPattern;
  order: number;
  /** Accepted forms of each trigger word, in order. */
  words: readonly (ReadonlySet<string>)[];
  specificity: number;
}

export interface PatternIndex {
  byFirstWord: Map<string, IndexEntry[]>;
}

export interface TriggerMatch {
  pattern: EventPattern;
  /** First and last token of the trigger (inclusive). */
  first: number;
  last: number;
  /** Tokens consumed by the pattern's conditions (so they do not trigger again). */
  used: number[];
  /** Less specific patterns that also matched this trigger, best first (for conditions the coder checks). */
  alternatives: EventPattern[];
}

export function buildPatternIndex(patterns: readonly EventPattern[]): PatternIndex {
  const byFirstWord = new Map<string, IndexEntry[]>();
  patterns.forEach((pattern, order) => {
    const t = pattern.trigger;
    const words = t.map((w, k) => {
      if (pattern.pos === 'v' && k === 0) return new Set([...verbForms(w), ...(pattern.forms ?? [])]);
      if (pattern.pos === 'n' && k === t.length - 1) return new Set(nounForms(w));
      return new Set([w]);
    });
    const specificity = pattern.after.length + (pattern.before ? 1 : 0) + (pattern.beforeAll?.length ?? 0) + pattern.not.length * 0.5 + (t.length - 1) + (pattern.compound ? 0.5 : 0);
    const entry: IndexEntry = { pattern, order, words, specificity };
    for (const f of words[0]!) {
      const l = byFirstWord.get(f);
      if (l) l.push(entry); else byFirstWord.set(f, [entry]);
    }
  });
  for (const l of byFirstWord.values()) l.sort((a, b) => b.specificity - a.specificity || a.order - b.order);
  return { byFirstWord };
}

const DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'its', 'their', 'our', 'this', 'these', 'those', 'my', 'your', 'any', 'no', 'such', 'each', 'every', "'s", 'of']);
const VERBAL_BEFORE = new Set(['to', 'will', 'would', 'shall', 'should', 'can', 'could', 'may', 'might', 'must', 'not', "n't", 'did', 'does', 'do', 'has', 'have', 'had', 'he', 'she', 'they', 'we', 'i', 'it', 'who', 'which']);
const AFTER_WINDOW = 16;
const BEFORE_WINDOW = 4;

function wordMatches(word: string, alt: string): boolean {
  return alt.endsWith('*') ? word.startsWith(alt.slice(0, -1)) : word === alt;
}

/** Index of the token where one alternative of the group starts, within [from, to), or -1. */
function findGroup(v: DocView, group: readonly Phrase[], from: number, to: number, used: ReadonlySet<number>): [number, number] {
  for (let i = from; i < to; i++) {
    if (used.has(i)) continue;
    for (const alt of group) {
      let ok = true;
      for (let k = 0; k < alt.length; k++) {
        const w = v.words[i + k];
        if (w === undefined || i + k >= to || !wordMatches(w, alt[k]!)) { ok = false; break; }
      }
      if (ok) return [i, alt.length];
    }
  }
  return [-1, 0];
}

/** End (exclusive) of the window after a trigger: the sentence end, a semicolon, colon or bracket, or 12 tokens. */
function afterLimit(v: DocView, last: number, sentenceEnd: number): number {
  const max = Math.min(sentenceEnd, last + 1 + AFTER_WINDOW);
  for (let i = last + 1; i < max; i++) {
    const w = v.words[i]!;
    if (w === ';' || w === ':') return i;
  }
  return max;
}

/** A word in verb position: not right after a determiner or possessive. */
function verbContext(v: DocView, i: number, sentenceStart: number): boolean {
  // The parse's word: a verb pattern never fires on the head of a determined noun phrase ("the press release").
  if (v.determinedNoun[i]) return false;
  if (i <= sentenceStart) return true;
  const prev = v.words[i - 1]!;
  if (DETERMINERS.has(prev)) return false;
  // "the unprecedented demands": determiner, adjective-like word, then the trigger.
  if (i - 2 >= sentenceStart && DETERMINERS.has(v.words[i - 2]!) && /(ed|al|ic|ous|ive|ent|ant|ful|less|ary|ible|able|ish|ian|ese|new|last|first)$/.test(prev)) return false;
  // An adjective-like actor right before ("Russian demands") makes it a noun.
  const m = v.mentionAt[i - 1];
  if (m && m.entity?.type === 'NORP' && m.agent === undefined) return false;
  return true;
}

function nounContext(v: DocView, i: number, sentenceStart: number): boolean {
  if (i <= sentenceStart) return true;
  return !VERBAL_BEFORE.has(v.words[i - 1]!);
}

/*
 * The checks of a candidate beyond its first word are functions of their own: most candidates
 * fail on the first word's context, and V8 recompiled matchSentence whole each time one of these
 * rarer paths first ran.
 */

/** Whether the trigger's words after the first follow token i, within the sentence. */
function restMatches(v: DocView, t: readonly (ReadonlySet<string>)[], i: number, sentenceEnd: number): boolean {
  for (let k = 1; k < t.length; k++) {
    const w = v.words[i + k];
    if (w === undefined || i + k >= sentenceEnd || !t[k]!.has(w)) return false;
  }
  return true;
}

/** The pattern's word conditions around trigger [i, last]: the tokens its "after" groups use, or null when one fails. */
function conditionsHold(v: DocView, pattern: EventPattern, i: number, last: number, sentenceStart: number, sentenceEnd: number): Set<number> | null {
  const limit = afterLimit(v, last, sentenceEnd);
  const used = new Set<number>();
  for (const g of pattern.after) {
    const [at, len] = findGroup(v, g, last + 1, limit, used);
    if (at < 0) return null;
    for (let k = 0; k < len; k++) used.add(at + k);
  }
  if (pattern.before) {
    const [at] = findGroup(v, pattern.before, Math.max(sentenceStart, i - BEFORE_WINDOW), i, new Set());
    if (at < 0) return null;
  }
  if (pattern.beforeAll && !pattern.beforeAll.every((g) => findGroup(v, g, Math.max(sentenceStart, i - BEFORE_WINDOW - 4), i, new Set())[0] >= 0)) return null;
  if (pattern.not.length > 0 && findGroup(v, pattern.not, last + 1, limit, new Set())[0] >= 0) return null;
  return used;
}

/** All trigger matches of one sentence, left to right, the most specific pattern per trigger. */
export function matchSentence(v: DocView, index: PatternIndex, sentenceStart: number, sentenceEnd: number): TriggerMatch[] {
  const out: TriggerMatch[] = [];
  const consumed = new Set<number>();
  for (let i = sentenceStart; i < sentenceEnd; i++) {
    if (consumed.has(i)) continue;
    const cands = index.byFirstWord.get(v.words[i]!);
    if (!cands) continue;
    let found: TriggerMatch | null = null;
    for (const c of cands) {
      const t = c.words;
      if (t.length > 1 && !restMatches(v, t, i, sentenceEnd)) continue;
      const last = i + t.length - 1;
      if (found && last !== found.last) continue;
      const head = c.pattern.pos === 'v' ? i : last;
      if (c.pattern.pos === 'v' ? !verbContext(v, head, sentenceStart) : !nounContext(v, i, sentenceStart)) continue;
      const used = conditionsHold(v, c.pattern, i, last, sentenceStart, sentenceEnd);
      if (!used) continue;
      if (found) { if (found.alternatives.length < 4) found.alternatives.push(c.pattern); continue; }
      found = { pattern: c.pattern, first: i, last, used: [...used], alternatives: [] };
      if (!c.pattern.compound) break;
    }
    if (found) {
      out.push(found);
      for (let k = i; k <= found.last; k++) consumed.add(k);
      for (const u of found.used) consumed.add(u);
    }
  }
  return out;
}
