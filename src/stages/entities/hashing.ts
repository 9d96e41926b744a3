/**
 * Integer hashing for the NER features: FNV-1a over UTF-16 code units and a 32-bit mixer, so
 * feature ids are computed without building strings (see features.ts).
 */

export const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a of text[start, end), lower-cased (ASCII fast path), digits folded to '0'. */
export function hashLower(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) {
    h = Math.imul(h ^ foldChar(text.charCodeAt(i)), 0x01000193);
  }
  return h >>> 0;
}

/** FNV-1a of text[start, end) exactly as written (digits folded). */
export function hashExact(text: string, start: number, end: number): number {
  let h = FNV_OFFSET ^ 0x5bd1e995;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) c = 48;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}

/** Lower-cases one code unit (ASCII and Latin-1/Latin Extended via toLowerCase) and folds digits. */
export function foldChar(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c >= 48 && c <= 57) return 48;
  if (c < 128) return c;
  if (c === 0x2019) return 39; // ’ → '
  return String.fromCharCode(c).toLowerCase().charCodeAt(0);
}

/** Mixes two 32-bit values into one (murmur3 finalizer over a combination). */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Hash of a plain string, lower-cased: for building lookup tables from data files. */
export function hashString(s: string): number {
  return hashLower(s, 0, s.length);
}
