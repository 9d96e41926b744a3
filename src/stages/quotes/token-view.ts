/**
 * A light view over the token table for the quotes stage: lower-cased words, sentence bounds and
 * a char-offset → token lookup, built once per document.
 */
import type { Span } from '../../core/span.js';
import type { TokenTable } from '../tokens/token-table.js';

export interface TokenView {
  text: string;
  n: number;
  start: Int32Array;
  end: Int32Array;
  sentence: Int32Array;
  /** Lower-cased token words. */
  words: string[];
  /** First token of each sentence, and one past its last. */
  sentFirst: Int32Array;
  sentEnd: Int32Array;
}

export function createTokenView(text: string, tokens: TokenTable, sentences: readonly Span[]): TokenView {
  const n = tokens.length;
  const words = new Array<string>(n);
  for (let i = 0; i < n; i++) words[i] = text.slice(tokens.start[i]!, tokens.end[i]!).toLowerCase();
  const sentFirst = new Int32Array(sentences.length).fill(-1);
  const sentEnd = new Int32Array(sentences.length);
  for (let i = 0; i < n; i++) {
    const s = tokens.sentence[i]!;
    if (sentFirst[s] === -1) sentFirst[s] = i;
    sentEnd[s] = i + 1;
  }
  return { text, n, start: tokens.start, end: tokens.end, sentence: tokens.sentence, words, sentFirst, sentEnd };
}

/** The first token whose end is after the offset (the token at or after it), n when none. */
export function tokenAtOrAfter(v: TokenView, offset: number): number {
  let lo = 0, hi = v.n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v.end[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Has a letter or digit (ASCII fast path first: most tokens are plain words). */
export const isWord = (w: string) => {
  const c = w.charCodeAt(0);
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90)) return true;
  return /[\p{L}\p{N}]/u.test(w);
};
const UPPER_FIRST = /^\p{Lu}/u;
/** Starts with an upper-case letter in the text (not the lower-cased word); ASCII answered from the code. */
export const isCapitalized = (v: TokenView, i: number) => {
  const at = v.start[i]!;
  const c = v.text.charCodeAt(at);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER_FIRST.test(v.text[at] ?? '');
};
export const spanOf = (v: TokenView, a: number, b: number): Span => ({ start: v.start[a]!, end: v.end[b]! });
