/**
 * Feature extraction for the NER tagger: per-token integer hashes (word, lower-case word, shape,
 * affixes, gazetteer matches) computed once per document, then hashed feature ids per token.
 */
import { GAZ_CLASSES } from '../../resources/ner-gazetteer.js';
import { FNV_OFFSET, foldChar, hashLower, mix } from './hashing.js';

/** Tokens to tag: offsets into `text` and the sentence of each token. */
export interface TaggerInput {
  text: string;
  start: Int32Array;
  end: Int32Array;
  sentence: Int32Array;
}

/** Gazetteer as hashed phrases: phrase hash (mix of token hashes) → class bit mask; max phrase length. */
export interface HashedGazetteer {
  phrases: Map<number, number>;
  maxLen: number;
  /** Bit set over the low 20 bits of every phrase prefix's hash: most tokens start no phrase. */
  prefixBits: Uint32Array;
}

/** Map and Set keys are masked to 30 bits so V8 keeps them as small integers (no boxing). */
export const SMI = 0x3fffffff;

export const enum Flag {
  InitCap = 1, AllCaps = 2, HasDigit = 4, HasHyphen = 8, HasPeriod = 16, Punct = 32, AllLower = 64,
  SentStart = 128, InnerCap = 256, Single = 512, AllDigits = 1024,
}

/** Per-token values computed once per document. */
export interface TokenColumns {
  n: number;
  low: Uint32Array;
  exact: Uint32Array;
  shape: Uint32Array;
  affix: Uint32Array; // 8 per token: prefixes 1-4, suffixes 1-4
  flags: Int32Array;
  gaz: Int32Array; // bit 2c: begins a class-c phrase, bit 2c+1: inside one
  sentCaps: Uint8Array; // 1 when the token's sentence is written in capitals (a headline)
  lowerElsewhere: Uint8Array; // 1 when the capitalised word also occurs in lower case in the document
  first: Uint8Array; // first token of its sentence
}

export const NUM_STATIC = 40;
export const NUM_DYNAMIC = 7;

/** Phrase hash of a token sequence, the same way at build and lookup time. */
export function phraseStep(h: number, tokenHash: number): number {
  return mix(h, tokenHash);
}

/** Splits a gazetteer phrase into tokens the way the tagger sees them (whitespace; hyphens stay). */
export function phraseTokens(phrase: string): string[] {
  return phrase.split(/\s+/).filter((t) => t.length > 0);
}

export function hashGazetteer(classes: Record<string, readonly string[]>): HashedGazetteer {
  const phrases = new Map<number, number>();
  const prefixBits = new Uint32Array(1 << 15);
  let maxLen = 1;
  GAZ_CLASSES.forEach((c, ci) => {
    for (const p of classes[c] ?? []) {
      const toks = phraseTokens(p);
      if (toks.length === 0) continue;
      maxLen = Math.max(maxLen, toks.length);
      let h = FNV_OFFSET;
      for (const t of toks) {
        h = phraseStep(h, hashLower(t, 0, t.length));
        prefixBits[(h & 0xfffff) >>> 5]! |= 1 << (h & 31);
      }
      phrases.set(h & SMI, (phrases.get(h & SMI) ?? 0) | (1 << ci));
    }
  });
  return { phrases, maxLen: Math.min(maxLen, 6), prefixBits };
}

function charClass(c: number): number {
  if (c >= 65 && c <= 90) return 88; // X
  if (c >= 97 && c <= 122) return 120; // x
  if (c >= 48 && c <= 57) return 100; // d
  if (c < 128) return c;
  const s = String.fromCharCode(c);
  if (s !== s.toLowerCase()) return 88;
  if (s !== s.toUpperCase()) return 120;
  return 111; // other
}

/** Per code unit: its folded form (foldChar) and its shape class, built once. */
let FOLD: Uint16Array | undefined;
let CLASS: Uint8Array | undefined;
export function tables(): [Uint16Array, Uint8Array] {
  if (!FOLD || !CLASS) {
    FOLD = new Uint16Array(65536);
    CLASS = new Uint8Array(65536);
    for (let c = 0; c < 65536; c++) { FOLD[c] = foldChar(c); CLASS[c] = charClass(c); }
  }
  return [FOLD, CLASS];
}

/** Column buffers reused across documents (the stage tags one document at a time). */
let pool: { cap: number; u32: Uint32Array; i32: Int32Array; u8: Uint8Array } = { cap: 0, u32: new Uint32Array(0), i32: new Int32Array(0), u8: new Uint8Array(0) };

