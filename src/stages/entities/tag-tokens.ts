/**
 * The NER tagger as the stage runs it: the same labels as decode(prepare(...)), with the scores
 * of the features a word alone decides summed once per distinct word and kept across documents.
 */
import type { HashedGazetteer, TaggerInput } from './features.js';
import { BOS, comb, fid, Flag, hashToken, NONE, SMI, sentenceColumns, tables } from './features.js';
import { FNV_OFFSET, mix } from './hashing.js';
import { ownString } from '../../core/own-string.js';
import { decode, isInside, NUM_LABELS, offsetOf, popcount, prepare, typeOfLabel } from './tagger.js';
import type { Weights } from './tagger.js';

/*
 * Why the scores may be summed ahead: the shipped weights are bytes (Int8Array), so every score
 * is a sum of integers, exact in any order; the labels are those of decode, ties included. Of a
 * token's 47 features, 13 depend on its word only, 9 on one neighbouring word (at -3..+3), 5 on
 * its word and three small context values, 5 on the gazetteer columns (nearly always zero), 5 on
 * the labels before it and the word's history, 2 on the previous label with the word (kept per
 * word for an O before it): their summed rows come from tables here. Eight features of word and
 * shape pairs are looked up per token as decode does. Entries are keyed by the word's string (never by a hash alone) and built from
 * the word by the same function as the document's columns (hashToken).
 */

/** Score vectors per cached word, NUM_LABELS values each. */
const OWN = 0; // the 13 word-only features
const OWN_CTX0 = 1; // OWN + the 5 context features when caps, lowerElsewhere and first are 0
const LEFT1 = 2; // the word as the token before (templates 4, 9, 40)
const LEFT2 = 3;
const LEFT3 = 4;
const RIGHT1 = 5; // the word as the token after (templates 5, 10)
const RIGHT2 = 6;
const RIGHT3 = 7;
const AFTER_O = 8; // the two label-and-word features (templates 103, 104) after an O label, the commonest
const VECTORS = 9;
/** Features of word and shape pairs, looked up per token. */
const PAIRS = 8;
/** Fields of a word's meta record. */
const META_LOW = 0;
const META_SHAPE = 1;
const META_FLAGS = 2; // flags (all but SentStart), and LOWER_FIRST
const META_LOWID = 3;
const META = 4;
const LOWER_FIRST = 1 << 30;
const ROW = VECTORS * NUM_LABELS;

/** At most this many words are kept (~190 bytes each plus the map's, ~8 MB in all); the table is emptied when full. */
const MAX_WORDS = 1 << 15;

/** Label-side tables: constant vectors, the label features and the gazetteer-free vector. */
const P = NUM_LABELS + 1; // previous labels: 0..8 and the sentence start (9)
const HIST = 6; // a word's history: 0 unseen, 1..4 its type, 5 outside
const C_BOUND = 0; // six boundary vectors: before 1, 2, 3 and after 1, 2, 3
const C_GAZ0 = 6; // four vectors (flags & 3) for tokens with no gazetteer match at or around them
const C_ZERO = 10; // zeros
/** The vectors above are copied after the words' in `vec`, so that one array holds every vector a token adds. */
const C_FIXED = 11;
const C_PREV = 11; // P * P vectors: templates 101, 102
const C_HIST = C_PREV + P * P; // HIST * 4 * P vectors: templates 105, 106, 107
const C_END = C_HIST + HIST * 4 * P;

class WordTable {
  /**
   * The words by id, found through an open-addressing table over their FNV-1a hashes (slots hold
   * id + 1, 0 when empty; the full hash beside it), each candidate compared as a string: a Map of
   * strings cost more than the rest of the token's columns (hashing each new string in C++, then
   * chasing the entry and the key).
   */
  keys: string[] = [];
  slots = new Int32Array(0);
  slotHash = new Int32Array(0);
  /** Lower-case hash (masked as the history and lower-case sets key it) → a small id. */
  readonly lowIds = new Map<number, number>();
  size = 0;
  cap = 0;
  /** Changes whenever the table is emptied (unique across tables): word ids are valid within one epoch. */
  epoch = 0;
  /** Per word, side by side (one cache line): META_* fields. */
  meta = new Uint32Array(0);
  vec = new Int16Array(0);
  /** Per low id: the document stamp when it was seen in lower case / given a history, and the history. */
  seenAt = new Int32Array(0);
  histAt = new Int32Array(0);
  hist = new Uint8Array(0);
  stamp = 0;
  readonly consts: Int16Array;
  readonly shift: number;
  /** The weights' bit set and ranks interleaved: a bucket's row is found with one memory access, not two. */
  readonly br: Uint32Array;

