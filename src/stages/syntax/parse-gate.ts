/**
 * Which sentences the dependency parser runs on: those that can hold an event or a quotation, i.e.
 * with an event trigger lemma, a quotation cue word or a quotation mark. Tags and lemmas cover all.
 */
import { defaultEventPatterns } from '../../resources/event-patterns.js';
import { defaultQuoteCues } from '../../resources/quote-cues.js';

/** Decides from a sentence's words (as written) and lemmas whether to parse it. */
export interface ParseGate {
  wanted(words: readonly string[], lemmas: readonly string[]): boolean;
}

/** Parses every sentence. */
export const PARSE_ALL: ParseGate = { wanted: () => true };
/** Parses none: tags and lemmas only. */
export const PARSE_NONE: ParseGate = { wanted: () => false };

/** Double quotation marks of any typography; single ones are too often apostrophes to count. */
const QUOTE_MARK = /["“”„«»‹›]/;

/**
 * A gate over two word sets: lemmas that trigger an event pattern (a verb pattern's first word,
 * a noun pattern's last word; both as lemmas and as written, so a mis-tagged form still passes)
 * and the lower-case word forms of quotation cues (speech verbs, "according" …).
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

let bundled: ParseGate | undefined;

/** The gate over the bundled event patterns and quotation cues, built on first use. */
export function defaultParseGate(): ParseGate {
  if (!bundled) {
    const triggers = new Set<string>();
    for (const p of defaultEventPatterns().patterns) {
      const word = p.pos === 'v' ? p.trigger[0] : p.trigger[p.trigger.length - 1];
      if (word) triggers.add(word.toLowerCase());
      for (const f of p.forms ?? []) triggers.add(f.toLowerCase());
    }
    const cues = defaultQuoteCues();
    const cueWords = new Set<string>(cues.verbs.keys());
    // Multi-word cues ("according to", "made clear") are indexed by their first word.
    for (const index of [cues.verbPhrases, cues.prepositions]) for (const first of index.keys()) cueWords.add(first);
    bundled = triggerGate(triggers, cueWords);
  }
  return bundled;
}
