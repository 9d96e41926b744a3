/**
 * Perceptron weights: a dense averaged table for training (hashed feature rows × classes) and
 * the compact shipped form (sparse rows found by open addressing, Int16 values) for tagging.
 */

/** Training weights with lazy averaging: average = w − u / c (Daumé's trick, no timestamps). */
export class AveragedWeights {
  readonly w: Float32Array;
  readonly u: Float32Array;
  readonly mask: number;
  c = 1;
  constructor(readonly bits: number, readonly nClasses: number) {
    this.w = new Float32Array((1 << bits) * nClasses);
    this.u = new Float32Array((1 << bits) * nClasses);
    this.mask = (1 << bits) - 1;
  }

  score(feats: Uint32Array, n: number, scores: Float64Array): void {
    const k = this.nClasses;
    const w = this.w;
    scores.fill(0, 0, k);
    for (let i = 0; i < n; i++) {
      const row = (feats[i]! & this.mask) * k;
      for (let j = 0; j < k; j++) scores[j]! += w[row + j]!;
    }
  }

  update(feats: Uint32Array, n: number, cls: number, delta: number): void {
    const k = this.nClasses;
    const cd = this.c * delta;
    for (let i = 0; i < n; i++) {
      const idx = (feats[i]! & this.mask) * k + cls;
      this.w[idx]! += delta;
      this.u[idx]! += cd;
    }
  }

  averaged(): Float32Array {
    const out = new Float32Array(this.w.length);
    for (let i = 0; i < out.length; i++) out[i] = this.w[i]! - this.u[i]! / this.c;
    return out;
  }
}

/**
 * Shipped weights in memory: an open-addressing table whose slot holds the bucket and where its
 * entries are, and the entries as (class << 16 | Int16 value), so a feature costs two memory reads
 * (the model file stores entries in this form: they are used in place).
 */
export interface SparseWeights {
  bits: number;
  nClasses: number;
  /** Per slot: bucket + 1 (0 = empty), then first entry << 8 | entry count (or one entry inline, see unpack). */
  slots: Int32Array;
  /** Each entry as class << 16 | (value & 0xffff), rows one after the other in bucket order. */
  entries: Int32Array;
  /**
   * Tables of at most 4 classes (the parser) keep their weights in the slot itself, two Int32
   * per slot (see inlineSlots): one cache miss per feature instead of two.
   */
  inline: Int32Array | null;
  /**
   * A bucket's home slot is its top bits (bucket >>> shift): buckets are already well-mixed
   * hashes, and loading the table in increasing bucket order then writes it front to back, so
   * building it at start-up costs a few milliseconds instead of one cache miss per row.
   */
  shift: number;
}

/** The stored form of SparseWeights: buckets in increasing order with their entry counts. */
export interface PackedWeights {
  bits: number;
  nClasses: number;
  buckets: Uint32Array;
  counts: Uint8Array;
  cls: Uint8Array;
  val: Int16Array;
  /**
   * 4-class tables: every row holds the differences v1 − v0, v2 − v0, v3 − v0 (three values in
   * val, no counts or classes stored). Adding one amount to every class of a feature never changes
   * the argmax, so class 0 needs no weight, and the table loads without a loop over entries.
   */
  diffRows?: boolean;
  /** The entries already as SparseWeights.entries (then cls and val may be empty). */
  entries?: Int32Array;
}

/** Entries as class << 16 | (value & 0xffff). */
export function packEntries(cls: Uint8Array, val: Int16Array): Int32Array {
  const out = new Int32Array(cls.length);
  for (let e = 0; e < cls.length; e++) out[e] = (cls[e]! << 16) | (val[e]! & 0xffff);
  return out;
}

/**
 * Keeps the weights with |w| ≥ threshold, quantized to Int16 (one scale per table: argmax does
 * not need it back). Tables of at most 4 classes keep whole rows (every class of a feature with
 * one weight over the threshold): their slots hold all four values anyway, and the small weights
 * beside a large one still count in the argmax.
 */
export function pack(dense: Float32Array, bits: number, nClasses: number, threshold: number, step = 0): PackedWeights {
  const wholeRows = nClasses <= 4;
  let max = 0;
  for (let i = 0; i < dense.length; i++) max = Math.max(max, Math.abs(dense[i]!));
  // step > 0: round to multiples of step (when Int16 allows): digits the argmax never needs cost bytes.
  const diffRows = nClasses === 4;
  const scale = max > 0 ? Math.min((diffRows ? 16383 : 32767) / max, step > 0 ? 1 / step : Infinity) : 1;
  const buckets: number[] = [];
  const counts: number[] = [];
  const cls: number[] = [];
  const val: number[] = [];
  const nb = 1 << bits;
  for (let b = 0; b < nb; b++) {
    const before = cls.length;
    let rowMax = 0;
    if (wholeRows) for (let j = 0; j < nClasses; j++) rowMax = Math.max(rowMax, Math.abs(dense[b * nClasses + j]!));
    if (diffRows) {
      if (rowMax < threshold) continue;
      const q = [1, 2, 3].map((j) => Math.round((dense[b * 4 + j]! - dense[b * 4]!) * scale));
      if (q.every((x) => x === 0)) continue;
      buckets.push(b);
      counts.push(3);
      for (let j = 0; j < 3; j++) { cls.push(j + 1); val.push(q[j]!); }
      continue;
    }
    for (let j = 0; j < nClasses; j++) {
      const v = dense[b * nClasses + j]!;
      if (wholeRows ? rowMax >= threshold : Math.abs(v) >= threshold) {
        const q = Math.round(v * scale);
        if (q !== 0) { cls.push(j); val.push(q); }
      }
    }
    if (cls.length > before) { buckets.push(b); counts.push(cls.length - before); }
  }
  return { bits, nClasses, buckets: Uint32Array.from(buckets), counts: Uint8Array.from(counts), cls: Uint8Array.from(cls), val: Int16Array.from(val), ...(diffRows ? { diffRows } : {}) };
}

