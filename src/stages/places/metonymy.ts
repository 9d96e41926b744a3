/**
 * Metonymy: a capital or country name standing for its government ("Moscow demands…", "demands
 * addressed by Moscow", "Washington's position") keeps its place but is marked, so events are not located there.
 */
import type { Span } from '../../core/span.js';
import type { Supplement } from '../../resources/gazetteer.js';

export interface MetonymyWords { verbs: Set<string>; aux: Set<string>; nouns: Set<string> }

export function metonymyWords(supp: Supplement): MetonymyWords {
  return { verbs: new Set(supp.words.metonymyVerbs), aux: new Set(supp.words.auxiliaries), nouns: new Set(supp.words.metonymyNouns) };
}

/** Whether the mention acts as an agent: subject of a speech/demand verb, agent after "by", or possessor of a political noun. */
export function isMetonymic(text: string, m: Span, w: MetonymyWords): boolean {
  const before = text.slice(Math.max(0, m.start - 40), m.start);
  // "in Moscow", "at the Kremlin, Moscow", "to Moscow": a location, whatever follows.
  if (/\b(in|at|to|from|near|into|outside|around|across|throughout|inside|visited|visit|visiting)\s+(the\s+)?$/i.test(before)) return false;
  if (/,\s*$/.test(before) && /\p{Lu}[\p{L}]+\s*,\s*$/u.test(before)) return false;
  // Agent of a passive or of an action noun: "addressed by Moscow", "the deployment by Moscow of…".
  if (/\b\w+(ed|ion|ment|al)\s+by\s+$/i.test(before)) return true;
  const after = text.slice(m.end, m.end + 80);
  const poss = /^['’]s?\s+(?:\w+\s+)?(\w+)/.exec(after);
  if (poss && w.nouns.has(poss[1]!.toLowerCase())) return true;
  // Subject of a verb of saying, demanding or deciding, possibly after auxiliaries and adverbs.
  const words = after.match(/^\s+([\w'’]+(?:\s+[\w'’]+){0,3})/)?.[1]?.split(/\s+/) ?? [];
  for (const word of words) {
    const lw = word.toLowerCase();
    if (w.verbs.has(lw)) return true;
    if (w.aux.has(lw) || /ly$/.test(lw) || lw === 'been') continue;
    return false;
  }
  return false;
}