export function computeColumns(input: TaggerInput, gaz: HashedGazetteer, reuse = false): TokenColumns {
  const { text, start, end, sentence } = input;
  const [fold, klass] = tables();
  const n = start.length;
  if (reuse && pool.cap < n) {
    const cap = Math.max(n, pool.cap * 2, 1024);
    pool = { cap, u32: new Uint32Array(cap * 11), i32: new Int32Array(cap * 2), u8: new Uint8Array(cap * 3) };
  }
  const u32 = reuse ? pool.u32.subarray(0, n * 11).fill(0) : new Uint32Array(n * 11);
  const i32 = reuse ? pool.i32.subarray(0, n * 2).fill(0) : new Int32Array(n * 2);
  const u8 = reuse ? pool.u8.subarray(0, n * 3).fill(0) : new Uint8Array(n * 3);
  const low = u32.subarray(0, n);
  const exact = u32.subarray(n, 2 * n);
  const shape = u32.subarray(2 * n, 3 * n);
  const affix = u32.subarray(3 * n, 11 * n);
  const flags = i32.subarray(0, n);
  const gazCol = i32.subarray(n, 2 * n);
  const sentCaps = u8.subarray(0, n);
  const lowerElsewhere = u8.subarray(n, 2 * n);
  const first = u8.subarray(2 * n, 3 * n);
  const lowerSeen = tokenColumns(text, start, end, sentence, fold, klass, low, exact, shape, affix, flags, first);
  sentenceColumns(n, sentence, flags, low, gaz, sentCaps, gazCol);
  for (let i = 0; i < n; i++) if (flags[i]! & Flag.InitCap && !first[i] && lowerSeen.has(low[i]! & SMI)) lowerElsewhere[i] = 1;
  for (let i = 0; i < n; i++) if (flags[i]! & Flag.InitCap && first[i] && lowerSeen.has(low[i]! & SMI)) lowerElsewhere[i] = 2;
  return { n, low, exact, shape, affix, flags, gaz: gazCol, sentCaps, lowerElsewhere, first };
}

/*
 * computeColumns' loops are functions of their own: V8 compiles a long loop on stack replacement
 * during the first document, with the code after it not yet run; kept in one function, that code
 * deoptimised again on later documents (a headline in capitals, 9 times over 840 articles).
 */

/** Per token: hashes, shape, flags, affixes; returns the lower-case hashes of lower-case words. */
function tokenColumns(text: string, start: Int32Array, end: Int32Array, sentence: Int32Array, fold: Uint16Array, klass: Uint8Array,
  low: Uint32Array, exact: Uint32Array, shape: Uint32Array, affix: Uint32Array, flags: Int32Array, first: Uint8Array): Set<number> {
  const n = start.length;
  const lowerSeen = new Set<number>();
  for (let i = 0; i < n; i++) {
    const lowerFirst = hashToken(text, start[i]!, end[i]!, fold, klass, i, low, exact, shape, affix, flags);
    if (i === 0 || sentence[i - 1] !== sentence[i]) { flags[i] = flags[i]! | Flag.SentStart; first[i] = 1; }
    if (lowerFirst) lowerSeen.add(low[i]! & SMI);
  }
  return lowerSeen;
}

/**
 * The columns of one token text[s, e) that its characters alone decide, written at index i: hashes,
 * shape, flags (all but SentStart), affixes (slots past the word's length left as they are: zero).
 * Returns whether the word starts with a lower-case letter. The word cache (tag-tokens.ts) calls it
 * on a word alone, so a cached word has exactly the values its token would get here.
 */
