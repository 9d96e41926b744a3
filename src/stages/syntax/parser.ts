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
    const f = this.pf;
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
    f[0] = fh(100, s0w);
    f[1] = fh(101, s0t);
    f[2] = fh(102, s0w, s0t);
    f[12] = fh(112, s0w, n0w, s0n0t);
    f[13] = fh(113, s0w, n0w, s0t);
    f[14] = fh(114, s0w, n0w, n0t);
    f[15] = fh(115, s0w, s0t, n0t);
    f[16] = fh(116, n0w, s0t, n0t);
    f[17] = fh(117, s0w, n0w);
    f[18] = fh(118, s0n0t);
    f[21] = fh(121, s0n0t, n1t);
    f[22] = fh(122, s0ht, s0n0t);
    f[23] = fh(123, s0lt, s0n0t);
    f[24] = fh(124, s0rt, s0n0t);
    f[25] = fh(125, n0lt, s0n0t);
    f[26] = fh(126, s0w, d);
    f[27] = fh(127, s0t, d);
    f[28] = fh(128, n0w, d);
    f[29] = fh(129, n0t, d);
    f[30] = fh(130, s0n0t, d);
    f[31] = fh(131, s0w, s0vr);
    f[32] = fh(132, s0t, s0vr);
    f[33] = fh(133, s0w, s0vl);
    f[34] = fh(134, s0t, s0vl);
    f[35] = fh(135, n0w, n0vl);
    f[36] = fh(136, n0t, n0vl);
    f[37] = fh(137, this.W(s0h));
    f[38] = fh(138, s0ht);
    f[39] = fh(139, this.L(s0));
    f[40] = fh(140, this.W(s0l));
    f[41] = fh(141, s0lt);
    f[42] = fh(142, this.L(s0l));
    f[43] = fh(143, this.W(s0r));
    f[44] = fh(144, s0rt);
    f[45] = fh(145, this.L(s0r));
    f[46] = fh(146, this.W(n0l));
    f[47] = fh(147, n0lt);
    f[48] = fh(148, this.L(n0l));
    f[49] = fh(149, this.W(s0h2));
    f[50] = fh(150, s0h2t);
    f[51] = fh(151, this.L(s0h));
    f[52] = fh(152, this.W(s0l2));
    f[53] = fh(153, s0l2t);
    f[54] = fh(154, this.L(s0l2));
    f[55] = fh(155, this.W(s0r2));
    f[56] = fh(156, s0r2t);
    f[57] = fh(157, this.L(s0r2));
    f[58] = fh(158, this.W(n0l2));
    f[59] = fh(159, n0l2t);
    f[60] = fh(160, this.L(n0l2));
    f[61] = fh(161, s0t, s0lt, s0l2t);
    f[62] = fh(162, s0t, s0rt, s0r2t);
    f[63] = fh(163, s0t, s0ht, s0h2t);
    f[64] = fh(164, n0t, n0lt, n0l2t);
    f[65] = fh(165, s0w, s0sr);
    f[66] = fh(166, s0t, s0sr);
    f[67] = fh(167, s0w, s0sl);
    f[68] = fh(168, s0t, s0sl);
    f[69] = fh(169, n0w, n0sl);
    f[70] = fh(170, n0t, n0sl);
    f[71] = fh(171, this.W(s1));
    f[3] = fh(172, s1t);
    f[4] = fh(173, s1t, s0n0t);
    f[5] = fh(174, this.W(s1), s0w);
    f[6] = fh(175, 0);
    f[7] = fh(176, s0h >= 0 ? 1 : 0, s0n0t);
    f[8] = fh(177, n0 > 0 && n0 <= n ? this.suf3[n0 - 1]! : NONE, s0t);
    const us0n0 = this.U(s0) * 64 + this.U(n0);
    f[9] = fh(178, us0n0, this.U(n1) * 64 + this.U(n2));
    f[10] = fh(179, this.U(s1) * 64 + this.U(s0), this.U(n0));
    f[11] = fh(180, us0n0, d, s0h >= 0 ? 1 : 0);
    f[19] = fh(181, this.U(s0h), us0n0);
    f[20] = fh(182, s0 > 0 && n0 > 0 ? Math.min(this.commas[n0 - 1]! - this.commas[s0]!, 3) : 4, s0n0t);
    // Word clusters (Koo et al. 2008): words as classes of words, for the ones the treebank rarely shows.
    const s0c = this.C(s0), n0c = this.C(n0);
    const qs0 = this.Q(s0), qn0 = this.Q(n0);
    f[72] = fh(183, s0c);
    f[73] = fh(184, s0c, n0c);
    f[74] = fh(185, s0c, n0t);
    f[75] = fh(186, s0t, n0c);
    f[76] = fh(187, qs0 * 64 + qn0, this.Q(n1));
    f[77] = fh(188, this.Q(s0h), qs0 * 64 + qn0);
    f[78] = fh(189, this.Q(s1) * 64 + qs0, n0t);
    // The taggers' runner-up tags of s0 and n0 where they were unsure: the parser may side with it.
    const as0 = this.A(s0), an0 = this.A(n0);
    f[79] = as0 > 0 ? fh(194, s0t, as0, n0t) : fh(194, 0);
    f[80] = an0 > 0 ? fh(195, s0t, n0t, an0) : fh(195, 0);
    // Features of the buffer alone (n0, n1, n2), last: the same until the next word is read.
    if (withBuffer) {
      const B = BUFFER_FEATURES;
      f[B] = fh(103, n0w);
      f[B + 1] = fh(104, n0t);
      f[B + 2] = fh(105, n0w, n0t);
      f[B + 3] = fh(106, n1w);
      f[B + 4] = fh(107, n1t);
      f[B + 5] = fh(108, n1w, n1t);
      f[B + 6] = fh(109, n2w);
      f[B + 7] = fh(110, n2t);
      f[B + 8] = fh(111, n2w, n2t);
      f[B + 9] = fh(119, n0t, n1t);
      f[B + 10] = fh(120, n0t, n1t, n2t);
      f[B + 11] = fh(191, n0c);
      f[B + 12] = fh(192, this.C(n1));
      f[B + 13] = fh(193, n0c, this.C(n1));
    }
  }

  private labelFeatures(h: number, d: number): void {
    const f = this.lf;
    const dir = d < h ? 1 : 2;
    const dist = Math.min(Math.abs(h - d), 10);
    const hw = this.W(h), ht = this.T(h), dw = this.W(d), dt = this.T(d);
    const dl = this.l1[d]!;
    f[0] = fh(200, 0);
    f[1] = fh(201, hw, dw);
    f[2] = fh(202, ht, dt, dir);
    f[3] = fh(203, hw, dt, dir);
    f[4] = fh(204, ht, dw, dir);
    f[5] = fh(205, dw, dt);
    f[6] = fh(206, hw, ht);
    f[7] = fh(207, ht, dt, dist * 4 + dir);
    f[8] = fh(208, ht, this.lset[h]!, dir);
    f[9] = fh(209, dt, this.lset[d]!);
    f[10] = fh(210, dt, this.rset[d]!);
    f[11] = fh(211, ht, this.rset[h]!, dir);
    f[12] = fh(212, ht, this.T(this.head[h]!), dir);
    f[13] = fh(213, this.W(dl), dt);
    f[14] = fh(214, this.L(dl), dt, dir);
    f[15] = fh(215, dt, this.T(d - 1), this.T(d + 1));
    f[16] = fh(216, ht, this.T(h - 1), this.T(h + 1));
    f[17] = fh(217, dw, dir);
    f[18] = fh(218, this.suf3[d - 1]!, dt);
    f[19] = fh(219, hw, dw, dir);
    f[20] = fh(220, ht * 512 + dt, this.lset[h]!, dir);
    f[21] = fh(221, hw, dir);
    f[22] = fh(222, this.L(this.head[h]!), ht, dt);
    f[23] = fh(223, this.W(this.r1[d]!), dt);
    f[24] = fh(224, this.U(h) * 64 + this.U(d), dist * 4 + dir);
    const hc = this.C(h), dc = this.C(d);
    f[25] = fh(225, hc, dc);
    f[26] = fh(226, hc, dt, dir);
    f[27] = fh(227, ht, dc, dir);
    // Commas between head and dependent (conj, appos, parataxis), the word after the dependent
    // (iobj before obj, particles), the dependent's first left child and its label, the runner-up tag.
    const between = h <= this.n ? Math.min(Math.abs(this.commas[Math.max(h, d) - 1]! - this.commas[Math.min(h, d)]!), 2) : 3;
    f[28] = fh(228, ht, dt, between * 4 + dir);
    f[29] = fh(229, this.suf3[d - 1]!, ht, dir);
    f[30] = fh(230, dt, this.T(d + 1));
    f[31] = fh(231, dw, this.T(d + 1));
    f[32] = fh(232, hw, dt, dist * 4 + dir);
    f[33] = fh(233, this.U(h) * 64 + this.U(d), this.lset[d]!, dir);
    f[34] = fh(234, dt, this.T(this.l1[d]!), this.L(this.l1[d]!));
    f[35] = fh(235, this.A(d), dt, ht);
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
