/**
 * Scorers for the parser's and the labeler's weight tables that read the table in two passes: the
 * home slots of every feature first, then the probes and entries. Same sums as scoreSparse.
 */
import type { SparseWeights } from './weights.js';
import { scoreSparse } from './weights.js';
import type { Scorer } from './tagger.js';

/**
 * The parser's and labeler's tables (8.4 and 3.1 MB) miss the CPU caches on nearly every feature.
 * In scoreSparse each feature's probe loop waits for its load before the next feature's starts;
 * a first pass whose loads depend on nothing but the feature lets the processor have many misses
 * in flight at once. Sums of Int16 weights are exact integers, so the scores are identical.
 */
export function twoPassScorer(m: SparseWeights): Scorer {
  if (m.inline) return inlineScorer(m, m.inline);
  if (m.slots.length < 4) return { nClasses: m.nClasses, score: (f, n, s) => scoreSparse(m, f, n, s) };
  return sparseRowsScorer(m);
}

/** Home slot and its first word per feature, reused between calls (features per call ≤ 256). */
const homes = new Int32Array(256);
const firsts = new Int32Array(256);

function inlineScorer(m: SparseWeights, slots: Int32Array): Scorer {
  const smask = (slots.length >> 1) - 1;
  const bmask = (1 << m.bits) - 1;
  const shift = m.shift;
  return {
    nClasses: m.nClasses,
    score(feats: Uint32Array, n: number, scores: Float64Array): void {
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
    },
  };
}

function sparseRowsScorer(m: SparseWeights): Scorer {
  const slots = m.slots;
  const entries = m.entries;
  const smask = (slots.length >> 1) - 1;
  const bmask = (1 << m.bits) - 1;
  const shift = m.shift;
  const k = m.nClasses;
  return {
    nClasses: k,
    score(feats: Uint32Array, n: number, scores: Float64Array): void {
      for (let i = 0; i < n; i++) {
        const h = (feats[i]! & bmask) >>> shift;
        homes[i] = h;
        firsts[i] = slots[2 * h]!;
      }
      scores.fill(0, 0, k);
      for (let i = 0; i < n; i++) {
        let key = firsts[i]!;
        if (key === 0) continue;
        const b1 = (feats[i]! & bmask) + 1;
        let h = homes[i]!;
        while (key !== 0 && key !== b1) {
          h = (h + 1) & smask;
          key = slots[2 * h]!;
        }
        if (key === 0) continue;
        const where = slots[2 * h + 1]!;
        // A row of one entry lives in the slot itself (sign bit; see weights.ts unpack).
        if (where < 0) scores[(where >>> 16) & 0x7fff]! += (where << 16) >> 16;
        else {
          for (let e = where >>> 8, end = e + (where & 0xff); e < end; e++) {
            const x = entries[e]!;
            scores[x >>> 16]! += (x << 16) >> 16;
          }
        }
      }
    },
  };
}