export function hashToken(text: string, s: number, e: number, fold: Uint16Array, klass: Uint8Array, i: number,
  low: Uint32Array, exact: Uint32Array, shape: Uint32Array, affix: Uint32Array, flags: Int32Array): boolean {
  // One pass: lower-case hash, exact hash (as hashLower/hashExact), shape, character counts.
  let hl = FNV_OFFSET;
  let he = FNV_OFFSET ^ 0x5bd1e995;
  let sh = FNV_OFFSET;
  let prevCls = -1;
  let upper = 0, lower = 0, digit = 0, other = 0, hyphen = 0, period = 0, innerCap = 0;
  for (let k = s; k < e; k++) {
    const c = text.charCodeAt(k);
    hl = Math.imul(hl ^ fold[c]!, 0x01000193);
    const cls = klass[c]!;
    he = Math.imul(he ^ (cls === 100 ? 48 : c), 0x01000193);
    if (cls === 88) { upper++; if (k > s) innerCap = 1; } else if (cls === 120) lower++;
    else if (cls === 100) digit++;
    else { other++; if (c === 45) hyphen = 1; else if (c === 46) period = 1; }
    if (cls !== prevCls) { sh = Math.imul(sh ^ cls, 0x01000193); prevCls = cls; }
  }
  low[i] = hl >>> 0;
  exact[i] = he >>> 0;
  shape[i] = sh >>> 0;
  let f = 0;
  const first0 = klass[text.charCodeAt(s)]!;
  if (first0 === 88) f |= Flag.InitCap;
  if (upper > 0 && lower === 0 && upper + digit + other > 1) f |= Flag.AllCaps;
  if (digit > 0) f |= Flag.HasDigit;
  if (digit > 0 && upper + lower === 0) f |= Flag.AllDigits;
  if (hyphen) f |= Flag.HasHyphen;
  if (period) f |= Flag.HasPeriod;
  if (upper + lower + digit === 0) f |= Flag.Punct;
  if (lower > 0 && upper === 0) f |= Flag.AllLower;
  if (innerCap && lower > 0) f |= Flag.InnerCap;
  if (e - s === 1) f |= Flag.Single;
  flags[i] = f;
  // Affixes: prefix hashes grow left to right, suffix hashes right to left.
  let hp = FNV_OFFSET ^ 0x1234567;
  let hs = FNV_OFFSET ^ 0x7654321;
  const len = e - s;
  for (let k = 0; k < 4; k++) {
    if (k < len) {
      hp = Math.imul(hp ^ fold[text.charCodeAt(s + k)]!, 0x01000193);
      hs = Math.imul(hs ^ fold[text.charCodeAt(e - 1 - k)]!, 0x01000193);
      affix[i * 8 + k] = hp >>> 0;
      affix[i * 8 + 4 + k] = hs >>> 0;
    }
  }
  return first0 === 120;
}

/** Sentences in capitals (headlines) and gazetteer matches (longest phrase per class). */
export function sentenceColumns(n: number, sentence: Int32Array, flags: Int32Array, low: Uint32Array, gaz: HashedGazetteer, sentCaps: Uint8Array, gazCol: Int32Array): void {
  let a = 0;
  while (a < n) {
    let b = a;
    while (b < n && sentence[b] === sentence[a]) b++;
    let caps = 0, words = 0;
    for (let i = a; i < b; i++) {
      if (flags[i]! & Flag.Punct || flags[i]! & Flag.AllDigits) continue;
      words++;
      if (flags[i]! & Flag.AllCaps || (flags[i]! & Flag.Single && flags[i]! & Flag.InitCap)) caps++;
    }
    if (words >= 2 && caps === words) for (let i = a; i < b; i++) sentCaps[i] = 1;
    for (let i = a; i < b; i++) {
      let h = FNV_OFFSET;
      for (let k = 0; k < gaz.maxLen && i + k < b; k++) {
        h = phraseStep(h, low[i + k]!);
        if (!(gaz.prefixBits[(h & 0xfffff) >>> 5]! & (1 << (h & 31)))) break;
        const m = gaz.phrases.get(h & SMI);
        if (m === undefined) continue;
        for (let c = 0; c < 16; c++) {
          if (!(m & (1 << c))) continue;
          gazCol[i] = gazCol[i]! | (1 << (2 * c));
          for (let j = i + 1; j <= i + k; j++) gazCol[j] = gazCol[j]! | (1 << (2 * c + 1));
        }
      }
    }
    a = b;
  }
}

export const NONE = 0x2bad;
/** Template salts: a feature id is the top bits of (value × golden ratio) xor the template's salt. */
const TPL = Int32Array.from({ length: 128 }, (_, t) => mix(t, 0x7f4a7c15));
/** Cheap combination of two hashed values for conjunction features (fid mixes again). */
export function comb(a: number, b: number): number {
  return Math.imul(a ^ (b >>> 15), 0x2545f491) ^ b;
}

/** Feature id of value v under template t, in [0, 2^(32 - shift)). */
export function fid(t: number, v: number, shift: number): number {
  return (Math.imul(v, 0x9e3779b1) ^ TPL[t]!) >>> shift;
}
export const BOS = 0x5eed;

/**
 * Writes the label-independent feature ids of every token: NUM_STATIC per token (unused slots
 * are repeated bias features, harmless since all labels share them).
 */
/** A scratch buffer reused across documents when the caller does not keep the features. */
let scratch = new Int32Array(0);

/** The first `size` slots of the scratch buffer, grown when too small (a function of its own: it rarely grows). */
function scratchOf(size: number): Int32Array {
  if (scratch.length < size) scratch = new Int32Array(Math.max(size, scratch.length * 2));
  return scratch.subarray(0, size);
}