/** Builds the lookup table of packed weights. */
export function unpack(p: PackedWeights, spread = p.nClasses <= 4 ? 1.5 : 2): SparseWeights {
  const rows = p.buckets.length;
  let cap = 1;
  while (cap < rows * spread) cap <<= 1;
  cap = Math.min(cap, 2 ** p.bits);
  const shift = p.bits - (31 - Math.clz32(cap));
  if (p.nClasses <= 4) {
    const inline = p.diffRows ? diffSlots(p, cap, shift) : inlineSlots(p, cap, shift);
    return { bits: p.bits, nClasses: p.nClasses, slots: new Int32Array(2), entries: new Int32Array(0), inline, shift };
  }
  const slots = new Int32Array(2 * cap);
  const { buckets, counts } = p;
  const entries = p.entries ?? packEntries(p.cls, p.val);
  const mask = cap - 1;
  let e = 0;
  for (let r = 0; r < rows; r++) {
    const b = buckets[r]!;
    const count = counts[r]!;
    let h = b >>> shift;
    while (slots[2 * h] !== 0) h = (h + 1) & mask;
    slots[2 * h] = b + 1;
    // A row of one entry (about 40% of them) lives in the slot itself, flagged by the sign bit:
    // one memory read for that feature instead of two.
    slots[2 * h + 1] = count === 1 ? SINGLE | entries[e]! : (e << 8) | count;
    e += count;
  }
  return { bits: p.bits, nClasses: p.nClasses, slots, entries, inline: null, shift };
}

const SINGLE = 1 << 31;

/**
 * The compact form of a 4-class table, two Int32 per slot: a fingerprint of the bucket (16 bits) with
 * v1 − v0, then v2 − v0 | v3 − v0. Adding the same amount to every class of a feature never changes
 * the argmax, so class 0 needs no weight and the table is half the size (the parser's table is the
 * one that misses the cache: halving it is what buys speed). A fingerprint collision inside one
 * probe chain has odds of 1 in 32,768 per probe.
 */
function inlineSlots(p: PackedWeights, cap: number, shift: number): Int32Array {
  const rows = p.buckets.length;
  const counts = p.counts, buckets = p.buckets;
  const entries = p.entries ?? packEntries(p.cls, p.val);
  // Plain loops over the packed arrays, no per-row objects: this runs once per process start.
  const diffs = new Int32Array(rows * 3);
  let maxDiff = 0;
  let e = 0;
  for (let r = 0; r < rows; r++) {
    let v0 = 0, v1 = 0, v2 = 0, v3 = 0;
    for (const end = e + counts[r]!; e < end; e++) {
      const c = entries[e]! >>> 16;
      const x = (entries[e]! << 16) >> 16;
      if (c === 0) v0 = x;
      else if (c === 1) v1 = x;
      else if (c === 2) v2 = x;
      else v3 = x;
    }
    const d1 = v1 - v0, d2 = v2 - v0, d3 = v3 - v0;
    diffs[3 * r] = d1;
    diffs[3 * r + 1] = d2;
    diffs[3 * r + 2] = d3;
    maxDiff = Math.max(maxDiff, Math.abs(d1), Math.abs(d2), Math.abs(d3));
  }
  const scale = maxDiff > 32767 ? 32767 / maxDiff : 1;
  const slots = new Int32Array(2 * cap);
  const mask = cap - 1;
  for (let r = 0; r < rows; r++) {
    const b = buckets[r]!;
    let h = b >>> shift;
    while (slots[2 * h] !== 0) h = (h + 1) & mask;
    const q0 = scale === 1 ? diffs[3 * r]! : Math.round(diffs[3 * r]! * scale);
    const q1 = scale === 1 ? diffs[3 * r + 1]! : Math.round(diffs[3 * r + 1]! * scale);
    const q2 = scale === 1 ? diffs[3 * r + 2]! : Math.round(diffs[3 * r + 2]! * scale);
    slots[2 * h] = (fingerprint(b) << 16) | (q0 & 0xffff);
    slots[2 * h + 1] = (q1 & 0xffff) | (q2 << 16);
  }
  return slots;
}

