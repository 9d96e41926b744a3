/**
 * The part-of-speech tagger: an averaged perceptron over hashed word, affix, shape and context
 * features with greedy left-to-right decoding. One label is a UPOS|PTB pair, so both come at once.
 */
import { fh, hashExact, hashLower, hashShape } from './hash.js';

/** Anything that scores a feature list: the training weights or the shipped sparse table. */
export interface Scorer {
  readonly nClasses: number;
  score(feats: Uint32Array, n: number, scores: Float64Array): void;
}

/** Per-token integer columns of a sentence, computed once and shared by tagger and parser. */
export interface WordColumns {
  n: number;
  lower: Uint32Array;
  exact: Uint32Array;
  shape: Uint32Array;
  suf1: Uint32Array;
  suf2: Uint32Array;
  suf3: Uint32Array;
  suf4: Uint32Array;
  suf5: Uint32Array;
  /** The part after the last hyphen of a hyphenated word ("Russian-backed" → backed), else 0. */
  tail: Uint32Array;
  pre1: Uint32Array;
  pre2: Uint32Array;
  pre3: Uint32Array;
  /** Ambiguity class of each word: a hash of the tags the training data gave it, 0 when unknown. */
  amb: Uint32Array;
  /** Word cluster of each word (train/clusters.ts): fine class + 1 in the low 16 bits, coarse class + 1 above; 0 when unknown. */
  clu: Uint32Array;
  /** 0 ordinary, 1 every cased word in capitals (headline), 2 every long word capitalized (title case). */
  sentenceCase: number;
}

/** Values standing for positions outside the sentence. */
const BOS1 = 0x1001;
const BOS2 = 0x1002;
const EOS1 = 0x1003;
const EOS2 = 0x1004;

/** Word (lower-case hash) → ambiguity class, learnt from the training data. */
export interface Lexicon {
  get(word: number): number | undefined;
}

export function wordColumns(words: readonly string[], lexicon?: Lexicon, clusters?: Lexicon): WordColumns {
  const n = words.length;
  const c = emptyColumns(n);
  let cased = 0, upper = 0, longWords = 0, titled = 0;
  for (let i = 0; i < n; i++) {
    const f = wordInto(c, i, words[i]!);
    cased += f & CASED;
    upper += (f & UPPER) >> 1;
    longWords += (f & LONG) >> 2;
    titled += (f & TITLED) >> 3;
  }
  if (lexicon) fillAmbiguity(c, lexicon);
  if (clusters) fillClusters(c, clusters);
  c.sentenceCase = sentenceCaseOf(cased, upper, longWords, titled);
  return c;
}

/** Columns of n tokens, all 0 (views on one buffer: one allocation instead of 14). */
export function emptyColumns(n: number): WordColumns {
  const buffer = new ArrayBuffer(14 * 4 * n);
  let at = 0;
  const mk = () => {
    const a = new Uint32Array(buffer, at, n);
    at += 4 * n;
    return a;
  };
  return {
    n, lower: mk(), exact: mk(), shape: mk(), suf1: mk(), suf2: mk(), suf3: mk(), suf4: mk(), suf5: mk(), tail: mk(),
    pre1: mk(), pre2: mk(), pre3: mk(), amb: mk(), clu: mk(), sentenceCase: 0,
  };
}

/** What sentenceCase counts of a word (wordInto's bits). */
export const CASED = 1, UPPER = 2, LONG = 4, TITLED = 8;

/**
 * The columns of token i that are made from the word alone (all but amb and clu, which the lexicons
 * fill), and the bits of what sentenceCase counts (CASED, UPPER, LONG, TITLED).
 */
