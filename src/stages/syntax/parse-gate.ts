/**
 * Which sentences the syntax stage parses at once (the rest are parsed when a later stage asks,
 * see lazy-parse.ts): none by default, all, or those a gate of your own picks. Tags and lemmas cover all.
 */

/** Decides from a sentence's words (as written) and lemmas whether to parse it. */
export interface ParseGate {
  wanted(words: readonly string[], lemmas: readonly string[]): boolean;
}

/** Parses every sentence. */
export const PARSE_ALL: ParseGate = { wanted: () => true };
/** Parses none in the stage: tags and lemmas only, the parse on demand. */
export const PARSE_NONE: ParseGate = { wanted: () => false };
