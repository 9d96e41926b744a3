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
 * entries are, and the entries as (class << 16 | Int16 value), so a feature costs two memory reads.
 */
export interface SparseWeights {
  bits: number;
  nClasses: number;
  /** Per slot: bucket + 1 (0 = empty), then first entry << 8 | entry count. */
  slots: Int32Array;
  entries: Int32Array;
  /**
   * Tables of at most 4 classes (the parser) keep their weights in the slot itself, two Int32
   * per slot (see inlineSlots): one cache miss per feature instead of two.
   */
  inline: Int32Array | null;
}

/** The stored form of SparseWeights: buckets in increasing order with their entry counts. */
export interface PackedWeights {
  bits: number;
  nClasses: number;
  buckets: Uint32Array;
  counts: Uint8Array;
  cls: Uint8Array;
  val: Int16Array;
}

/**
 * Keeps the weights with |w| ≥ threshold, quantized to Int16 (one scale per table: argmax does
 * not need it back). Tables of at most 4 classes keep whole rows (every class of a feature with
 * one weight over the threshold): their slots hold all four values anyway, and the small weights
 * beside a large one still count in the argmax.
 */
export function pack(dense: Float32Array, bits: number, nClasses: number, threshold: number): PackedWeights {
  const wholeRows = nClasses <= 4;
  let max = 0;
  for (let i = 0; i < dense.length; i++) max = Math.max(max, Math.abs(dense[i]!));
  const scale = max > 0 ? 32767 / max : 1;
  const buckets: number[] = [];
  const counts: number[] = [];
  const cls: number[] = [];
  const val: number[] = [];
  const nb = 1 << bits;
  for (let b = 0; b < nb; b++) {
    const before = cls.length;
    let rowMax = 0;
    if (wholeRows) for (let j = 0; j < nClasses; j++) rowMax = Math.max(rowMax, Math.abs(dense[b * nClasses + j]!));
    for (let j = 0; j < nClasses; j++) {
      const v = dense[b * nClasses + j]!;
      if (wholeRows ? rowMax >= threshold : Math.abs(v) >= threshold) {
        const q = Math.round(v * scale);
        if (q !== 0) { cls.push(j); val.push(q); }
      }
    }
    if (cls.length > before) { buckets.push(b); counts.push(cls.length - before); }
  }
  return { bits, nClasses, buckets: Uint32Array.from(buckets), counts: Uint8Array.from(counts), cls: Uint8Array.from(cls), val: Int16Array.from(val) };
}

/** Builds the lookup table of packed weights. */
export function unpack(p: PackedWeights): SparseWeights {
  if (p.nClasses <= 4) return { bits: p.bits, nClasses: p.nClasses, slots: new Int32Array(2), entries: new Int32Array(0), inline: inlineSlots(p) };
  const rows = p.buckets.length;
  let cap = 1;
  while (cap < rows * 2) cap <<= 1;
  const slots = new Int32Array(2 * cap);
  const entries = new Int32Array(p.cls.length);
  let used = 0;
  let e = 0;
  for (let r = 0; r < rows; r++) {
    const b = p.buckets[r]!;
    const count = p.counts[r]!;
    let h = (Math.imul(b, 0x9e3779b1) >>> 0) & (cap - 1);
    while (slots[2 * h] !== 0) h = (h + 1) & (cap - 1);
    slots[2 * h] = b + 1;
    // A row of one entry (about 40% of them) lives in the slot itself, flagged by the sign bit:
    // one memory read for that feature instead of two.
    if (count === 1) slots[2 * h + 1] = SINGLE | (p.cls[e]! << 16) | (p.val[e]! & 0xffff);
    else {
      slots[2 * h + 1] = (used << 8) | count;
      for (let k = 0; k < count; k++) entries[used + k] = (p.cls[e + k]! << 16) | (p.val[e + k]! & 0xffff);
      used += count;
    }
    e += count;
  }
  return { bits: p.bits, nClasses: p.nClasses, slots, entries: entries.slice(0, used), inline: null };
}

