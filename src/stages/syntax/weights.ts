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
   * Tables of at most 4 classes (the parser) keep their weights in the slot itself, four Int32
   * per slot (bucket + 1, v0|v1, v2|v3, 0): one cache miss per feature instead of two.
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
 * not need it back).
 */
export function pack(dense: Float32Array, bits: number, nClasses: number, threshold: number): PackedWeights {
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
    for (let j = 0; j < nClasses; j++) {
      const v = dense[b * nClasses + j]!;
      if (Math.abs(v) >= threshold) {
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
  const rows = p.buckets.length;
  let cap = 1;
  while (cap < rows * 2) cap <<= 1;
  const slots = new Int32Array(2 * cap);
  const entries = new Int32Array(p.cls.length);
  for (let e = 0; e < entries.length; e++) entries[e] = (p.cls[e]! << 16) | (p.val[e]! & 0xffff);
  let start = 0;
  for (let r = 0; r < rows; r++) {
    const b = p.buckets[r]!;
    let h = (Math.imul(b, 0x9e3779b1) >>> 0) & (cap - 1);
    while (slots[2 * h] !== 0) h = (h + 1) & (cap - 1);
    slots[2 * h] = b + 1;
    slots[2 * h + 1] = (start << 8) | p.counts[r]!;
    start += p.counts[r]!;
  }
  return { bits: p.bits, nClasses: p.nClasses, slots, entries, inline: p.nClasses <= 4 ? inlineSlots(p) : null };
}

function inlineSlots(p: PackedWeights): Int32Array {
  const rows = p.buckets.length;
  let cap = 1;
  while (cap < rows * 1.5) cap <<= 1;
  const slots = new Int32Array(4 * cap);
  let e = 0;
  for (let r = 0; r < rows; r++) {
    const v = [0, 0, 0, 0];
    for (let k = 0; k < p.counts[r]!; k++, e++) v[p.cls[e]!] = p.val[e]!;
    const b = p.buckets[r]!;
    let h = (Math.imul(b, 0x9e3779b1) >>> 0) & (cap - 1);
    while (slots[4 * h] !== 0) h = (h + 1) & (cap - 1);
    slots[4 * h] = b + 1;
    slots[4 * h + 1] = (v[0]! & 0xffff) | (v[1]! << 16);
    slots[4 * h + 2] = (v[2]! & 0xffff) | (v[3]! << 16);
  }
  return slots;
}

/** scoreSparse for inline tables: sums in locals, so the loads of different features overlap. */
function scoreInline(m: SparseWeights, slots: Int32Array, feats: Uint32Array, n: number, scores: Float64Array): void {
  const smask = (slots.length >> 2) - 1;
  const bmask = (1 << m.bits) - 1;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let i = 0; i < n; i++) {
    const key = (feats[i]! & bmask) + 1;
    let h = (Math.imul(key - 1, 0x9e3779b1) >>> 0) & smask;
    let k = slots[4 * h]!;
    while (k !== key && k !== 0) {
      h = (h + 1) & smask;
      k = slots[4 * h]!;
    }
    if (k === 0) continue;
    const a = slots[4 * h + 1]!;
    const b = slots[4 * h + 2]!;
    s0 += (a << 16) >> 16;
    s1 += a >> 16;
    s2 += (b << 16) >> 16;
    s3 += b >> 16;
  }
  scores[0] = s0;
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
        for (let e = where >>> 8, end = e + (where & 0xff); e < end; e++) {
          const x = entries[e]!;
          scores[x >>> 16]! += (x << 16) >> 16;
        }
        break;
      }
      h = (h + 1) & smask;
    }
  }
}
