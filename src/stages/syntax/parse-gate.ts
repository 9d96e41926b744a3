/**
 * Which sentences the syntax stage parses at once (the rest are parsed when a later stage asks,
 * see lazy-parse.ts): none by default, all, or those a word test picks. Tags and lemmas cover all.
 */

/** Decides from a sentence's words (as written) and lemmas whether to parse it. */
export interface ParseGate {
  wanted(words: readonly string[], lemmas: readonly string[]): boolean;
}

/** Parses every sentence. */
export const PARSE_ALL: ParseGate = { wanted: () => true };
/** Parses none in the stage: tags and lemmas only, the parse on demand. */
export const PARSE_NONE: ParseGate = { wanted: () => false };

/** Double quotation marks of any typography; single ones are too often apostrophes to count. */
const QUOTE_MARK = /["“”„«»‹›]/;

/**
 * A gate over two word sets: sentences with a word or lemma among `triggers`, a lower-case word
 * among `cueWords`, or a double quotation mark.
 */
export function triggerGate(triggers: ReadonlySet<string>, cueWords: ReadonlySet<string>): ParseGate {
  return {
    wanted(words, lemmas) {
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!;
        if (QUOTE_MARK.test(w)) return true;
        const lower = w.toLowerCase();
        if (cueWords.has(lower) || triggers.has(lower) || triggers.has(lemmas[i]!.toLowerCase())) return true;
      }
      return false;
    },
  };
}