export function wordInto(c: WordColumns, i: number, w: string): number {
  const len = w.length;
  c.lower[i] = hashLower(w);
  c.exact[i] = hashExact(w);
  c.shape[i] = hashShape(w);
  // Affix hashes carry their length so a short word's whole-word "suffix" differs per template.
  c.suf1[i] = hashLower(w, Math.max(0, len - 1)) ^ 1;
  c.suf2[i] = hashLower(w, Math.max(0, len - 2)) ^ 2;
  c.suf3[i] = hashLower(w, Math.max(0, len - 3)) ^ 3;
  c.suf4[i] = hashLower(w, Math.max(0, len - 4)) ^ 4;
  c.suf5[i] = hashLower(w, Math.max(0, len - 5)) ^ 8;
  const hyphen = w.lastIndexOf('-');
  c.tail[i] = hyphen > 0 && hyphen < len - 1 ? hashLower(w, hyphen + 1) ^ 9 : 0;
  c.pre1[i] = hashLower(w, 0, Math.min(len, 1)) ^ 5;
  c.pre2[i] = hashLower(w, 0, Math.min(len, 2)) ^ 6;
  c.pre3[i] = hashLower(w, 0, Math.min(len, 3)) ^ 7;
  const ch = w.charCodeAt(0);
  let flags = 0;
  if (w.toLowerCase() !== w.toUpperCase()) {
    flags |= CASED;
    if (w === w.toUpperCase() && len > 1) flags |= UPPER;
  }
  if (len > 3 && ((ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122))) {
    flags |= LONG;
    if (ch <= 90) flags |= TITLED;
  }
  return flags;
}

/** A sentence's case from its words' counts (wordInto): 1 headline capitals, 2 title case, else 0. */
export function sentenceCaseOf(cased: number, upper: number, longWords: number, titled: number): number {
  if (cased >= 3 && upper >= cased * 0.8) return 1;
  if (longWords >= 3 && titled === longWords) return 2;
  return 0;
}

export function fillAmbiguity(c: WordColumns, lexicon: Lexicon): void {
  for (let i = 0; i < c.n; i++) c.amb[i] = lexicon.get(c.lower[i]!) ?? 0;
}

/** Word → cluster value (see WordColumns.clu). */
export function fillClusters(c: WordColumns, clusters: Lexicon): void {
  for (let i = 0; i < c.n; i++) c.clu[i] = clusters.get(c.lower[i]!) ?? 0;
}

export const NUM_STATIC = 32;
export const NUM_TAG_FEATURES = NUM_STATIC + 8;

/**
 * The context features of token i that do not depend on predicted tags, into out[at..]. `dir` -1:
 * those of the sentence read backwards (the right-to-left tagger), without copying the columns.
 */
export function staticFeatures(c: WordColumns, i: number, out: Uint32Array, at: number, dir: 1 | -1 = 1): void {
  wordFeatures(c, i, out, at);
  neighbourFeatures(c, i, out, at, dir);
}

/** The slots of staticFeatures that read token i's own word alone, and the sentence's case (WORD_SLOTS). */
export function wordFeatures(c: WordColumns, i: number, out: Uint32Array, at: number): void {
  const w = c.lower[i]!;
  const sh = c.shape[i]!;
  out[at] = fh(0, 0);
  out[at + 1] = fh(1, w);
  out[at + 2] = fh(2, c.exact[i]!);
  out[at + 3] = fh(3, c.suf1[i]!);
  out[at + 4] = fh(4, c.suf2[i]!);
  out[at + 5] = fh(5, c.suf3[i]!);
  out[at + 6] = fh(6, c.suf4[i]!);
  out[at + 7] = fh(7, c.pre1[i]!);
  out[at + 8] = fh(8, c.pre2[i]!);
  out[at + 9] = fh(9, c.pre3[i]!);
  out[at + 10] = fh(10, sh);
  out[at + 22] = fh(22, c.sentenceCase, sh, c.suf2[i]!);
  const a = c.amb[i]!;
  out[at + 23] = fh(23, a, a === 0 ? sh : 0);
  out[at + 26] = fh(26, c.suf5[i]!);
  out[at + 27] = fh(27, c.tail[i]!);
  const k0 = c.clu[i]!;
  out[at + 28] = fh(40, k0 & 0xffff);
  out[at + 29] = fh(41, k0 >>> 16, sh);
}