  constructor(readonly w: Weights) {
    this.shift = 32 - w.bits;
    this.consts = labelTables(w, this.shift);
    const bitmap = w.bitmap!, rank = w.rank!;
    this.br = new Uint32Array(bitmap.length * 2);
    for (let j = 0; j < bitmap.length; j++) { this.br[2 * j] = bitmap[j]!; this.br[2 * j + 1] = rank[j]!; }
  }

  /**
   * Makes room for a document of n tokens: empties the table when its words could pass maxWords
   * (the arrays grow to max(maxWords, n) and never shrink).
   */
  reserve(n: number, maxWords: number): void {
    if (this.size + n <= maxWords && this.size + n <= this.cap) return;
    const cap = Math.max(maxWords, n);
    this.keys.length = 0;
    this.lowIds.clear();
    this.size = 0;
    this.epoch = ++epochs;
    // seenAt and histAt may keep old stamps: a stamp is only ever compared with the current document's.
    if (cap > this.cap) {
      this.cap = cap;
      this.meta = new Uint32Array(cap * META);
      this.vec = new Int16Array(cap * ROW + C_FIXED * NUM_LABELS);
      this.vec.set(this.consts.subarray(0, C_FIXED * NUM_LABELS), cap * ROW);
      this.seenAt = new Int32Array(cap);
      this.histAt = new Int32Array(cap);
      this.hist = new Uint8Array(cap);
      // At most half full: short probe runs.
      let slots = 1;
      while (slots < cap * 2) slots *= 2;
      this.slots = new Int32Array(slots);
      this.slotHash = new Int32Array(slots);
    } else {
      this.slots.fill(0);
    }
  }
}

const tablesOf = new WeakMap<Weights, WordTable>();
let epochs = 0;

function tableOf(w: Weights): WordTable {
  let t = tablesOf.get(w);
  if (!t) { t = new WordTable(w); tablesOf.set(w, t); }
  return t;
}

/**
 * Adds the row of feature (template tpl, value v) to out[at..at+9). Two versions, one per array
 * type, each monomorphic: addRow per token, addRow16 when a word or the tables are built.
 */
function addRow(t: WordTable, tpl: number, v: number, out: Int32Array, at: number): void {
  const o = rowOf(t.br, fid(tpl, v, t.shift));
  if (o < 0) return;
  const values = t.w.values;
  for (let l = 0; l < NUM_LABELS; l++) out[at + l] = out[at + l]! + values[o + l]!;
}

/** offsetOf over the interleaved bit set and ranks. */
function rowOf(br: Uint32Array, bucket: number): number {
  const j = (bucket >>> 5) << 1;
  const word = br[j]!;
  const bit = 1 << (bucket & 31);
  if (!(word & bit)) return -1;
  return (br[j + 1]! + popcount(word & (bit - 1))) * NUM_LABELS;
}

function addRow16(w: Weights, t: number, v: number, shift: number, out: Int16Array, at: number): void {
  const o = offsetOf(w, fid(t, v, shift));
  if (o < 0) return;
  const values = w.values;
  for (let l = 0; l < NUM_LABELS; l++) out[at + l] = out[at + l]! + values[o + l]!;
}

