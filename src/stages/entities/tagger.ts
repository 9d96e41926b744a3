/**
 * The NER tagger: an averaged perceptron over hashed features with greedy left-to-right decoding
 * (BIO over PER, ORG, LOC, MISC, as in CoNLL-2003). Training and tagging share `decode`.
 */
import type { HashedGazetteer, TaggerInput, TokenColumns } from './features.js';
import { computeColumns, dynamicFeatures, Flag, NUM_DYNAMIC, NUM_STATIC, SMI, staticFeatures } from './features.js';

export const LABELS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;
export type Label = (typeof LABELS)[number];
export const NUM_LABELS = LABELS.length;
export const TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
/** Label id at the start of a sentence, for the history features. */
const BOS_LABEL = NUM_LABELS;

/** Entity type index (1..4) of a label id, 0 for O. */
export const typeOfLabel = (l: number) => (l + 1) >> 1;
export const isInside = (l: number) => l > 0 && l % 2 === 0;

/**
 * Weights: rows of one weight per label. Dense (training): row = feature bucket. Sparse (the
 * shipped model): only non-zero rows, found by rank in a bit set over the buckets (64 KB that
 * stay in cache), so zero features cost no memory access and the rows take ~0.7 MB.
 */
export interface Weights {
  bits: number;
  values: Float32Array | Int8Array;
  /** Sparse only: bit b set when bucket b has a row; rank[w] = rows before word w. */
  bitmap: Uint32Array | null;
  rank: Int32Array | null;
}

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Offset of a bucket's row in `values`, or -1 when the feature has no weights. */
export function offsetOf(w: Weights, bucket: number): number {
  const bm = w.bitmap;
  if (!bm) return bucket * NUM_LABELS;
  const word = bm[bucket >>> 5]!;
  const bit = 1 << (bucket & 31);
  if (!(word & bit)) return -1;
  return (w.rank![bucket >>> 5]! + popcount(word & (bit - 1))) * NUM_LABELS;
}

/** Keeps only the non-zero rows of dense weights. */
export function sparsify(bits: number, dense: Int8Array): Weights {
  const buckets = 1 << bits;
  const bitmap = new Uint32Array(buckets >>> 5);
  const rank = new Int32Array(buckets >>> 5);
  let rows = 0;
  for (let b = 0; b < buckets; b++) {
    if ((b & 31) === 0) rank[b >>> 5] = rows;
    for (let l = 0; l < NUM_LABELS; l++) {
      if (dense[b * NUM_LABELS + l] !== 0) { bitmap[b >>> 5]! |= 1 << (b & 31); rows++; break; }
    }
  }
  const values = new Int8Array(rows * NUM_LABELS);
  let r = 0;
  for (let b = 0; b < buckets; b++) {
    if (!(bitmap[b >>> 5]! & (1 << (b & 31)))) continue;
    // A plain copy: a subarray per row would allocate a view for each of ~80,000 rows.
    const from = b * NUM_LABELS;
    const to = NUM_LABELS * r++;
    for (let l = 0; l < NUM_LABELS; l++) values[to + l] = dense[from + l]!;
  }
  return { bits, values, bitmap, rank };
}

/** Token information for one document, kept so training epochs do not recompute it. */
export interface Prepared {
  cols: TokenColumns;
  feats: Int32Array;
  sentence: Int32Array;
}

/** Token columns and static feature offsets (rows of `w`, -1 when absent) of one document. */
export function prepare(input: TaggerInput, gaz: HashedGazetteer, w: Weights, reuse = false): Prepared {
  const cols = computeColumns(input, gaz, reuse);
  const feats = staticFeatures(cols, input.sentence, w.bits, reuse);
  toRowOffsets(feats, w);
  return { cols, feats, sentence: input.sentence };
}

/**
 * Feature ids to row offsets, in place. A function of its own: V8 compiles this loop on stack
 * replacement during the first document, and code of the caller compiled with it (but not yet
 * run) deoptimised every later document.
 */
function toRowOffsets(feats: Int32Array, w: Weights): void {
  if (w.bitmap) for (let k = 0; k < feats.length; k++) feats[k] = offsetOf(w, feats[k]!);
  else for (let k = 0; k < feats.length; k++) feats[k] = feats[k]! * NUM_LABELS;
}

/** Called on each token during training with the predicted label and the feature offsets used. */
export type Learner = (i: number, predicted: number, feats: Int32Array, dyn: Int32Array) => void;

/**
 * Greedy decoding: each token's label from its features and the two labels before it. An
 * I- label that does not continue the previous entity is read as B- (IOB repair).
 */
