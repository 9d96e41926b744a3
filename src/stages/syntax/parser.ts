/**
 * The dependency parser: greedy arc-eager transitions scored by an averaged perceptron (Zhang &
 * Nivre 2011 features), trained with Goldberg & Nivre's dynamic oracle; each arc is labelled
 * when it is made by a second perceptron, so later decisions see the labels. The root sits at the
 * end of the buffer (Ballesteros & Nivre 2013), so a word becomes the root only once the whole
 * sentence has been read: "Chancellor X of Y had requested …" no longer takes the name as root.
 */
import { fh, hashLower } from './hash.js';
import type { Scorer, WordColumns } from './tagger.js';

export const SHIFT = 0;
export const REDUCE = 1;
export const LEFT = 2;
export const RIGHT = 3;
export const NUM_ACTIONS = 4;
export const NUM_PARSE_FEATURES = 95;
/** Parser features 0..BUFFER_FEATURES-1 read the stack; the rest read only the buffer's first three words. */
const BUFFER_FEATURES = 81;
export const NUM_LABEL_FEATURES = 36;

/**
 * Template id of each parser and labeler feature. The feature methods write each feature's values
 * (va, vb, vc) and one loop hashes them all (hashInto): V8 inlines fh at one call site in a loop,
 * but not at ninety-five call sites in one method, where each call cost more than its hashing.
 */
const PARSE_TEMPLATES = Int32Array.of(100, 101, 102, 172, 173, 174, 175, 176, 177, 178, 179, 180, 112, 113, 114, 115, 116, 117, 118, 181, 182, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143, 144, 145, 146, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159, 160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171, 183, 184, 185, 186, 187, 188, 189, 194, 195, 103, 104, 105, 106, 107, 108, 109, 110, 111, 119, 120, 191, 192, 193);
const LABEL_TEMPLATES = Int32Array.of(200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 222, 223, 224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234, 235);

/** out[j] = fh(templates[j], va[j], vb[j], vc[j]) for the first n features. */
function hashInto(out: Uint32Array, templates: Int32Array, va: Int32Array, vb: Int32Array, vc: Int32Array, n: number): void {
  for (let j = 0; j < n; j++) out[j] = fh(templates[j]!, va[j]!, vb[j]!, vc[j]!);
}

const NONE = 1;
const ROOT = 2;
const NOLABEL = 3;

/** What training adds to a parse: the gold tree, the update callbacks and exploration. */
export interface ParseTraining {
  /** Gold head of word k (1-based; 0 = root), index 0 unused. */
  goldHead: Int32Array;
  goldRel: Int32Array;
  updateParser(feats: Uint32Array, n: number, gold: number, guess: number): void;
  updateLabeler(feats: Uint32Array, n: number, gold: number, guess: number): void;
  /** Follow the model's own wrong transitions with this probability (0 = never). */
  explore: number;
  random(): number;
}

/** A parse: head[k] (0 = root) and rel[k] for words k = 1..n (index 0 unused). */
export interface ParseResult {
  head: Int32Array;
  rel: Int32Array;
}

/** The parser's reusable state; one per thread of work, grown as sentences require. */
export class ArcEager {
  private cap = 0;
  n = 0;
  stack = new Int32Array(0);
  sp = 0;
  b = 1;
  head = new Int32Array(0);
  rel = new Int32Array(0);
  l1 = new Int32Array(0);
  l2 = new Int32Array(0);
  r1 = new Int32Array(0);
  r2 = new Int32Array(0);
  nl = new Int32Array(0);
  nr = new Int32Array(0);
  lset = new Int32Array(0);
  rset = new Int32Array(0);
  inStack = new Uint8Array(0);
  rootChild = -1;
  /**
   * Word and suffix hashes read as signed integers (the same 32 bits: fh only XORs them): a value
   * above 2^31 read from a Uint32Array is a heap number when passed to a call, one allocation per
   * feature; as an int32 it is a small integer.
   */
  private words!: Int32Array;
  private tags!: Uint8Array;
  private suf3!: Int32Array;
  private clu!: Uint32Array;
  /** Runner-up tag per word where the taggers were unsure (255: none), or null. */
  private second: Uint8Array | null = null;
  private readonly pf = new Uint32Array(NUM_PARSE_FEATURES);
  private readonly lf = new Uint32Array(NUM_LABEL_FEATURES);
  /** The values of each feature before hashing (see PARSE_TEMPLATES). */
  private readonly va = new Int32Array(NUM_PARSE_FEATURES);
  private readonly vb = new Int32Array(NUM_PARSE_FEATURES);
  private readonly vc = new Int32Array(NUM_PARSE_FEATURES);
  private readonly ps = new Float64Array(NUM_ACTIONS);
  private readonly pfBuffer = this.pf.subarray(BUFFER_FEATURES);
  /** Scores of the buffer-only features for buffer position scoredB (reused until the buffer moves). */
  private readonly bufferScores = new Float64Array(NUM_ACTIONS);
  private scoredB = -1;
  private ls = new Float64Array(64);
  private readonly costs = new Int32Array(NUM_ACTIONS);
  private gh = new Int32Array(0);