/** Sums of at most 5 byte weights each: Int16 like the word vectors, so addVec reads one array type. */
function labelTables(w: Weights, shift: number): Int16Array {
  const c = new Int16Array(C_END * NUM_LABELS);
  const v = (k: number) => k * NUM_LABELS;
  addRow16(w, 4, BOS - 1, shift, c, v(C_BOUND)); addRow16(w, 9, BOS - 1, shift, c, v(C_BOUND)); addRow16(w, 40, BOS - 1, shift, c, v(C_BOUND));
  addRow16(w, 6, BOS - 2, shift, c, v(C_BOUND + 1));
  addRow16(w, 36, BOS - 3, shift, c, v(C_BOUND + 2));
  addRow16(w, 5, BOS + 1, shift, c, v(C_BOUND + 3)); addRow16(w, 10, BOS + 1, shift, c, v(C_BOUND + 3));
  addRow16(w, 7, BOS + 2, shift, c, v(C_BOUND + 4));
  addRow16(w, 37, BOS + 3, shift, c, v(C_BOUND + 5));
  for (let f3 = 0; f3 < 4; f3++) {
    const at = v(C_GAZ0 + f3);
    addRow16(w, 26, 0, shift, c, at); addRow16(w, 27, 0, shift, c, at); addRow16(w, 28, 0, shift, c, at);
    addRow16(w, 29, comb(0, f3), shift, c, at); addRow16(w, 39, comb(0, 0), shift, c, at);
  }
  for (let p1 = 0; p1 < P; p1++) {
    for (let p2 = 0; p2 < P; p2++) {
      const at = v(C_PREV + p1 * P + p2);
      addRow16(w, 101, p1 + 1, shift, c, at); addRow16(w, 102, p1 * 16 + p2 + 1, shift, c, at);
    }
  }
  for (let h = 0; h < HIST; h++) {
    for (let f3 = 0; f3 < 4; f3++) {
      for (let p1 = 0; p1 < P; p1++) {
        const at = v(C_HIST + (h * 4 + f3) * P + p1);
        addRow16(w, 105, h + 1, shift, c, at); addRow16(w, 106, h * 4 + f3 + 1, shift, c, at); addRow16(w, 107, h * 16 + p1 + 1, shift, c, at);
      }
    }
  }
  return c;
}

/** One-token buffers for hashToken. */
const one = { low: new Uint32Array(1), exact: new Uint32Array(1), shape: new Uint32Array(1), flags: new Int32Array(1), affix: new Uint32Array(8) };

/** Adds a word to the table (a function of its own: after the first documents it rarely runs). */
function addWord(t: WordTable, word: string): number {
  const [fold, klass] = tables();
  one.affix.fill(0);
  const lowerFirst = hashToken(word, 0, word.length, fold, klass, 0, one.low, one.exact, one.shape, one.affix, one.flags);
  const id = t.size++;
  const w0 = one.low[0]!, e0 = one.exact[0]!, s0 = one.shape[0]!, f0 = one.flags[0]!;
  let lid = t.lowIds.get(w0 & SMI);
  if (lid === undefined) { lid = t.lowIds.size; t.lowIds.set(w0 & SMI, lid); }
  const m = id * META;
  t.meta[m + META_LOW] = w0;
  t.meta[m + META_SHAPE] = s0;
  t.meta[m + META_FLAGS] = f0 | (lowerFirst ? LOWER_FIRST : 0);
  t.meta[m + META_LOWID] = lid;
  const { w, shift, vec } = t;
  const at = id * ROW;
  vec.fill(0, at, at + ROW);
  const own = at + OWN * NUM_LABELS;
  addRow16(w, 1, 0, shift, vec, own);
  addRow16(w, 2, w0, shift, vec, own);
  addRow16(w, 3, e0, shift, vec, own);
  addRow16(w, 8, s0, shift, vec, own);
  for (let a = 0; a < 8; a++) addRow16(w, 12 + a, one.affix[a] || NONE, shift, vec, own);
  addRow16(w, 20, f0, shift, vec, own);
  const ctx = at + OWN_CTX0 * NUM_LABELS;
  for (let l = 0; l < NUM_LABELS; l++) vec[ctx + l] = vec[own + l]!;
  addRow16(w, 23, comb(0, s0), shift, vec, ctx);
  addRow16(w, 24, comb(0, f0 & 7), shift, vec, ctx);
  addRow16(w, 25, comb(0, s0), shift, vec, ctx);
  addRow16(w, 34, comb(0, w0), shift, vec, ctx);
  addRow16(w, 38, comb(0, w0), shift, vec, ctx);
  addRow16(w, 4, w0, shift, vec, at + LEFT1 * NUM_LABELS); addRow16(w, 9, s0, shift, vec, at + LEFT1 * NUM_LABELS); addRow16(w, 40, e0, shift, vec, at + LEFT1 * NUM_LABELS);
  addRow16(w, 6, w0, shift, vec, at + LEFT2 * NUM_LABELS);
  addRow16(w, 36, w0, shift, vec, at + LEFT3 * NUM_LABELS);
  addRow16(w, 5, w0, shift, vec, at + RIGHT1 * NUM_LABELS); addRow16(w, 10, s0, shift, vec, at + RIGHT1 * NUM_LABELS);
  addRow16(w, 7, w0, shift, vec, at + RIGHT2 * NUM_LABELS);
  addRow16(w, 37, w0, shift, vec, at + RIGHT3 * NUM_LABELS);
  addRow16(w, 103, mix(0, w0), shift, vec, at + AFTER_O * NUM_LABELS); addRow16(w, 104, mix(0, s0), shift, vec, at + AFTER_O * NUM_LABELS);
  return id;
}

