/**
 * Integer hashing for the syntax models: word hashes computed once per token (FNV-1a over folded
 * UTF-16 code units, no strings built) and a mixer that combines a template id with feature values.
 */

/** Folds one code unit: typographic quotes and dashes to their ASCII forms, digits to '0'. */
function fold(c: number): number {
  if (c >= 48 && c <= 57) return 48;
  if (c < 128) return c;
  if (c === 0x2019 || c === 0x2018 || c === 0x02bc) return 39; // ’ ‘ ʼ → '
  if (c === 0x201c || c === 0x201d || c === 0x201e || c === 0xab || c === 0xbb) return 34; // “ ” „ « » → "
  if (c === 0x2013 || c === 0x2014) return 45; // – — → -
  return c;
}

/** Lower-cases an ASCII letter; other code units pass through fold. */
function lowerFold(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c >= 0xc0 && c < 0x250) return String.fromCharCode(c).toLowerCase().charCodeAt(0);
  return fold(c);
}

const FNV = 0x811c9dc5;
const PRIME = 0x01000193;

/** Hash of word[from, to), lower-cased and folded. */
export function hashLower(word: string, from = 0, to = word.length): number {
  let h = FNV;
  for (let i = from; i < to; i++) h = Math.imul(h ^ lowerFold(word.charCodeAt(i)), PRIME);
  return h >>> 0;
}

/** Hash of word as written (digits and typography folded). */
export function hashExact(word: string): number {
  let h = FNV ^ 0x5bd1e995;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ fold(word.charCodeAt(i)), PRIME);
  return h >>> 0;
}

/**
 * Word shape: X for upper, x for lower, d for digit, other characters folded; runs longer than
 * two collapse ("Putin" → Xxx, "1999" → dd, "U.S." → X.X.). Returned as a hash.
 */
export function hashShape(word: string): number {
  let h = FNV ^ 0x27d4eb2d;
  let prev = -1;
  let run = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    let s: number;
    if (c >= 65 && c <= 90) s = 88;
    else if (c >= 97 && c <= 122) s = 120;
    else if (c >= 48 && c <= 57) s = 100;
    else if (c > 127) {
      const ch = String.fromCharCode(c);
      s = ch !== ch.toLowerCase() ? 88 : ch !== ch.toUpperCase() ? 120 : fold(c);
    } else s = c;
    if (s === prev) {
      if (++run > 2) continue;
    } else run = 1;
    prev = s;
    h = Math.imul(h ^ s, PRIME);
  }
  return h >>> 0;
}

/**
 * Combines a template id with up to three values into one 32-bit feature hash. Signed, so V8 keeps
 * it a small integer instead of allocating a heap number for every value above 2^31 (about 1 MB
 * per article); callers store it in Uint32Arrays, which keep the same 32 bits.
 */
export function fh(t: number, a: number, b = 0, c = 0): number {
  let h = Math.imul(t + 0x3c6ef372, 0x9e3779b1) ^ a;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) ^ c;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return h ^ (h >>> 13);
}