  private commas = new Int32Array(0);
  private static readonly COMMA = hashLower(',');

  /**
   * Selectional branching (Choi & McCallum 2013), when branches > 0: after the greedy parse, the
   * `branches` least certain transitions whose margin is below `branchMargin` are tried the other
   * way, the rest of the parse greedy again, and the sequence with the higher sum of transition
   * log-probabilities (scores / temperature, normalized over the valid transitions) wins.
   */
  branches = 0;
  branchMargin = Infinity;
  temperature = 1;
  private actions = new Int8Array(0);
  private alts = new Int8Array(0);
  private margins = new Float64Array(0);
  /** Log-probability of the chosen transition at each step (0 for unscored ones). */
  private logps = new Float64Array(0);
  private steps = 0;
  /** Replaying a prefix: arcs take these labels instead of asking the labeler. */
  private replayRel: Int32Array | null = null;
  private bestHead = new Int32Array(0);
  private bestRel = new Int32Array(0);
  private saveRel = new Int32Array(0);
  private cols!: WordColumns;

  /**
   * coarse maps a tag id to a small coarse-class id (UPOS) for the backed-off features; fixedLabel
   * (optional, tag id → relation id or -1) labels dependents whose tag decides the relation
   * (punctuation → punct) without the labeler, when not training.
   */
  constructor(private readonly rootRel: number, private readonly coarse: Uint8Array, private readonly fixedLabel?: Int16Array) {}

  private reset(c: WordColumns, tags: Uint8Array): void {
    const n = c.n;
    if (n + 2 > this.cap) {
      const m = Math.max(n + 2, this.cap * 2, 64);
      this.cap = m;
      this.stack = new Int32Array(m);
      this.head = new Int32Array(m);
      this.rel = new Int32Array(m);
      this.l1 = new Int32Array(m);
      this.l2 = new Int32Array(m);
      this.r1 = new Int32Array(m);
      this.r2 = new Int32Array(m);
      this.nl = new Int32Array(m);
      this.nr = new Int32Array(m);
      this.lset = new Int32Array(m);
      this.rset = new Int32Array(m);
      this.inStack = new Uint8Array(m);
      this.commas = new Int32Array(m);
    }
    this.n = n;
    // Words are 1..n, the root is n + 1 (the buffer's last item).
    const m = n + 2;
    this.head.fill(-1, 0, m);
    this.rel.fill(-1, 0, m);
    this.l1.fill(-1, 0, m);
    this.l2.fill(-1, 0, m);
    this.r1.fill(-1, 0, m);
    this.r2.fill(-1, 0, m);
    this.nl.fill(0, 0, m);
    this.nr.fill(0, 0, m);
    this.lset.fill(0, 0, m);
    this.rset.fill(0, 0, m);
    this.inStack.fill(0, 0, m);
    this.sp = 0;
    this.b = 1;
    this.rootChild = -1;
    this.scoredB = -1;
    this.cols = c;
    this.words = new Int32Array(c.lower.buffer, c.lower.byteOffset, n);
    this.suf3 = new Int32Array(c.suf3.buffer, c.suf3.byteOffset, n);
    this.clu = c.clu;
    this.tags = tags;
    // commas[k]: commas among words 1..k, for "a comma lies between s0 and n0".
    for (let k = 1; k <= n; k++) this.commas[k] = this.commas[k - 1]! + (c.lower[k - 1] === ArcEager.COMMA ? 1 : 0);
  }

  private W(k: number): number {
    return k <= 0 || k > this.n + 1 ? NONE : k > this.n ? ROOT : this.words[k - 1]!;
  }
  private T(k: number): number {
    return k <= 0 || k > this.n + 1 ? NONE : k > this.n ? ROOT : this.tags[k - 1]! + 16;
  }
  private U(k: number): number {
    return k <= 0 || k > this.n + 1 ? NONE : k > this.n ? ROOT : this.coarse[this.tags[k - 1]!]! + 4;
  }
  /** Fine word cluster (WordColumns.clu). */
  private C(k: number): number {
    return k <= 0 || k > this.n + 1 ? NONE : k > this.n ? ROOT : (this.clu[k - 1]! & 0xffff) + 16;
  }
  /** Coarse word cluster, small enough to pack three in one value. */
  private Q(k: number): number {
    return k <= 0 || k > this.n + 1 ? NONE : k > this.n ? ROOT : (this.clu[k - 1]! >>> 16) + 4;
  }
  /** The runner-up tag of word k (0: none). */
  private A(k: number): number {
    const s = this.second;
    if (s === null || k <= 0 || k > this.n) return 0;
    const t = s[k - 1]!;
    return t === 255 ? 0 : t + 16;
  }
  private L(k: number): number {
    return k <= 0 || k > this.n ? NONE : this.rel[k]! < 0 ? NOLABEL : this.rel[k]! + 16;
  }