/** Per-document columns, reused across documents. */
let pool = { cap: -1, ids: new Int32Array(0), low: new Uint32Array(0), shape: new Uint32Array(0), flags: new Int32Array(0), gaz: new Int32Array(0), u8: new Uint8Array(0), stat: new Int32Array(0), pairs: new Int32Array(0) };

function poolOf(n: number): typeof pool {
  if (pool.cap < n) {
    const cap = Math.max(n, pool.cap * 2, 1024);
    pool = { cap, ids: new Int32Array(cap), low: new Uint32Array(cap), shape: new Uint32Array(cap), flags: new Int32Array(cap), gaz: new Int32Array(cap), u8: new Uint8Array(cap * 3), stat: new Int32Array(cap * NUM_LABELS), pairs: new Int32Array(cap * PAIRS) };
  }
  return pool;
}

export interface Tagged {
  /** Label ids (LABELS) per token. */
  labels: Uint8Array;
  /** The gazetteer column (see TokenColumns.gaz), valid until the next call. */
  gaz: Int32Array;
  /**
   * Each token's word id, valid until the next call, or null (plain path): equal ids, equal words.
   * Ids are below `idCap` and keep their word while `epoch` stays the same (see word-facts.ts).
   */
  ids: Int32Array | null;
  idCap: number;
  epoch: number;
}

/**
 * The tagger's labels for a document: decode(prepare(input, gaz, w), w), faster. `words[i]` must
 * be text.slice(start[i], end[i]). Weights that are not bytes (training) take the plain path.
 * `maxWords` bounds the word table (tests make it small to empty it often).
 */
export function tagTokens(input: TaggerInput, words: readonly string[], gaz: HashedGazetteer, w: Weights, maxWords = MAX_WORDS): Tagged {
  const n = input.start.length;
  if (!(w.values instanceof Int8Array) || !w.bitmap || words.length !== n) return plainTag(input, gaz, w);
  const t = tableOf(w);
  t.reserve(n, maxWords);
  const stamp = ++t.stamp;
  const b = poolOf(n);
  const ids = b.ids.subarray(0, n);
  const low = b.low.subarray(0, n);
  const shape = b.shape.subarray(0, n);
  const flags = b.flags.subarray(0, n);
  const gazCol = b.gaz.subarray(0, n).fill(0);
  const sentCaps = b.u8.subarray(0, n).fill(0);
  const lowEl = b.u8.subarray(n, 2 * n);
  const first = b.u8.subarray(2 * n, 3 * n);
  if (!wordColumns(t, words, input.sentence, stamp, ids, low, shape, flags, first)) return plainTag(input, gaz, w);
  sentenceColumns(n, input.sentence, flags, low, gaz, sentCaps, gazCol);
  lowerElsewhere(t, ids, flags, first, stamp, lowEl);
  const stat = b.stat.subarray(0, n * NUM_LABELS);
  staticScores(t, input.sentence, ids, low, shape, flags, gazCol, sentCaps, lowEl, first, stat, b.pairs.subarray(0, n * PAIRS));
  return { labels: decodeScores(t, input.sentence, ids, low, shape, flags, stat, stamp), gaz: gazCol, ids, idCap: t.cap, epoch: t.epoch };
}

