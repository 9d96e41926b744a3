/**
 * Copies of strings that caches keep across documents: V8 keeps a substring of 13 characters or
 * more as a view on the string it was cut from, so a word sliced from an article would keep the
 * whole article alive.
 */

/** A copy of s that shares no storage with the text it was sliced from (a shorter one is already its own). */
export function ownString(s: string): string {
  return s.length < 13 ? s : s.split('').join('');
}