export function staticFeatures(c: TokenColumns, sentence: Int32Array, bits: number, reuse = false): Int32Array {
  const shift = 32 - bits;
  const n = c.n;
  const out = reuse ? scratchOf(n * NUM_STATIC) : new Int32Array(n * NUM_STATIC);
  const { low, shape, flags, gaz, affix } = c;
  for (let i = 0; i < n; i++) {
    const k = i * NUM_STATIC;
    const s = sentence[i]!;
    // Neighbours within the sentence, or a boundary marker per offset.
    const in1 = i > 0 && sentence[i - 1] === s;
    const in2 = i > 1 && sentence[i - 2] === s;
    const in3 = i > 2 && sentence[i - 3] === s;
    const ip1 = i + 1 < n && sentence[i + 1] === s;
    const ip2 = i + 2 < n && sentence[i + 2] === s;
    const ip3 = i + 3 < n && sentence[i + 3] === s;
    const w0 = low[i]!;
    const wm1 = in1 ? low[i - 1]! : BOS - 1, wp1 = ip1 ? low[i + 1]! : BOS + 1;
    const wm2 = in2 ? low[i - 2]! : BOS - 2, wp2 = ip2 ? low[i + 2]! : BOS + 2;
    const s0 = shape[i]!, sm1 = in1 ? shape[i - 1]! : BOS - 1, sp1 = ip1 ? shape[i + 1]! : BOS + 1;
    const sm2 = in2 ? shape[i - 2]! : BOS - 2, sp2 = ip2 ? shape[i + 2]! : BOS + 2;
    const f0 = flags[i]!;
    const g0 = gaz[i]!, gm1 = in1 ? gaz[i - 1]! : -1, gp1 = ip1 ? gaz[i + 1]! : -1;
    const caps = c.sentCaps[i]!, lowEl = c.lowerElsewhere[i]!;
    out[k] = fid(1, 0, shift);
    out[k + 1] = fid(2, w0, shift);
    out[k + 2] = fid(3, c.exact[i]!, shift);
    out[k + 3] = fid(4, wm1, shift);
    out[k + 4] = fid(5, wp1, shift);
    out[k + 5] = fid(6, wm2, shift);
    out[k + 6] = fid(7, wp2, shift);
    out[k + 7] = fid(8, s0, shift);
    out[k + 8] = fid(9, sm1, shift);
    out[k + 9] = fid(10, sp1, shift);
    out[k + 10] = fid(11, comb(comb(sm1, s0), sp1), shift);
    for (let a = 0; a < 8; a++) out[k + 11 + a] = fid(12 + a, affix[i * 8 + a] || NONE, shift);
    out[k + 19] = fid(20, f0 & ~Flag.SentStart, shift);
    out[k + 20] = fid(21, comb(wm1, w0), shift);
    out[k + 21] = fid(22, comb(w0, wp1), shift);
    out[k + 22] = fid(23, comb(caps, s0), shift);
    out[k + 23] = fid(24, comb(lowEl, f0 & 7), shift);
    out[k + 24] = fid(25, comb(c.first[i]!, s0), shift);
    out[k + 25] = fid(26, g0, shift);
    out[k + 26] = fid(27, gm1, shift);
    out[k + 27] = fid(28, gp1, shift);
    out[k + 28] = fid(29, comb(g0, f0 & 3), shift);
    out[k + 29] = fid(30, comb(wm1, s0), shift);
    out[k + 30] = fid(31, comb(wp1, s0), shift);
    out[k + 31] = fid(32, comb(sm2, sm1), shift);
    out[k + 32] = fid(33, comb(sp1, sp2), shift);
    out[k + 33] = fid(34, comb(caps, w0), shift);
    out[k + 34] = fid(35, comb(wm1, wp1), shift);
    out[k + 35] = fid(36, in3 ? low[i - 3]! : BOS - 3, shift);
    out[k + 36] = fid(37, ip3 ? low[i + 3]! : BOS + 3, shift);
    out[k + 37] = fid(38, comb(lowEl, w0), shift);
    out[k + 38] = fid(39, comb(gm1, g0), shift);
    out[k + 39] = fid(40, in1 ? c.exact[i - 1]! : BOS - 1, shift);
  }
  return out;
}

/**
 * The label-dependent features of token i: previous two labels, their mix with the word and
 * shape, and what this word was labelled earlier in the document (`history`, 0 when unseen).
 */
export function dynamicFeatures(c: TokenColumns, i: number, p1: number, p2: number, history: number, bits: number, out: Int32Array): void {
  const shift = 32 - bits;
  out[0] = fid(101, p1 + 1, shift);
  out[1] = fid(102, p1 * 16 + p2 + 1, shift);
  out[2] = fid(103, mix(p1, c.low[i]!), shift);
  out[3] = fid(104, mix(p1, c.shape[i]!), shift);
  out[4] = fid(105, history + 1, shift);
  out[5] = fid(106, history * 4 + (c.flags[i]! & 3) + 1, shift);
  out[6] = fid(107, history * 16 + p1 + 1, shift);
}