const SINGLE = 1 << 31;

/**
 * The compact form of a 4-class table, two Int32 per slot: a fingerprint of the bucket (16 bits) with
 * v1 − v0, then v2 − v0 | v3 − v0. Adding the same amount to every class of a feature never changes
 * the argmax, so class 0 needs no weight and the table is half the size (the parser's table is the
 * one that misses the cache: halving it is what buys speed). A fingerprint collision inside one
 * probe chain has odds of 1 in 32,768 per probe.
 */
function inlineSlots(p: PackedWeights): Int32Array {
  const rows = p.buckets.length;
  let cap = 1;
  while (cap < rows * 1.5) cap <<= 1;
  const diffs = new Int32Array(rows * 3);
  let maxDiff = 0;
  let e = 0;
  for (let r = 0; r < rows; r++) {
    const v = [0, 0, 0, 0];
    for (let k = 0; k < p.counts[r]!; k++, e++) v[p.cls[e]!] = p.val[e]!;
    for (let j = 1; j < 4; j++) {
      const d = v[j]! - v[0]!;
      diffs[3 * r + j - 1] = d;
      if (Math.abs(d) > maxDiff) maxDiff = Math.abs(d);
    }
  }
  const scale = maxDiff > 32767 ? 32767 / maxDiff : 1;
  const slots = new Int32Array(2 * cap);
  for (let r = 0; r < rows; r++) {
    const b = p.buckets[r]!;
    const fp = fingerprint(b);
    let h = (Math.imul(b, 0x9e3779b1) >>> 0) & (cap - 1);
    while (slots[2 * h] !== 0) h = (h + 1) & (cap - 1);
    const q = (j: number) => Math.round(diffs[3 * r + j]! * scale) & 0xffff;
    slots[2 * h] = (fp << 16) | q(0);
    slots[2 * h + 1] = q(1) | (q(2) << 16);
  }
  return slots;
}

/** 15-bit fingerprint of a bucket plus one, never 0 (0 marks an empty slot); no division in the hot loop. */
function fingerprint(b: number): number {
  return (Math.imul(b, 0x85ebca6b) >>> 17) + 1;
}

/** scoreSparse for compact 4-class tables: hashes first, then the loads, so the cache misses overlap. */
function scoreInline(m: SparseWeights, slots: Int32Array, feats: Uint32Array, n: number, scores: Float64Array): void {
  const smask = (slots.length >> 1) - 1;
  const bmask = (1 << m.bits) - 1;
  let s1 = 0, s2 = 0, s3 = 0;
  for (let i = 0; i < n; i++) {
    const b = feats[i]! & bmask;
    const fp = (Math.imul(b, 0x85ebca6b) >>> 17) + 1;
    let h = (Math.imul(b, 0x9e3779b1) >>> 0) & smask;
    let a = slots[2 * h]!;
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

/** Adds the rows of the given feature hashes into scores (cleared first). */
export function scoreSparse(m: SparseWeights, feats: Uint32Array, n: number, scores: Float64Array): void {
  if (m.inline) return scoreInline(m, m.inline, feats, n, scores);
  scores.fill(0, 0, m.nClasses);
  const slots = m.slots;
  const smask = (slots.length >> 1) - 1;
  const bmask = (1 << m.bits) - 1;
  const entries = m.entries;
  for (let i = 0; i < n; i++) {
    const b = feats[i]! & bmask;
    let h = (Math.imul(b, 0x9e3779b1) >>> 0) & smask;
    for (;;) {
      const k = slots[2 * h]!;
      if (k === 0) break;
      if (k === b + 1) {
        const where = slots[2 * h + 1]!;
        if (where < 0) scores[(where >>> 16) & 0x7fff]! += (where << 16) >> 16;
        else {
          for (let e = where >>> 8, end = e + (where & 0xff); e < end; e++) {
            const x = entries[e]!;
            scores[x >>> 16]! += (x << 16) >> 16;
          }
        }
        break;
      }
      h = (h + 1) & smask;
    }
  }
}