  /** The parser features into pf: 0..BUFFER_FEATURES-1 always, the buffer-only ones after that when withBuffer. */
  private parseFeatures(withBuffer: boolean): void {
    const va = this.va, vb = this.vb, vc = this.vc;
    const n = this.n;
    const s0 = this.sp > 0 ? this.stack[this.sp - 1]! : -1;
    const s1 = this.sp > 1 ? this.stack[this.sp - 2]! : -1;
    const n0 = this.b <= n + 1 ? this.b : -1;
    const n1 = this.b + 1 <= n + 1 ? this.b + 1 : -1;
    const n2 = this.b + 2 <= n + 1 ? this.b + 2 : -1;
    const s0h = s0 > 0 ? this.head[s0]! : -1;
    const s0h2 = s0h > 0 ? this.head[s0h]! : -1;
    const s0l = s0 >= 0 ? this.l1[s0]! : -1;
    const s0l2 = s0 >= 0 ? this.l2[s0]! : -1;
    const s0r = s0 >= 0 ? this.r1[s0]! : -1;
    const s0r2 = s0 >= 0 ? this.r2[s0]! : -1;
    const n0l = n0 > 0 ? this.l1[n0]! : -1;
    const n0l2 = n0 > 0 ? this.l2[n0]! : -1;
    const s0w = this.W(s0), s0t = this.T(s0);
    const n0w = this.W(n0), n0t = this.T(n0);
    const n1w = this.W(n1), n1t = this.T(n1);
    const n2w = this.W(n2), n2t = this.T(n2);
    const s0ht = this.T(s0h), s0lt = this.T(s0l), s0rt = this.T(s0r), n0lt = this.T(n0l);
    const s0l2t = this.T(s0l2), s0r2t = this.T(s0r2), n0l2t = this.T(n0l2), s0h2t = this.T(s0h2);
    const d = s0 >= 0 && n0 > 0 ? Math.min(n0 - s0, 8) : 0;
    const s0vl = s0 >= 0 ? this.nl[s0]! : 0;
    const s0vr = s0 >= 0 ? this.nr[s0]! : 0;
    const n0vl = n0 > 0 ? this.nl[n0]! : 0;
    const s0sl = s0 >= 0 ? this.lset[s0]! : 0;
    const s0sr = s0 >= 0 ? this.rset[s0]! : 0;
    const n0sl = n0 > 0 ? this.lset[n0]! : 0;
    const s0n0t = s0t * 512 + n0t;
    const s1t = this.T(s1);
    va[0] = s0w; vb[0] = 0; vc[0] = 0;
    va[1] = s0t; vb[1] = 0; vc[1] = 0;
    va[2] = s0w; vb[2] = s0t; vc[2] = 0;
    va[12] = s0w; vb[12] = n0w; vc[12] = s0n0t;
    va[13] = s0w; vb[13] = n0w; vc[13] = s0t;
    va[14] = s0w; vb[14] = n0w; vc[14] = n0t;
    va[15] = s0w; vb[15] = s0t; vc[15] = n0t;
    va[16] = n0w; vb[16] = s0t; vc[16] = n0t;
    va[17] = s0w; vb[17] = n0w; vc[17] = 0;
    va[18] = s0n0t; vb[18] = 0; vc[18] = 0;
    va[21] = s0n0t; vb[21] = n1t; vc[21] = 0;
    va[22] = s0ht; vb[22] = s0n0t; vc[22] = 0;
    va[23] = s0lt; vb[23] = s0n0t; vc[23] = 0;
    va[24] = s0rt; vb[24] = s0n0t; vc[24] = 0;
    va[25] = n0lt; vb[25] = s0n0t; vc[25] = 0;
    va[26] = s0w; vb[26] = d; vc[26] = 0;
    va[27] = s0t; vb[27] = d; vc[27] = 0;
    va[28] = n0w; vb[28] = d; vc[28] = 0;
    va[29] = n0t; vb[29] = d; vc[29] = 0;
    va[30] = s0n0t; vb[30] = d; vc[30] = 0;
    va[31] = s0w; vb[31] = s0vr; vc[31] = 0;
    va[32] = s0t; vb[32] = s0vr; vc[32] = 0;
    va[33] = s0w; vb[33] = s0vl; vc[33] = 0;
    va[34] = s0t; vb[34] = s0vl; vc[34] = 0;
    va[35] = n0w; vb[35] = n0vl; vc[35] = 0;
    va[36] = n0t; vb[36] = n0vl; vc[36] = 0;
    va[37] = this.W(s0h); vb[37] = 0; vc[37] = 0;
    va[38] = s0ht; vb[38] = 0; vc[38] = 0;
    va[39] = this.L(s0); vb[39] = 0; vc[39] = 0;
    va[40] = this.W(s0l); vb[40] = 0; vc[40] = 0;
    va[41] = s0lt; vb[41] = 0; vc[41] = 0;
    va[42] = this.L(s0l); vb[42] = 0; vc[42] = 0;
    va[43] = this.W(s0r); vb[43] = 0; vc[43] = 0;
    va[44] = s0rt; vb[44] = 0; vc[44] = 0;
    va[45] = this.L(s0r); vb[45] = 0; vc[45] = 0;
    va[46] = this.W(n0l); vb[46] = 0; vc[46] = 0;
    va[47] = n0lt; vb[47] = 0; vc[47] = 0;
    va[48] = this.L(n0l); vb[48] = 0; vc[48] = 0;
    va[49] = this.W(s0h2); vb[49] = 0; vc[49] = 0;
    va[50] = s0h2t; vb[50] = 0; vc[50] = 0;
    va[51] = this.L(s0h); vb[51] = 0; vc[51] = 0;
    va[52] = this.W(s0l2); vb[52] = 0; vc[52] = 0;
    va[53] = s0l2t; vb[53] = 0; vc[53] = 0;
    va[54] = this.L(s0l2); vb[54] = 0; vc[54] = 0;
    va[55] = this.W(s0r2); vb[55] = 0; vc[55] = 0;
    va[56] = s0r2t; vb[56] = 0; vc[56] = 0;
    va[57] = this.L(s0r2); vb[57] = 0; vc[57] = 0;
    va[58] = this.W(n0l2); vb[58] = 0; vc[58] = 0;
    va[59] = n0l2t; vb[59] = 0; vc[59] = 0;
    va[60] = this.L(n0l2); vb[60] = 0; vc[60] = 0;
    va[61] = s0t; vb[61] = s0lt; vc[61] = s0l2t;
    va[62] = s0t; vb[62] = s0rt; vc[62] = s0r2t;
    va[63] = s0t; vb[63] = s0ht; vc[63] = s0h2t;
    va[64] = n0t; vb[64] = n0lt; vc[64] = n0l2t;
    va[65] = s0w; vb[65] = s0sr; vc[65] = 0;
    va[66] = s0t; vb[66] = s0sr; vc[66] = 0;
    va[67] = s0w; vb[67] = s0sl; vc[67] = 0;
    va[68] = s0t; vb[68] = s0sl; vc[68] = 0;
    va[69] = n0w; vb[69] = n0sl; vc[69] = 0;
    va[70] = n0t; vb[70] = n0sl; vc[70] = 0;
    va[71] = this.W(s1); vb[71] = 0; vc[71] = 0;
    va[3] = s1t; vb[3] = 0; vc[3] = 0;
    va[4] = s1t; vb[4] = s0n0t; vc[4] = 0;
    va[5] = this.W(s1); vb[5] = s0w; vc[5] = 0;
    va[6] = 0; vb[6] = 0; vc[6] = 0;
    va[7] = s0h >= 0 ? 1 : 0; vb[7] = s0n0t; vc[7] = 0;
    va[8] = n0 > 0 && n0 <= n ? this.suf3[n0 - 1]! : NONE; vb[8] = s0t; vc[8] = 0;
    const us0n0 = this.U(s0) * 64 + this.U(n0);
    va[9] = us0n0; vb[9] = this.U(n1) * 64 + this.U(n2); vc[9] = 0;
    va[10] = this.U(s1) * 64 + this.U(s0); vb[10] = this.U(n0); vc[10] = 0;
    va[11] = us0n0; vb[11] = d; vc[11] = s0h >= 0 ? 1 : 0;
    va[19] = this.U(s0h); vb[19] = us0n0; vc[19] = 0;
    va[20] = s0 > 0 && n0 > 0 ? Math.min(this.commas[n0 - 1]! - this.commas[s0]!, 3) : 4; vb[20] = s0n0t; vc[20] = 0;
    // Word clusters (Koo et al. 2008): words as classes of words, for the ones the treebank rarely shows.
    const s0c = this.C(s0), n0c = this.C(n0);
    const qs0 = this.Q(s0), qn0 = this.Q(n0);
    va[72] = s0c; vb[72] = 0; vc[72] = 0;
    va[73] = s0c; vb[73] = n0c; vc[73] = 0;
    va[74] = s0c; vb[74] = n0t; vc[74] = 0;
    va[75] = s0t; vb[75] = n0c; vc[75] = 0;
    va[76] = qs0 * 64 + qn0; vb[76] = this.Q(n1); vc[76] = 0;
    va[77] = this.Q(s0h); vb[77] = qs0 * 64 + qn0; vc[77] = 0;
    va[78] = this.Q(s1) * 64 + qs0; vb[78] = n0t; vc[78] = 0;
    // The taggers' runner-up tags of s0 and n0 where they were unsure: the parser may side with it.
    const as0 = this.A(s0), an0 = this.A(n0);
    va[79] = as0 > 0 ? s0t : 0; vb[79] = as0 > 0 ? as0 : 0; vc[79] = as0 > 0 ? n0t : 0;
    va[80] = an0 > 0 ? s0t : 0; vb[80] = an0 > 0 ? n0t : 0; vc[80] = an0 > 0 ? an0 : 0;
    // Features of the buffer alone (n0, n1, n2), last: the same until the next word is read.
    if (withBuffer) {
      const B = BUFFER_FEATURES;
      va[B] = n0w; vb[B] = 0; vc[B] = 0;
      va[B + 1] = n0t; vb[B + 1] = 0; vc[B + 1] = 0;
      va[B + 2] = n0w; vb[B + 2] = n0t; vc[B + 2] = 0;
      va[B + 3] = n1w; vb[B + 3] = 0; vc[B + 3] = 0;
      va[B + 4] = n1t; vb[B + 4] = 0; vc[B + 4] = 0;
      va[B + 5] = n1w; vb[B + 5] = n1t; vc[B + 5] = 0;
      va[B + 6] = n2w; vb[B + 6] = 0; vc[B + 6] = 0;
      va[B + 7] = n2t; vb[B + 7] = 0; vc[B + 7] = 0;
      va[B + 8] = n2w; vb[B + 8] = n2t; vc[B + 8] = 0;
      va[B + 9] = n0t; vb[B + 9] = n1t; vc[B + 9] = 0;
      va[B + 10] = n0t; vb[B + 10] = n1t; vc[B + 10] = n2t;
      va[B + 11] = n0c; vb[B + 11] = 0; vc[B + 11] = 0;
      va[B + 12] = this.C(n1); vb[B + 12] = 0; vc[B + 12] = 0;
      va[B + 13] = n0c; vb[B + 13] = this.C(n1); vc[B + 13] = 0;
    }
    hashInto(this.pf, PARSE_TEMPLATES, va, vb, vc, withBuffer ? NUM_PARSE_FEATURES : BUFFER_FEATURES);
  }