/** inlineSlots for rows stored as differences (PackedWeights.diffRows): one pass, no entry loop. */
function diffSlots(p: PackedWeights, cap: number, shift: number): Int32Array {
  const { buckets, val } = p;
  const rows = buckets.length;
  const slots = new Int32Array(2 * cap);
  const mask = cap - 1;
  for (let r = 0; r < rows; r++) {
    const b = buckets[r]!;
    let h = b >>> shift;
    while (slots[2 * h] !== 0) h = (h + 1) & mask;
    slots[2 * h] = (fingerprint(b) << 16) | (val[3 * r]! & 0xffff);
    slots[2 * h + 1] = (val[3 * r + 1]! & 0xffff) | (val[3 * r + 2]! << 16);
  }
  return slots;
}

/** 15-bit fingerprint of a bucket plus one, never 0 (0 marks an empty slot); no division in the hot loop. */
function fingerprint(b: number): number {
  return (Math.imul(b, 0x85ebca6b) >>> 17) + 1;
}

/** Home slot and its first word per feature of scoreInline, reused between calls. */
let inlineHomes = new Int32Array(128);
let inlineFirsts = new Int32Array(128);

/**
 * scoreSparse for compact 4-class tables (the parser's, 8.4 MB: it misses the CPU caches on
 * nearly every feature), in two passes: every feature's home slot first, loads that depend on
 * nothing but the feature, so the processor has many misses in flight at once; then the probes.
 * Parsing took 0.80-0.84 of the CPU it took with one pass.
 */
function scoreInline(m: SparseWeights, slots: Int32Array, feats: Uint32Array, n: number, scores: Float64Array): void {
  const smask = (slots.length >> 1) - 1;
  const bmask = (1 << m.bits) - 1;
  const shift = m.shift;
  if (inlineHomes.length < n) {
    inlineHomes = new Int32Array(2 * n);
    inlineFirsts = new Int32Array(2 * n);
  }
  const homes = inlineHomes, firsts = inlineFirsts;
  for (let i = 0; i < n; i++) {
    const h = (feats[i]! & bmask) >>> shift;
    homes[i] = h;
    firsts[i] = slots[2 * h]!;
  }
  let s1 = 0, s2 = 0, s3 = 0;
  for (let i = 0; i < n; i++) {
    let a = firsts[i]!;
    if (a === 0) continue;
    const fp = (Math.imul(feats[i]! & bmask, 0x85ebca6b) >>> 17) + 1;
    let h = homes[i]!;
    while (a !== 0 && a >>> 16 !== fp) {
      h = (h + 1) & smask;
      a = slots[2 * h]!;
    }
    if (a === 0) continue;
    const c = slots[2 * h + 1]!;
    s1 += (a << 16) >> 16;
    s2 += (c << 16) >> 16;
    s3 += c >> 16;
  }
  scores[0] = 0;
  scores[1] = s1;
  scores[2] = s2;
  scores[3] = s3;
}

/** A Scorer over shipped weights. */
export function sparseScorer(m: SparseWeights): { nClasses: number; score(f: Uint32Array, n: number, s: Float64Array): void } {
  return { nClasses: m.nClasses, score: (f, n, s) => scoreSparse(m, f, n, s) };
}

let home = new Int32Array(64);
/** Keeps the first pass's loads from being optimized away. */
let sink = 0;

/** Adds the rows of the given feature hashes into scores (cleared first). */
export function scoreSparse(m: SparseWeights, feats: Uint32Array, n: number, scores: Float64Array): void {
  if (m.inline) return scoreInline(m, m.inline, feats, n, scores);
  scores.fill(0, 0, m.nClasses);
  const slots = m.slots;
  const smask = (slots.length >> 1) - 1;
  const bmask = (1 << m.bits) - 1;
  const entries = m.entries;
  const shift = m.shift;
  // Three passes, each of loads that do not wait on one another, so that their cache misses
  // overlap instead of coming one after the other: every feature's home slot; then the probes
  // (mostly cached now), single-entry rows added at once and the first entry of the others touched;
  // then those rows.
  if (home.length < n) home = new Int32Array(2 * n);
  let touched = 0;
  for (let i = 0; i < n; i++) {
    const h = (feats[i]! & bmask) >>> shift;
    home[i] = h;
    touched ^= slots[2 * h]!;
  }
  let rows = 0;
  for (let i = 0; i < n; i++) {
    const b = feats[i]! & bmask;
    let h = home[i]!;
    for (;;) {
      const k = slots[2 * h]!;
      if (k === 0) break;
      if (k === b + 1) {
        const where = slots[2 * h + 1]!;
        if (where < 0) scores[(where >>> 16) & 0x7fff]! += (where << 16) >> 16;
        else {
          home[rows++] = where;
          touched ^= entries[where >>> 8]!;
        }
        break;
      }
      h = (h + 1) & smask;
    }
  }
  sink = touched;
  for (let r = 0; r < rows; r++) {
    const where = home[r]!;
    for (let e = where >>> 8, end = e + (where & 0xff); e < end; e++) {
      const x = entries[e]!;
      scores[x >>> 16]! += (x << 16) >> 16;
    }
  }
}