export function decode(p: Prepared, w: Weights, learn?: Learner): Uint8Array {
  const { cols, feats, sentence } = p;
  const n = cols.n;
  const values = w.values;
  const out = new Uint8Array(n);
  const dyn = new Int32Array(NUM_DYNAMIC);
  const scores = new Float64Array(NUM_LABELS);
  const history = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const start = i === 0 || sentence[i - 1] !== sentence[i];
    const p1 = start ? BOS_LABEL : out[i - 1]!;
    const p2 = start || i < 2 || sentence[i - 2] !== sentence[i] ? BOS_LABEL : out[i - 2]!;
    const cap = (cols.flags[i]! & Flag.InitCap) !== 0;
    const hist = cap ? history.get(cols.low[i]! & SMI) ?? 0 : 0;
    dynamicFeatures(cols, i, p1, p2, hist, w.bits, dyn);
    if (w.bitmap) for (let k = 0; k < NUM_DYNAMIC; k++) dyn[k] = offsetOf(w, dyn[k]!);
    else for (let k = 0; k < NUM_DYNAMIC; k++) dyn[k] = dyn[k]! * NUM_LABELS;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0;
    const base = i * NUM_STATIC;
    for (let k = 0; k < NUM_STATIC + NUM_DYNAMIC; k++) {
      const o = k < NUM_STATIC ? feats[base + k]! : dyn[k - NUM_STATIC]!;
      if (o < 0) continue;
      s0 += values[o]!; s1 += values[o + 1]!; s2 += values[o + 2]!; s3 += values[o + 3]!; s4 += values[o + 4]!;
      s5 += values[o + 5]!; s6 += values[o + 6]!; s7 += values[o + 7]!; s8 += values[o + 8]!;
    }
    scores[0] = s0; scores[1] = s1; scores[2] = s2; scores[3] = s3; scores[4] = s4; scores[5] = s5; scores[6] = s6; scores[7] = s7; scores[8] = s8;
    let best = 0;
    for (let l = 1; l < NUM_LABELS; l++) if (scores[l]! > scores[best]!) best = l;
    if (learn) learn(i, best, feats.subarray(base, base + NUM_STATIC), dyn);
    // IOB repair: I-X must continue an X entity.
    if (isInside(best) && !(p1 === best || p1 === best - 1)) best = best - 1;
    out[i] = best;
    if (cap) history.set(cols.low[i]! & SMI, best === 0 ? 5 : typeOfLabel(best));
  }
  return out;
}

/** Averaged perceptron training state (Daumé's trick: averages without touching every weight). */
export class PerceptronTrainer {
  readonly w: Float32Array;
  readonly u: Float64Array;
  c = 1;
  constructor(readonly bits: number) {
    this.w = new Float32Array((1 << bits) * NUM_LABELS);
    this.u = new Float64Array((1 << bits) * NUM_LABELS);
  }

  weights(): Weights {
    return { bits: this.bits, values: this.w, bitmap: null, rank: null };
  }

  /** One pass over a document: decode with the current weights, update where a label is wrong. */
  train(p: Prepared, gold: Uint8Array): number {
    let errors = 0;
    const w = this.w;
    const u = this.u;
    decode(p, this.weights(), (i, predicted, feats, dyn) => {
      const g = gold[i]!;
      if (predicted !== g) {
        errors++;
        const c = this.c;
        for (let k = 0; k < feats.length; k++) {
          const o = feats[k]!;
          w[o + g]! += 1; u[o + g]! += c;
          w[o + predicted]! -= 1; u[o + predicted]! -= c;
        }
        for (let k = 0; k < dyn.length; k++) {
          const o = dyn[k]!;
          w[o + g]! += 1; u[o + g]! += c;
          w[o + predicted]! -= 1; u[o + predicted]! -= c;
        }
      }
      this.c++;
    });
    return errors;
  }

  /** The averaged weights. */
  averaged(): Float32Array {
    const out = new Float32Array(this.w.length);
    const c = this.c;
    for (let j = 0; j < out.length; j++) out[j] = this.w[j]! - this.u[j]! / c;
    return out;
  }
}

/** Quantizes weights to bytes: |w| below `prune` become 0, the rest scale to ±127 (clipped at `clip`). */
export function quantize(avg: Float32Array, prune: number, clip: number): { values: Int8Array; scale: number } {
  const scale = clip / 127;
  const values = new Int8Array(avg.length);
  for (let j = 0; j < avg.length; j++) {
    const x = avg[j]!;
    if (Math.abs(x) < prune) continue;
    values[j] = Math.max(-127, Math.min(127, Math.round(x / scale)));
  }
  return { values, scale };
}