  private labelFeatures(h: number, d: number): void {
    const va = this.va, vb = this.vb, vc = this.vc;
    const dir = d < h ? 1 : 2;
    const dist = Math.min(Math.abs(h - d), 10);
    const hw = this.W(h), ht = this.T(h), dw = this.W(d), dt = this.T(d);
    const dl = this.l1[d]!;
    va[0] = 0; vb[0] = 0; vc[0] = 0;
    va[1] = hw; vb[1] = dw; vc[1] = 0;
    va[2] = ht; vb[2] = dt; vc[2] = dir;
    va[3] = hw; vb[3] = dt; vc[3] = dir;
    va[4] = ht; vb[4] = dw; vc[4] = dir;
    va[5] = dw; vb[5] = dt; vc[5] = 0;
    va[6] = hw; vb[6] = ht; vc[6] = 0;
    va[7] = ht; vb[7] = dt; vc[7] = dist * 4 + dir;
    va[8] = ht; vb[8] = this.lset[h]!; vc[8] = dir;
    va[9] = dt; vb[9] = this.lset[d]!; vc[9] = 0;
    va[10] = dt; vb[10] = this.rset[d]!; vc[10] = 0;
    va[11] = ht; vb[11] = this.rset[h]!; vc[11] = dir;
    va[12] = ht; vb[12] = this.T(this.head[h]!); vc[12] = dir;
    va[13] = this.W(dl); vb[13] = dt; vc[13] = 0;
    va[14] = this.L(dl); vb[14] = dt; vc[14] = dir;
    va[15] = dt; vb[15] = this.T(d - 1); vc[15] = this.T(d + 1);
    va[16] = ht; vb[16] = this.T(h - 1); vc[16] = this.T(h + 1);
    va[17] = dw; vb[17] = dir; vc[17] = 0;
    va[18] = this.suf3[d - 1]!; vb[18] = dt; vc[18] = 0;
    va[19] = hw; vb[19] = dw; vc[19] = dir;
    va[20] = ht * 512 + dt; vb[20] = this.lset[h]!; vc[20] = dir;
    va[21] = hw; vb[21] = dir; vc[21] = 0;
    va[22] = this.L(this.head[h]!); vb[22] = ht; vc[22] = dt;
    va[23] = this.W(this.r1[d]!); vb[23] = dt; vc[23] = 0;
    va[24] = this.U(h) * 64 + this.U(d); vb[24] = dist * 4 + dir; vc[24] = 0;
    const hc = this.C(h), dc = this.C(d);
    va[25] = hc; vb[25] = dc; vc[25] = 0;
    va[26] = hc; vb[26] = dt; vc[26] = dir;
    va[27] = ht; vb[27] = dc; vc[27] = dir;
    // Commas between head and dependent (conj, appos, parataxis), the word after the dependent
    // (iobj before obj, particles), the dependent's first left child and its label, the runner-up tag.
    const between = h <= this.n ? Math.min(Math.abs(this.commas[Math.max(h, d) - 1]! - this.commas[Math.min(h, d)]!), 2) : 3;
    va[28] = ht; vb[28] = dt; vc[28] = between * 4 + dir;
    va[29] = this.suf3[d - 1]!; vb[29] = ht; vc[29] = dir;
    va[30] = dt; vb[30] = this.T(d + 1); vc[30] = 0;
    va[31] = dw; vb[31] = this.T(d + 1); vc[31] = 0;
    va[32] = hw; vb[32] = dt; vc[32] = dist * 4 + dir;
    va[33] = this.U(h) * 64 + this.U(d); vb[33] = this.lset[d]!; vc[33] = dir;
    va[34] = dt; vb[34] = this.T(this.l1[d]!); vc[34] = this.L(this.l1[d]!);
    va[35] = this.A(d); vb[35] = dt; vc[35] = ht;
    hashInto(this.lf, LABEL_TEMPLATES, va, vb, vc, NUM_LABEL_FEATURES);
  }

