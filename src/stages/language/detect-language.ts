/**
 * Language identification by function-word profiles: the document's language from its body,
 * and fragments left in another language inside it (bracketed insertions, parentheses,
 * guillemets) flagged `untranslated`.
 */
import type { Flag } from '../../core/document.js';
import type { Span } from '../../core/span.js';
import { FUNCTION_WORDS } from './function-words.js';

const LEXICON = new Map<string, string[]>();
for (const [lang, words] of Object.entries(FUNCTION_WORDS)) {
  for (const w of words) {
    const langs = LEXICON.get(w) ?? [];
    langs.push(lang);
    LEXICON.set(w, langs);
  }
}

const WORD = /\p{L}+(?:['’]\p{L}+)?|\p{L}['’]/gu;

/** Votes of each language over the words of a text (a word shared by k languages gives 1/k to each). */
export function languageVotes(text: string, maxWords = 2000): Map<string, number> {
  const votes = new Map<string, number>();
  let n = 0;
  for (const m of text.matchAll(WORD)) {
    if (++n > maxWords) break;
    const w = m[0].toLowerCase().replace('’', "'");
    const langs = LEXICON.get(w) ?? (w.endsWith("'") ? undefined : LEXICON.get(w.split("'")[0] + "'"));
    if (!langs) continue;
    for (const l of langs) votes.set(l, (votes.get(l) ?? 0) + 1 / langs.length);
  }
  return votes;
}

export function detectLanguage(text: string): string | null {
  const votes = languageVotes(text);
  let best: string | null = null;
  let bestScore = 0;
  for (const [lang, score] of votes) if (score > bestScore) [best, bestScore] = [lang, score];
  return bestScore >= 2 ? best : null;
}

/** Stretches that often carry untranslated words: [..], (..), «..» within a line. */
const CANDIDATE = /\[([^\]\n]{3,200})\]|\(([^)\n]{3,200})\)|«\s*([^»“\n]{3,200})\s*»/gu;

/**
 * Fragments inside a `docLanguage` text whose function words belong to another language and
 * none to the document's: "[durant la conversation]" in English → fr.
 */
export function findUntranslated(text: string, within: readonly Span[], docLanguage: string): Flag[] {
  const flags: Flag[] = [];
  for (const span of within) {
    const slice = text.slice(span.start, span.end);
    for (const m of slice.matchAll(CANDIDATE)) {
      const inner = m[1] ?? m[2] ?? m[3] ?? '';
      const innerStart = span.start + m.index! + m[0].indexOf(inner);
      const votes = languageVotes(inner);
      if ((votes.get(docLanguage) ?? 0) > 0) continue;
      let best: string | null = null;
      let bestScore = 0;
      for (const [lang, score] of votes) if (score > bestScore) [best, bestScore] = [lang, score];
      const words = inner.match(WORD)?.length ?? 0;
      if (best && bestScore >= 1 && words >= 2) flags.push({ start: innerStart, end: innerStart + inner.length, kind: 'untranslated', language: best });
    }
  }
  return flags;
}