/** The other slots of staticFeatures: they read the neighbours (in reading order: dir) or the position. */
export function neighbourFeatures(c: WordColumns, i: number, out: Uint32Array, at: number, dir: 1 | -1): void {
  const n = c.n;
  const lw = c.lower;
  // The previous and next words in reading order.
  const ip = i - dir;
  const inx = i + dir;
  const hasP = ip >= 0 && ip < n;
  const hasP2 = ip - dir >= 0 && ip - dir < n;
  const hasN = inx >= 0 && inx < n;
  const hasN2 = inx + dir >= 0 && inx + dir < n;
  const p1 = hasP ? lw[ip]! : BOS1;
  const p2 = hasP2 ? lw[ip - dir]! : hasP ? BOS1 : BOS2;
  const n1 = hasN ? lw[inx]! : EOS1;
  const n2 = hasN2 ? lw[inx + dir]! : hasN ? EOS1 : EOS2;
  const w = lw[i]!;
  const sh = c.shape[i]!;
  const shp = hasP ? c.shape[ip]! : BOS1;
  const shn = hasN ? c.shape[inx]! : EOS1;
  out[at + 11] = fh(11, p1);
  out[at + 12] = fh(12, p2);
  out[at + 13] = fh(13, n1);
  out[at + 14] = fh(14, n2);
  out[at + 15] = fh(15, hasP ? c.suf3[ip]! : BOS1);
  out[at + 16] = fh(16, hasN ? c.suf3[inx]! : EOS1);
  out[at + 17] = fh(17, shp, sh);
  out[at + 18] = fh(18, sh, shn);
  out[at + 19] = fh(19, p1, w);
  out[at + 20] = fh(20, w, n1);
  out[at + 21] = fh(21, hasP ? 0 : 1, sh);
  const a = c.amb[i]!;
  out[at + 24] = fh(24, a, hasN ? c.amb[inx]! : EOS1);
  out[at + 25] = fh(25, hasP ? c.amb[ip]! : BOS1, a);
  // Word clusters: what the word's neighbours say about words seen too rarely in the treebank.
  const cl = c.clu;
  const k0 = cl[i]!;
  const kp = hasP ? cl[ip]! : BOS1;
  const kn = hasN ? cl[inx]! : EOS1;
  out[at + 30] = fh(42, kp & 0xffff, k0 & 0xffff);
  out[at + 31] = fh(43, k0 & 0xffff, kn & 0xffff);
}

/**
 * The slots wordFeatures writes: in sentences of case 0 their summed scores are the same wherever
 * the word stands, so they can be summed once per word (WordRows).
 */
export const WORD_SLOTS: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 22, 23, 26, 27, 28, 29];
const CONTEXT_SLOTS = Int32Array.from({ length: NUM_STATIC }, (_, j) => j).filter((j) => !WORD_SLOTS.includes(j));
const NUM_CONTEXT = CONTEXT_SLOTS.length;

/**
 * Per token of a sentence of case 0, where in `scores` the summed scores of its WORD_SLOTS
 * features start (a row of nClasses; see wordRow), or -1: that token's are scored one by one.
 * Scores are sums of integers (the shipped tables), so adding a row instead of its features
 * leaves every total exactly as it was.
 */
export interface WordRows {
  scores: Int16Array;
  at: Int32Array;
}

const all = new Uint32Array(NUM_STATIC);
const wordFeats = new Uint32Array(WORD_SLOTS.length);

/**
 * The summed scores of token i's WORD_SLOTS features, into out[at..at + nClasses) (integer-valued
 * scorers only); false when one does not fit an Int16 (the shipped tables' sums are far below).
 */
export function wordRow(c: WordColumns, i: number, scorer: Scorer, out: Int16Array, at: number): boolean {
  wordFeatures(c, i, all, 0);
  for (let j = 0; j < WORD_SLOTS.length; j++) wordFeats[j] = all[WORD_SLOTS[j]!]!;
  const k = scorer.nClasses;
  if (scores.length < k) scores = new Float64Array(k);
  scorer.score(wordFeats, WORD_SLOTS.length, scores);
  for (let j = 0; j < k; j++) {
    const x = scores[j]!;
    if (!(x >= -32768 && x <= 32767 && Number.isInteger(x))) return false;
    out[at + j] = x;
  }
  return true;
}