function plainTag(input: TaggerInput, gaz: HashedGazetteer, w: Weights): Tagged {
  const p = prepare(input, gaz, w, true);
  return { labels: decode(p, w), gaz: p.cols.gaz, ids: null, idCap: 0, epoch: 0 };
}

/**
 * Each token's word entry and columns; marks the low ids of words written in lower case. False
 * for an empty token (whose flags read the character after it): the caller takes the plain path.
 */
function wordColumns(t: WordTable, words: readonly string[], sentence: Int32Array, stamp: number, ids: Int32Array,
  low: Uint32Array, shape: Uint32Array, flags: Int32Array, first: Uint8Array): boolean {
  const n = ids.length;
  const { meta, slots, slotHash, keys } = t;
  const mask = slots.length - 1;
  for (let i = 0; i < n; i++) {
    const word = words[i]!;
    const len = word.length;
    if (len === 0) return false;
    let h = FNV_OFFSET;
    for (let k = 0; k < len; k++) h = Math.imul(h ^ word.charCodeAt(k), 0x01000193);
    let slot = h & mask;
    let id = -1;
    for (let s = slots[slot]!; s !== 0; s = slots[slot]!) {
      if (slotHash[slot] === h && keys[s - 1] === word) { id = s - 1; break; }
      slot = (slot + 1) & mask;
    }
    // newWord writes into the arrays reserve sized for this document: `meta` stays the same array.
    if (id < 0) { id = addWord(t, word); keys.push(ownString(word)); slots[slot] = id + 1; slotHash[slot] = h; }
    ids[i] = id;
    const m = id * META;
    low[i] = meta[m + META_LOW]!;
    shape[i] = meta[m + META_SHAPE]!;
    const f = meta[m + META_FLAGS]!;
    flags[i] = f & ~LOWER_FIRST;
    first[i] = i === 0 || sentence[i - 1] !== sentence[i] ? 1 : 0;
    if (f & LOWER_FIRST) t.seenAt[meta[m + META_LOWID]!] = stamp;
  }
  return true;
}

/** 1 for a capitalised word also met in lower case in the document, 2 when it starts a sentence. */
function lowerElsewhere(t: WordTable, ids: Int32Array, flags: Int32Array, first: Uint8Array, stamp: number, out: Uint8Array): void {
  for (let i = 0; i < ids.length; i++) {
    out[i] = flags[i]! & Flag.InitCap && t.seenAt[t.meta[ids[i]! * META + META_LOWID]!] === stamp ? (first[i] ? 2 : 1) : 0;
  }
}