  private addArc(h: number, d: number, labeler: Scorer, train: ParseTraining | undefined): void {
    let r: number;
    if (h > this.n) {
      r = this.rootRel;
      this.rootChild = d;
    } else if (this.replayRel) {
      r = this.replayRel[d]!;
    } else if (!train && this.fixedLabel && this.fixedLabel[this.tags[d - 1]!]! >= 0) {
      r = this.fixedLabel[this.tags[d - 1]!]!;
    } else {
      this.labelFeatures(h, d);
      const k = labeler.nClasses;
      if (this.ls.length < k) this.ls = new Float64Array(k);
      labeler.score(this.lf, NUM_LABEL_FEATURES, this.ls);
      r = 0;
      for (let j = 1; j < k; j++) if (this.ls[j]! > this.ls[r]!) r = j;
      if (train && train.goldHead[d] === h && train.goldRel[d] !== r && train.goldRel[d]! < k) {
        train.updateLabeler(this.lf, NUM_LABEL_FEATURES, train.goldRel[d]!, r);
      }
    }
    this.head[d] = h;
    this.rel[d] = r;
    const bit = 1 << Math.min(r, 31);
    if (d < h) {
      this.nl[h]!++;
      this.lset[h]! |= bit;
      if (this.l1[h]! < 0 || d < this.l1[h]!) { this.l2[h] = this.l1[h]!; this.l1[h] = d; }
      else if (this.l2[h]! < 0 || d < this.l2[h]!) this.l2[h] = d;
    } else {
      this.nr[h]!++;
      this.rset[h]! |= bit;
      if (this.r1[h]! < 0 || d > this.r1[h]!) { this.r2[h] = this.r1[h]!; this.r1[h] = d; }
      else if (this.r2[h]! < 0 || d > this.r2[h]!) this.r2[h] = d;
    }
  }