/** staticFeatures' other slots (not WORD_SLOTS) into out[0..NUM_CONTEXT); returns NUM_CONTEXT. */
function contextFeatures(c: WordColumns, i: number, out: Uint32Array, dir: 1 | -1): number {
  neighbourFeatures(c, i, all, 0, dir);
  for (let j = 0; j < NUM_CONTEXT; j++) out[j] = all[CONTEXT_SLOTS[j]!]!;
  return NUM_CONTEXT;
}

/** The features that read the tags already predicted (p1, p2: previous two, NUM_CLASSES+k at the start). */
export function dynamicFeatures(c: WordColumns, i: number, t1: number, t2: number, out: Uint32Array, at: number): void {
  const w = c.lower[i]!;
  out[at] = fh(30, t1);
  out[at + 1] = fh(31, t1, t2);
  out[at + 2] = fh(32, t1, w);
  out[at + 3] = fh(33, t2);
  out[at + 4] = fh(34, t1, c.suf3[i]!);
  out[at + 5] = fh(35, t1, i + 1 < c.n ? c.lower[i + 1]! : EOS1);
  out[at + 6] = fh(36, t1, c.amb[i]!);
  out[at + 7] = fh(37, t1, c.clu[i]! & 0xffff);
}

/** Tag ids standing for "before the sentence" in the history features. */
const START1 = 250;
const START2 = 251;

/**
 * Greedy decoding. With `gold` and `update`, trains: after each wrong guess update(feats, gold, guess)
 * is called (the history uses the model's own guesses, as at tagging time). With `tagdict`, words
 * it lists take their tag from it unscored. With `rows` (not when training), the word-only features
 * of each scored token come summed from there.
 */
const feats = new Uint32Array(NUM_TAG_FEATURES);
let scores = new Float64Array(256);

export function tagSentence(
  c: WordColumns,
  scorer: Scorer,
  out: Uint8Array,
  gold?: ArrayLike<number>,
  update?: (feats: Uint32Array, n: number, gold: number, guess: number) => void,
  tagdict?: Lexicon,
  keep?: KeptScores,
  rows?: WordRows,
): void {
  const k = scorer.nClasses;
  const cached = rows !== undefined && update === undefined && c.sentenceCase === 0;
  if (scores.length < k) scores = new Float64Array(k);
  if (keep) {
    if (keep.margin.length < c.n) keep.margin = new Float64Array(Math.max(c.n, 2 * keep.margin.length));
    if (keep.scores.length < c.n * k) keep.scores = new Float64Array(Math.max(c.n * k, 2 * keep.scores.length));
  }
  for (let i = 0; i < c.n; i++) {
    // Frequent words with one tag ("the", ",", "of"): no scoring (tag id + 1, keyed by exact form).
    if (tagdict) {
      const t = tagdict.get(c.exact[i]!);
      if (t !== undefined) {
        out[i] = t - 1;
        if (keep) keep.margin[i] = Infinity;
        continue;
      }
    }
    const t1 = i > 0 ? out[i - 1]! : START1;
    const t2 = i > 1 ? out[i - 2]! : i > 0 ? START1 : START2;
    if (cached && rows.at[i]! >= 0) {
      const nf = contextFeatures(c, i, feats, 1);
      dynamicFeatures(c, i, t1, t2, feats, nf);
      scorer.score(feats, nf + 8, scores);
      const arena = rows.scores;
      for (let j = 0, at = rows.at[i]!; j < k; j++) scores[j]! += arena[at + j]!;
    } else {
      staticFeatures(c, i, feats, 0);
      dynamicFeatures(c, i, t1, t2, feats, NUM_STATIC);
      scorer.score(feats, NUM_TAG_FEATURES, scores);
    }
    let best = 0;
    if (keep) {
      let second = -Infinity;
      for (let j = 1; j < k; j++) {
        const x = scores[j]!;
        if (x > scores[best]!) { second = scores[best]!; best = j; } else if (x > second) second = x;
      }
      const m = scores[best]! - second;
      keep.margin[i] = m;
      if (m < keep.limit) {
        const kept = keep.scores;
        for (let j = 0, at = i * k; j < k; j++) kept[at + j] = scores[j]!;
      }
    } else for (let j = 1; j < k; j++) if (scores[j]! > scores[best]!) best = j;
    if (gold && update && gold[i] !== best) update(feats, NUM_TAG_FEATURES, gold[i]!, best);
    out[i] = best;
  }
}

