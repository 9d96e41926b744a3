/**
 * Near-duplicate detection: MinHash signatures over word shingles of the body text, banded for
 * locality-sensitive lookup, so copies, syndicated and republished versions are found in O(1) per band.
 */

/** Words per shingle: 4 keeps unrelated articles apart while a light edit changes few shingles. */
export const SHINGLE_WORDS = 4;
/** Hash functions per signature; BANDS × ROWS must equal it. */
export const NUM_HASHES = 128;
export const BANDS = 32;
export const ROWS = NUM_HASHES / BANDS;
/**
 * A candidate is a copy when the estimated Jaccard similarity reaches this, or when the shorter
 * body is this much contained in the longer (a copy with boilerplate or a comment section added).
 */
export const JACCARD_THRESHOLD = 0.6;
export const CONTAINMENT_THRESHOLD = 0.8;

export interface Fingerprint {
  /** MinHash values (uint32), NUM_HASHES of them; empty when the body has no words. */
  signature: Uint32Array;
  /** Number of distinct shingles: with the Jaccard estimate it gives the containment. */
  shingles: number;
  /** One key per band (signed 53-bit-safe integers), for the band index. */
  bands: number[];
}

const SEEDS = (() => {
  const seeds = new Uint32Array(NUM_HASHES);
  let x = 0x9e3779b9;
  for (let i = 0; i < NUM_HASHES; i++) {
    x = fmix32((x + 0x6d2b79f5) >>> 0);
    seeds[i] = x;
  }
  return seeds;
})();

/** Murmur3's finaliser: a cheap, well-mixed 32-bit permutation. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Lower-cased words (letters and digits, any script): the unit of shingles and evidence terms. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** FNV-1a over the UTF-16 code units of w.slice(from, to).join(' '), without building the string. */
function fnv1aWords(w: readonly string[], from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let j = from; j < to; j++) {
    if (j > from) {
      h ^= 32;
      h = Math.imul(h, 0x01000193);
    }
    const s = w[j]!;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  return h >>> 0;
}

/** The set of shingle hashes of a text (a short text is one shingle): FNV-1a of the shingle's words joined by spaces. */
export function shingleHashes(text: string, k = SHINGLE_WORDS): Set<number> {
  const w = words(text);
  const out = new Set<number>();
  if (w.length === 0) return out;
  if (w.length < k) {
    out.add(fnv1aWords(w, 0, w.length));
    return out;
  }
  for (let i = 0; i + k <= w.length; i++) out.add(fnv1aWords(w, i, i + k));
  return out;
}

export function fingerprint(text: string): Fingerprint {
  const shingles = shingleHashes(text);
  if (shingles.size === 0) return { signature: new Uint32Array(0), shingles: 0, bands: [] };
  const sig = new Uint32Array(NUM_HASHES).fill(0xffffffff);
  for (const s of shingles) {
    for (let i = 0; i < NUM_HASHES; i++) {
      const h = fmix32((s ^ SEEDS[i]!) >>> 0);
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return { signature: sig, shingles: shingles.size, bands: bandKeys(sig) };
}

/** Band keys: a hash of each band's rows, tagged with the band number so bands never collide. */
export function bandKeys(sig: Uint32Array): number[] {
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < ROWS; r++) h = fmix32((h ^ sig[b * ROWS + r]!) >>> 0);
    // band number in the high bits: a 37-bit integer, exact in a double and in SQLite.
    keys.push(b * 2 ** 32 + h);
  }
  return keys;
}

/** The fraction of equal MinHash values: an unbiased estimate of the Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** How much of the smaller shingle set lies in the larger, from the Jaccard estimate and the sizes. */
export function estimateContainment(jaccard: number, sizeA: number, sizeB: number): number {
  if (sizeA === 0 || sizeB === 0) return 0;
  const intersection = (jaccard * (sizeA + sizeB)) / (1 + jaccard);
  return Math.min(1, intersection / Math.min(sizeA, sizeB));
}

/** The similarity that decides a copy, or null when the two are not copies. */
export function copySimilarity(a: { signature: Uint32Array; shingles: number }, b: { signature: Uint32Array; shingles: number }): number | null {
  const j = estimateJaccard(a.signature, b.signature);
  if (j >= JACCARD_THRESHOLD) return j;
  // Containment only for bodies of some length: two three-word stubs say nothing.
  if (Math.min(a.shingles, b.shingles) >= 20 && estimateContainment(j, a.shingles, b.shingles) >= CONTAINMENT_THRESHOLD) return j;
  return null;
}

/** The body text of a document: its body spans joined, or the whole text when none were found. */
export function bodyText(doc: { text: string; body: { start: number; end: number }[] }): string {
  if (doc.body.length === 0) return doc.text;
  return doc.body.map((s) => doc.text.slice(s.start, s.end)).join('\n');
}

export function signatureToBytes(sig: Uint32Array): Buffer {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength);
}

export function signatureFromBytes(buf: Uint8Array | null): Uint32Array {
  if (!buf || buf.byteLength === 0) return new Uint32Array(0);
  const copy = new Uint8Array(buf); // aligned copy
  return new Uint32Array(copy.buffer, 0, copy.byteLength / 4);
}