  /** The root (n + 1) is never shifted nor a dependent; only left-arcs reach it. */
  private valid(a: number): boolean {
    const s0 = this.sp > 0 ? this.stack[this.sp - 1]! : -1;
    const words = this.b <= this.n;
    switch (a) {
      case SHIFT: return words;
      case REDUCE: return s0 > 0 && this.head[s0]! >= 0;
      case LEFT: return s0 > 0 && this.head[s0]! < 0;
      default: return words && s0 > 0;
    }
  }

  /** Arcs of the gold tree that the transition makes unreachable (Goldberg & Nivre 2012). */
  private cost(a: number, gh: Int32Array): number {
    const s = this.stack[this.sp - 1]!;
    const b = this.b;
    const n = this.n;
    let c = 0;
    if (a === LEFT || a === REDUCE) {
      for (let d = b; d <= n; d++) if (gh[d] === s) c++;
      if (a === LEFT && gh[s]! > b) c++;
      return c;
    }
    if (a === RIGHT) {
      const g = gh[b]!;
      if (g !== s && (this.inStack[g] === 1 || g > b)) c++;
      for (let i = 0; i < this.sp; i++) {
        const k = this.stack[i]!;
        if (gh[k] === b && this.head[k]! < 0) c++;
      }
      return c;
    }
    for (let i = 0; i < this.sp; i++) {
      const k = this.stack[i]!;
      if (gh[b] === k) c++;
      if (gh[k] === b && this.head[k]! < 0) c++;
    }
    return c;
  }

