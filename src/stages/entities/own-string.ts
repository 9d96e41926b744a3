/**
 * Copies of strings kept by the stage's caches across documents: a word sliced from an article may
 * share the article's storage (V8 slices of 13 characters or more do), and would keep it alive.
 */

/** A copy of s that shares no storage with the text it was sliced from. */
export function ownString(s: string): string {
  return s.split('').join('');
}