/**
 * Per token, the winning tag's margin over the next (Infinity: from the tag dictionary), and the
 * class scores (token × class) of the tokens whose margin is below limit.
 */
export interface KeptScores {
  limit: number;
  margin: Float64Array;
  scores: Float64Array;
}

/** The sentence's columns read backwards (for the right-to-left tagger). */
export function reversedColumns(c: WordColumns): WordColumns {
  const r = (a: Uint32Array) => a.slice().reverse();
  return {
    n: c.n, lower: r(c.lower), exact: r(c.exact), shape: r(c.shape), suf1: r(c.suf1), suf2: r(c.suf2), suf3: r(c.suf3), suf4: r(c.suf4),
    suf5: r(c.suf5), tail: r(c.tail), pre1: r(c.pre1), pre2: r(c.pre2), pre3: r(c.pre3), amb: r(c.amb), clu: r(c.clu), sentenceCase: c.sentenceCase,
  };
}

/**
 * A second opinion on the uncertain tokens: each word whose left-to-right tag won by less than
 * `margin` (kept: that pass's scores) is scored by a right-to-left tagger too (the sentence read
 * backwards, the tags to its right as history), right to left, and takes the tag of the summed scores.
 * `rows`: the backward tagger's word rows of the tokens asked (see tagSentence).
 */
export function retagBackward(c: WordColumns, backward: Scorer, out: Uint8Array, kept: KeptScores, margin = kept.limit, second?: SecondTags, rows?: WordRows): void {
  const k = backward.nClasses;
  if (scores.length < k) scores = new Float64Array(k);
  const n = c.n;
  const cached = rows !== undefined && c.sentenceCase === 0;
  for (let i = n - 1; i >= 0; i--) {
    if (!(kept.margin[i]! < margin)) continue;
    const row = cached ? rows.at[i]! : -1;
    let at = NUM_STATIC;
    if (row >= 0) at = contextFeatures(c, i, feats, -1);
    else staticFeatures(c, i, feats, 0, -1);
    const t1 = i + 1 < n ? out[i + 1]! : START1;
    const t2 = i + 2 < n ? out[i + 2]! : i + 1 < n ? START1 : START2;
    const w = c.lower[i]!;
    const f = feats;
    // dynamicFeatures of the sentence read backwards: the next word is the one to the left.
    f[at] = fh(30, t1);
    f[at + 1] = fh(31, t1, t2);
    f[at + 2] = fh(32, t1, w);
    f[at + 3] = fh(33, t2);
    f[at + 4] = fh(34, t1, c.suf3[i]!);
    f[at + 5] = fh(35, t1, i > 0 ? c.lower[i - 1]! : EOS1);
    f[at + 6] = fh(36, t1, c.amb[i]!);
    f[at + 7] = fh(37, t1, c.clu[i]! & 0xffff);
    backward.score(feats, at + 8, scores);
    if (row >= 0) {
      const arena = rows!.scores;
      for (let x = 0; x < k; x++) scores[x]! += arena[row + x]!;
    }
    let best = 0;
    for (let x = 0; x < k; x++) {
      scores[x]! += kept.scores[i * k + x]!;
      if (scores[x]! > scores[best]!) best = x;
    }
    out[i] = best;
    if (second) {
      let s2 = best === 0 ? 1 : 0;
      for (let x = 0; x < k; x++) if (x !== best && scores[x]! > scores[s2]!) s2 = x;
      second.tag[i] = s2;
      second.margin[i] = scores[best]! - scores[s2]!;
    }
  }
}

/** The runner-up tag of each token retagBackward rescored and its summed margin (untouched for the others). */
export interface SecondTags {
  tag: Uint8Array;
  margin: Float64Array;
}