  private apply(a: number, labeler: Scorer, train: ParseTraining | undefined): void {
    if (a === SHIFT) {
      this.stack[this.sp++] = this.b;
      this.inStack[this.b] = 1;
      this.b++;
    } else if (a === REDUCE) {
      this.inStack[this.stack[--this.sp]!] = 0;
    } else if (a === LEFT) {
      const s = this.stack[--this.sp]!;
      this.inStack[s] = 0;
      // One root: a second word left headless at the end hangs from the first.
      this.addArc(this.b > this.n && this.rootChild > 0 ? this.rootChild : this.b, s, labeler, train);
    } else {
      this.addArc(this.stack[this.sp - 1]!, this.b, labeler, train);
      this.stack[this.sp++] = this.b;
      this.inStack[this.b] = 1;
      this.b++;
    }
  }

  /** Parses one tagged sentence (training when `train` is given); heads and labels go to out. */
  parse(c: WordColumns, tags: Uint8Array, parser: Scorer, labeler: Scorer, out: ParseResult, train?: ParseTraining, second?: Uint8Array | null): void {
    this.second = second ?? null;
    this.reset(c, tags);
    const ps = this.ps;
    const costs = this.costs;
    const n = this.n;
    let gh = this.gh;
    if (train) {
      // The gold heads with the root at n + 1.
      if (gh.length < n + 2) gh = this.gh = new Int32Array(this.cap);
      for (let k = 1; k <= n; k++) gh[k] = train.goldHead[k] === 0 ? n + 1 : train.goldHead[k]!;
      gh[0] = -1;
      gh[n + 1] = -1;
    }
    if (!train && this.branches > 0) {
      this.parseBranching(parser, labeler, out);
      return;
    }
    while (this.b <= n || this.sp > 0) {
      // One possible transition (empty stack: shift; at the root: reduce or left-arc): nothing to score or learn.
      const only = this.sp === 0 ? SHIFT : this.b > n ? (this.head[this.stack[this.sp - 1]!]! >= 0 ? REDUCE : LEFT) : -1;
      if (only >= 0) {
        this.apply(only, labeler, train);
        continue;
      }
      if (train) {
        this.parseFeatures(true);
        parser.score(this.pf, NUM_PARSE_FEATURES, ps);
      } else {
        this.scoreState(parser);
      }
      let pred = -1;
      for (let a = 0; a < NUM_ACTIONS; a++) if (this.valid(a) && (pred < 0 || ps[a]! > ps[pred]!)) pred = a;
      let next = pred;
      if (train) {
        let min = 1 << 30;
        for (let a = 0; a < NUM_ACTIONS; a++) {
          costs[a] = this.valid(a) ? this.cost(a, gh) : 1 << 30;
          if (costs[a]! < min) min = costs[a]!;
        }
        if (costs[pred]! > min) {
          let best = -1;
          for (let a = 0; a < NUM_ACTIONS; a++) if (costs[a] === min && (best < 0 || ps[a]! > ps[best]!)) best = a;
          train.updateParser(this.pf, NUM_PARSE_FEATURES, best, pred);
          if (!(train.explore > 0 && train.random() < train.explore)) next = best;
        }
      }
      this.apply(next, labeler, train);
    }
    const head = out.head;
    for (let k = 1; k <= n; k++) head[k] = this.head[k]! > n ? 0 : this.head[k]!;
    out.rel.set(this.rel.subarray(0, n + 1));
  }

  /** Scores the transitions of the current state into ps (inference: reduce and left-arc leave the buffer as it is, so its features' scores are reused). */
  private scoreState(parser: Scorer): void {
    const ps = this.ps;
    const moved = this.b !== this.scoredB;
    this.parseFeatures(moved);
    if (moved) {
      parser.score(this.pfBuffer, NUM_PARSE_FEATURES - BUFFER_FEATURES, this.bufferScores);
      this.scoredB = this.b;
    }
    parser.score(this.pf, BUFFER_FEATURES, ps);
    for (let a = 0; a < NUM_ACTIONS; a++) ps[a]! += this.bufferScores[a]!;
  }

