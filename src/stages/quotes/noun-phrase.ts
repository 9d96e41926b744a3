/**
 * Speaker noun phrases next to a cue, without a parser: the words before a cue back to a clause
 * boundary ("the statement from the Kremlin recalls"), or after an inverted cue ("wrote Mr. Slutsky").
 */
import type { TokenView } from './token-view.js';
import { isCapitalized, isWord } from './token-view.js';

/** Auxiliaries and adverbs that may stand between a speaker and its cue ("has also said"). */
const GAP = new Set([
  'has', 'have', 'had', 'also', 'later', 'then', 'previously', 'repeatedly', 'once', 'again', 'often',
  'has', 'is', 'was', 'were', 'are', 'will', 'would', 'could', 'can', 'may', 'might', 'should', 'must',
  'did', 'does', 'do', 'not', "n't", 'never', 'already', 'still', 'even', 'just', 'recently', 'long',
  'earlier', 'since', 'first', 'always', 'reportedly', 'allegedly', 'apparently', 'further', 'too',
  'been', 'be', 'being', 'now', 'both', 'all', 'each', 'only', 'yet', 'ever', 'privately', 'publicly',
]);
/** Words that never belong to a speaker phrase: clause openers, auxiliaries, conjunctions. */
const STOP = new Set([
  'that', 'which', 'and', 'but', 'or', 'nor', 'because', 'when', 'if', 'as', 'while', 'after', 'before',
  'since', 'where', 'than', 'so', 'then', 'also', 'has', 'have', 'had', 'is', 'was', 'were', 'are', 'be',
  'been', 'will', 'would', 'could', 'should', 'can', 'may', 'might', 'must', 'did', 'do', 'does', 'not',
  "n't", 'whom', 'whose', 'what', 'why', 'how', 'though', 'although', 'unless', 'whether', 'yet', 'once',
  'to', 'it', 'there', 'here', 'this', 'these', 'those', 'said', 'says', 'say', 'told', 'tells', 'during',
  'in', 'on', 'at', 'by', 'with', 'into', 'about', 'over', 'under', 'against', 'without', 'through', 'like',
  'being', 'having', 'even', 'just', 'still', 'now', 'too', 'much',
]);
/** Pronouns that are a speaker phrase on their own. */
export const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'who', 'which', 'him', 'her', 'them', 'us', 'me']);
/** Words that may sit inside a speaker phrase though they would stop it at its edge. */
const INNER = new Set(['of', 'for', 'from', 'to', 'at', 'in', 'on', 'by', 'and', '&']);
const DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'my', 'your', 'this', 'that', 'these', 'those', 'some', 'many', 'several', 'two', 'three', 'other', 'another', 'one']);

function npToken(v: TokenView, i: number): boolean {
  const w = v.words[i]!;
  if (w === "'s" || w === '’s' || w === '-') return true;
  if (!isWord(w)) return false;
  return !STOP.has(w) && !PRONOUNS.has(w);
}

/** Tokens [a, b] of the phrase ending just before `cue` (after skipping a gap), or null. */
export function phraseBefore(v: TokenView, cue: number, lo: number, isCue: (i: number) => boolean): [number, number] | null {
  let j = cue - 1;
  for (;;) {
    if (j < lo) break;
    const g = v.words[j]!;
    if (GAP.has(g) || (/ly$/.test(g) && g.length > 4 && !isCapitalized(v, j))) j--;
    else if (g === 'least' && v.words[j - 1] === 'at') j -= 2;
    else break;
  }
  if (j < lo) return null;
  const w = v.words[j]!;
  if (PRONOUNS.has(w)) return [j, j];
  if (!npToken(v, j) || isCue(j)) return null;
  let a = j;
  while (a - 1 >= lo && j - a < 12) {
    const p = a - 1;
    const pw = v.words[p]!;
    if (npToken(v, p) && !isCue(p)) { a = p; continue; }
    // "chairman of the committee", "adviser to Russian President X": a preposition inside a phrase
    // whose word before it is a noun-like word, not a clause boundary.
    if (INNER.has(pw) && p - 1 >= lo && npToken(v, p - 1) && !isCue(p - 1) && (isCapitalized(v, a) || DETERMINERS.has(v.words[a]!))) { a = p; continue; }
    break;
  }
  while (a < j && (INNER.has(v.words[a]!) || v.words[a] === "'s" || v.words[a] === '’s')) a++;
  return [a, j];
}

/** Tokens [a, b] of the phrase starting at `i` (an inverted speaker or an according-to phrase), or null. */
export function phraseAfter(v: TokenView, i: number, hi: number, isCue: (i: number) => boolean, maxLen = 10): [number, number] | null {
  if (i >= hi) return null;
  const w = v.words[i]!;
  if (PRONOUNS.has(w)) return [i, i];
  if (!(npToken(v, i) || (DETERMINERS.has(w) && w !== 'that' && w !== 'this')) || isCue(i)) return null;
  let b = i;
  while (b + 1 < hi && b + 1 - i < maxLen) {
    const q = b + 1;
    const qw = v.words[q]!;
    if (qw === ',' && q + 1 < hi && isCapitalized(v, q + 1) && isCapitalized(v, b) && /^(jr|sr|inc|ii|iii)\.?$/.test(v.words[q + 1]!)) { b = q + 1; continue; }
    if ((npToken(v, q) || DETERMINERS.has(qw)) && !isCue(q)) { b = q; continue; }
    // A parenthesis after a name: "Rep. Jim McDermott (D-Wash.) said".
    if (qw === '(') {
      let k = q + 1;
      while (k < hi && k - q < 8 && v.words[k] !== ')') k++;
      if (k < hi && v.words[k] === ')') { b = k; continue; }
    }
    if ((qw === 'of' || qw === 'for' || qw === 'from' || qw === 'and') && q + 1 < hi && (npToken(v, q + 1) || DETERMINERS.has(v.words[q + 1]!))) { b = q; continue; }
    break;
  }
  while (b > i && (INNER.has(v.words[b]!) || DETERMINERS.has(v.words[b]!))) b--;
  return [i, b];
}
