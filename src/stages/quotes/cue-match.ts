/**
 * Cue matching: the speech, writing and thought verbs and the prepositional cues ("according to")
 * of the lexicon, found on the token view outside quoted text, with the guards that keep nouns
 * ("a report", "the Post") and adjectives ("the said") out.
 */
import type { QuoteCues, VerbCue, PhraseIndex } from '../../resources/quote-cues.js';
import type { TokenView } from './token-view.js';
import { isCapitalized } from './token-view.js';

export interface CueMatch {
  first: number;
  last: number;
  kind: 'verb' | 'prep';
  verb: VerbCue | null;
}

const PREPOSITION = new Set(['of', 'in', 'on', 'at', 'for', 'from', 'by', 'with', 'into', 'about', 'under', 'over', 'without', 'than', 'like', 'per']);
const DETERMINER = new Set(['a', 'an', 'the', 'this', 'his', 'her', 'their', 'its', 'our', 'my', 'your', 'that', 'these', 'those', 'whose', 'any', 'no', 'every', 'each', 'new', 'recent', 'latest', 'first', 'last']);

/** Length of the phrase of `index` starting at token i, 0 when none. */
export function phraseAt(v: TokenView, i: number, index: PhraseIndex, hi: number): number {
  const list = index.get(v.words[i]!);
  if (!list) return 0;
  let best = 0;
  for (const words of list) {
    if (i + words.length > hi || words.length <= best) continue;
    let ok = true;
    for (let k = 1; k < words.length; k++) if (v.words[i + k] !== words[k]) { ok = false; break; }
    if (ok) best = words.length;
  }
  return best;
}

/** Every word that can open one of the given phrases or be one of the given words, per lexicon. */
const firstWordsOf = new WeakMap<QuoteCues, Map<string, Set<string>>>();
export function firstWords(cues: QuoteCues, name: string, sources: () => (PhraseIndex | ReadonlyMap<string, unknown> | ReadonlySet<string>)[]): Set<string> {
  let byName = firstWordsOf.get(cues);
  if (!byName) firstWordsOf.set(cues, byName = new Map());
  let set = byName.get(name);
  if (!set) {
    set = new Set();
    for (const source of sources()) for (const key of source.keys()) set.add(key);
    byName.set(name, set);
  }
  return set;
}

/** Cues of one sentence [lo, hi), skipping tokens for which `skip` is true (quoted content). */
export function matchCues(v: TokenView, lo: number, hi: number, cues: QuoteCues, skip: (i: number) => boolean): CueMatch[] {
  const out: CueMatch[] = [];
  // A word that opens no cue phrase and is no cue verb cannot start a cue: one look-up instead of three.
  const starts = firstWords(cues, 'cues', () => [cues.prepositions, cues.verbPhrases, cues.verbs]);
  for (let i = lo; i < hi; i++) {
    if (!starts.has(v.words[i]!) || skip(i)) continue;
    const w = v.words[i]!;
    const p = phraseAt(v, i, cues.prepositions, hi);
    if (p) {
      out.push({ first: i, last: i + p - 1, kind: 'prep', verb: null });
      i += p - 1;
      continue;
    }
    const vp = phraseAt(v, i, cues.verbPhrases, hi);
    const verb = vp ? cues.verbs.get(v.words.slice(i, i + vp).join(' ')) : cues.verbs.get(w);
    if (!verb) continue;
    // A capitalised cue word inside a sentence is a name ("Hope Hicks", "the Post").
    if (i > lo && isCapitalized(v, i)) continue;
    // In a hyphenated compound it is an adjective ("so-called", "well-known").
    if (i > lo && (v.words[i - 1] === '-' || v.text[v.start[i]! - 1] === '-')) continue;
    // After a determiner it is a noun or an adjective ("a report", "the said agreement").
    if (i > lo && DETERMINER.has(v.words[i - 1]!)) continue;
    // After a preposition it is a noun ("heads of state", "in response"), unless a gerund ("by saying").
    if (i > lo && PREPOSITION.has(v.words[i - 1]!) && !w.endsWith('ing')) continue;
    const len = vp || 1;
    out.push({ first: i, last: i + len - 1, kind: 'verb', verb });
    i += len - 1;
  }
  return out;
}