/** The summed rows of every label-independent feature of every token. */
function staticScores(t: WordTable, sentence: Int32Array, ids: Int32Array, low: Uint32Array, shape: Uint32Array, flags: Int32Array,
  gaz: Int32Array, sentCaps: Uint8Array, lowEl: Uint8Array, first: Uint8Array, stat: Int32Array, pairs: Int32Array): void {
  const { vec, shift } = t;
  const fixed = t.cap * ROW;
  const n = ids.length;
  for (let i = 0; i < n; i++) {
    const at = i * NUM_LABELS;
    const s = sentence[i]!;
    const in1 = i > 0 && sentence[i - 1] === s;
    const in2 = i > 1 && sentence[i - 2] === s;
    const in3 = i > 2 && sentence[i - 3] === s;
    const ip1 = i + 1 < n && sentence[i + 1] === s;
    const ip2 = i + 2 < n && sentence[i + 2] === s;
    const ip3 = i + 3 < n && sentence[i + 3] === s;
    const w0 = low[i]!, s0 = shape[i]!, f0 = flags[i]!;
    const caps = sentCaps[i]!, le = lowEl[i]!;
    const plain = caps === 0 && le === 0 && first[i] === 0;
    const g0 = gaz[i]!, gm1 = in1 ? gaz[i - 1]! : -1, gp1 = ip1 ? gaz[i + 1]! : -1;
    const noGaz = g0 === 0 && gm1 === 0 && gp1 === 0;
    // Eight vectors, each the word's own or a constant one: one pass, one store per label.
    const own = ids[i]! * ROW + (plain ? OWN_CTX0 : OWN) * NUM_LABELS;
    const l1 = in1 ? ids[i - 1]! * ROW + LEFT1 * NUM_LABELS : fixed + C_BOUND * NUM_LABELS;
    const l2 = in2 ? ids[i - 2]! * ROW + LEFT2 * NUM_LABELS : fixed + (C_BOUND + 1) * NUM_LABELS;
    const l3 = in3 ? ids[i - 3]! * ROW + LEFT3 * NUM_LABELS : fixed + (C_BOUND + 2) * NUM_LABELS;
    const r1 = ip1 ? ids[i + 1]! * ROW + RIGHT1 * NUM_LABELS : fixed + (C_BOUND + 3) * NUM_LABELS;
    const r2 = ip2 ? ids[i + 2]! * ROW + RIGHT2 * NUM_LABELS : fixed + (C_BOUND + 4) * NUM_LABELS;
    const r3 = ip3 ? ids[i + 3]! * ROW + RIGHT3 * NUM_LABELS : fixed + (C_BOUND + 5) * NUM_LABELS;
    const gz = fixed + (noGaz ? C_GAZ0 + (f0 & 3) : C_ZERO) * NUM_LABELS;
    for (let l = 0; l < NUM_LABELS; l++) {
      stat[at + l] = vec[own + l]! + vec[l1 + l]! + vec[l2 + l]! + vec[l3 + l]! + vec[r1 + l]! + vec[r2 + l]! + vec[r3 + l]! + vec[gz + l]!;
    }
    if (!plain) {
      addRow(t, 23, comb(caps, s0), stat, at);
      addRow(t, 24, comb(le, f0 & 7), stat, at);
      addRow(t, 25, comb(first[i]!, s0), stat, at);
      addRow(t, 34, comb(caps, w0), stat, at);
      addRow(t, 38, comb(le, w0), stat, at);
    }
    if (!noGaz) {
      addRow(t, 26, g0, stat, at);
      addRow(t, 27, gm1, stat, at);
      addRow(t, 28, gp1, stat, at);
      addRow(t, 29, comb(g0, f0 & 3), stat, at);
      addRow(t, 39, comb(gm1, g0), stat, at);
    }
    const wm1 = in1 ? low[i - 1]! : BOS - 1, wp1 = ip1 ? low[i + 1]! : BOS + 1;
    const sm1 = in1 ? shape[i - 1]! : BOS - 1, sp1 = ip1 ? shape[i + 1]! : BOS + 1;
    const sm2 = in2 ? shape[i - 2]! : BOS - 2, sp2 = ip2 ? shape[i + 2]! : BOS + 2;
    const k = i * PAIRS;
    pairs[k] = fid(11, comb(comb(sm1, s0), sp1), shift);
    pairs[k + 1] = fid(21, comb(wm1, w0), shift);
    pairs[k + 2] = fid(22, comb(w0, wp1), shift);
    pairs[k + 3] = fid(30, comb(wm1, s0), shift);
    pairs[k + 4] = fid(31, comb(wp1, s0), shift);
    pairs[k + 5] = fid(32, comb(sm2, sm1), shift);
    pairs[k + 6] = fid(33, comb(sp1, sp2), shift);
    pairs[k + 7] = fid(35, comb(wm1, wp1), shift);
  }
  pairRows(t.br, pairs);
  addPairRows(t.w.values, pairs, stat);
}

/*
 * The pair features' rows are found and added in two loops of their own after the ids are made,
 * as decode's were: each loop's loads do not wait on one another, so the processor overlaps the
 * cache misses of a token's eight random rows instead of taking them one after another.
 */