  /**
   * Greedy transitions from the current state to the end, recorded from step `this.steps` on;
   * `first` (≥ 0) is applied instead of the best at the first scored step. Returns the sum of the
   * log-probabilities of the scored transitions taken.
   */
  private greedyFrom(parser: Scorer, labeler: Scorer, first: number): number {
    const n = this.n;
    const ps = this.ps;
    const inv = 1 / this.temperature;
    let total = 0;
    let forced = first;
    while (this.b <= n || this.sp > 0) {
      const step = this.steps++;
      const only = this.sp === 0 ? SHIFT : this.b > n ? (this.head[this.stack[this.sp - 1]!]! >= 0 ? REDUCE : LEFT) : -1;
      if (only >= 0) {
        this.actions[step] = only;
        this.alts[step] = -1;
        this.logps[step] = 0;
        this.apply(only, labeler, undefined);
        continue;
      }
      this.scoreState(parser);
      let pred = -1, second = -1;
      let max = -Infinity;
      for (let a = 0; a < NUM_ACTIONS; a++) {
        if (!this.valid(a)) continue;
        if (pred < 0 || ps[a]! > ps[pred]!) { second = pred; pred = a; }
        else if (second < 0 || ps[a]! > ps[second]!) second = a;
        if (ps[a]! > max) max = ps[a]!;
      }
      let z = 0;
      for (let a = 0; a < NUM_ACTIONS; a++) if (this.valid(a)) z += Math.exp((ps[a]! - max) * inv);
      const lz = Math.log(z) + max * inv;
      const take = forced >= 0 ? forced : pred;
      forced = -1;
      const lp = ps[take]! * inv - lz;
      this.actions[step] = take;
      this.logps[step] = lp;
      this.alts[step] = take === pred ? second : pred;
      this.margins[step] = take === pred && second >= 0 ? ps[pred]! - ps[second]! : Infinity;
      total += lp;
      this.apply(take, labeler, undefined);
    }
    return total;
  }

  /** The greedy parse, then each branch (see `branches`): its prefix replayed, the other transition, greedy again. */
  private parseBranching(parser: Scorer, labeler: Scorer, out: ParseResult): void {
    const n = this.n;
    const m = 2 * n + 4;
    if (this.actions.length < m) {
      this.actions = new Int8Array(m);
      this.alts = new Int8Array(m);
      this.margins = new Float64Array(m);
      this.logps = new Float64Array(m);
    }
    if (this.bestHead.length < n + 2) {
      this.bestHead = new Int32Array(this.head.length);
      this.bestRel = new Int32Array(this.head.length);
      this.saveRel = new Int32Array(this.head.length);
    }
    this.steps = 0;
    this.greedyFrom(parser, labeler, -1);
    const total = this.steps;
    const greedyActions = this.actions.slice(0, total);
    const greedyAlts = this.alts.slice(0, total);
    const greedyLogps = this.logps.slice(0, total);
    this.bestHead.set(this.head.subarray(0, n + 2));
    this.bestRel.set(this.rel.subarray(0, n + 2));
    this.saveRel.set(this.rel.subarray(0, n + 2));
    const cols = this.cols;
    const tags = this.tags;
    // The least certain steps, below the margin.
    const picks: number[] = [];
    for (let i = 0; i < total; i++) {
      if (greedyAlts[i]! < 0 || !(this.margins[i]! < this.branchMargin)) continue;
      picks.push(i);
    }
    const margins = this.margins.slice(0, total);
    picks.sort((a, b) => margins[a]! - margins[b]!);
    // Suffix sums of the greedy log-probabilities: the greedy sequence's score from step j on.
    const suffix = new Float64Array(total + 1);
    for (let i = total - 1; i >= 0; i--) suffix[i] = suffix[i + 1]! + greedyLogps[i]!;
    let bestScore = 0;
    for (let k = 0; k < Math.min(this.branches, picks.length); k++) {
      const j = picks[k]!;
      // Replay the shared prefix with the greedy labels, then take the other transition at j.
      this.reset(cols, tags);
      this.replayRel = this.saveRel;
      for (let i = 0; i < j; i++) this.apply(greedyActions[i]!, labeler, undefined);
      this.replayRel = null;
      this.scoredB = -1;
      this.steps = j;
      const score = this.greedyFrom(parser, labeler, greedyAlts[j]!) - suffix[j]!;
      if (score > bestScore) {
        bestScore = score;
        this.bestHead.set(this.head.subarray(0, n + 2));
        this.bestRel.set(this.rel.subarray(0, n + 2));
      }
    }
    const head = out.head;
    for (let k = 1; k <= n; k++) head[k] = this.bestHead[k]! > n ? 0 : this.bestHead[k]!;
    out.rel.set(this.bestRel.subarray(0, n + 1));
  }
}