/** Feature ids to row offsets (-1: no row), in place. */
function pairRows(br: Uint32Array, pairs: Int32Array): void {
  for (let k = 0; k < pairs.length; k++) pairs[k] = rowOf(br, pairs[k]!);
}

function addPairRows(values: Weights['values'], pairs: Int32Array, stat: Int32Array): void {
  const n = pairs.length / PAIRS;
  for (let i = 0; i < n; i++) {
    const at = i * NUM_LABELS;
    let s0 = stat[at]!, s1 = stat[at + 1]!, s2 = stat[at + 2]!, s3 = stat[at + 3]!, s4 = stat[at + 4]!;
    let s5 = stat[at + 5]!, s6 = stat[at + 6]!, s7 = stat[at + 7]!, s8 = stat[at + 8]!;
    for (let k = i * PAIRS; k < (i + 1) * PAIRS; k++) {
      const o = pairs[k]!;
      if (o < 0) continue;
      s0 += values[o]!; s1 += values[o + 1]!; s2 += values[o + 2]!; s3 += values[o + 3]!; s4 += values[o + 4]!;
      s5 += values[o + 5]!; s6 += values[o + 6]!; s7 += values[o + 7]!; s8 += values[o + 8]!;
    }
    stat[at] = s0; stat[at + 1] = s1; stat[at + 2] = s2; stat[at + 3] = s3; stat[at + 4] = s4;
    stat[at + 5] = s5; stat[at + 6] = s6; stat[at + 7] = s7; stat[at + 8] = s8;
  }
}

/** Greedy decoding as decode does it, over the static scores plus the label features. */
function decodeScores(t: WordTable, sentence: Int32Array, ids: Int32Array, low: Uint32Array, shape: Uint32Array, flags: Int32Array,
  stat: Int32Array, stamp: number): Uint8Array {
  const { w, shift, consts, histAt, hist, br, vec, meta } = t;
  const values = w.values;
  const n = ids.length;
  const out = new Uint8Array(n);
  const bos = NUM_LABELS;
  for (let i = 0; i < n; i++) {
    const start = i === 0 || sentence[i - 1] !== sentence[i];
    const p1 = start ? bos : out[i - 1]!;
    const p2 = start || i < 2 || sentence[i - 2] !== sentence[i] ? bos : out[i - 2]!;
    const f = flags[i]!;
    const cap = (f & Flag.InitCap) !== 0;
    const lid = cap ? meta[ids[i]! * META + META_LOWID]! : 0;
    const h = cap && histAt[lid] === stamp ? hist[lid]! : 0;
    const a = i * NUM_LABELS;
    const pv = (C_PREV + p1 * P + p2) * NUM_LABELS;
    const hv = (C_HIST + (h * 4 + (f & 3)) * P + p1) * NUM_LABELS;
    let best = 0;
    let bestScore = -Infinity;
    if (p1 === 0) {
      const v = ids[i]! * ROW + AFTER_O * NUM_LABELS;
      for (let l = 0; l < NUM_LABELS; l++) {
        const s = stat[a + l]! + consts[pv + l]! + consts[hv + l]! + vec[v + l]!;
        if (s > bestScore) { bestScore = s; best = l; }
      }
    } else {
      const o1 = rowOf(br, fid(103, mix(p1, low[i]!), shift));
      const o2 = rowOf(br, fid(104, mix(p1, shape[i]!), shift));
      for (let l = 0; l < NUM_LABELS; l++) {
        let s = stat[a + l]! + consts[pv + l]! + consts[hv + l]!;
        if (o1 >= 0) s += values[o1 + l]!;
        if (o2 >= 0) s += values[o2 + l]!;
        if (s > bestScore) { bestScore = s; best = l; }
      }
    }
    // IOB repair: I-X must continue an X entity.
    if (isInside(best) && !(p1 === best || p1 === best - 1)) best = best - 1;
    out[i] = best;
    if (cap) { histAt[lid] = stamp; hist[lid] = best === 0 ? 5 : typeOfLabel(best); }
  }
  return out;
}
