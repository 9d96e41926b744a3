/**
 * Language identification: the document's language with eld's extrasmall build (chosen over
 * franc, tinyld, our function-word profiles and eld's larger builds by `npm run eval -- language`
 * and by memory; run by eld-detector.ts over a compact copy of its table, for start-up), and
 * fragments left in another language inside it (bracketed insertions,
 * parentheses, guillemets) flagged `untranslated`. Short fragments need two kinds of evidence:
 * function words of one foreign language and none of the document's, and eld agreeing.
 */
import type { Flag } from '../../core/document.js';
import type { Span } from '../../core/span.js';
import { eldDetect } from './eld-detector.js';
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

/**
 * Votes of each language over the function words of a text (a word shared by k languages gives
 * 1/k to each). Acronyms ("EST") and capitalised words inside the text ("La Stampa") are names,
 * not function words, so only the first word may be capitalised.
 */
export function languageVotes(text: string, maxWords = 2000): Map<string, number> {
  const votes = new Map<string, number>();
  let n = 0;
  for (const m of text.matchAll(WORD)) {
    if (++n > maxWords) break;
    const raw = m[0].replace('’', "'");
    if (raw.length > 1 && raw === raw.toUpperCase()) continue;
    if (n > 1 && raw[0] !== raw[0]!.toLowerCase()) continue;
    const w = raw.toLowerCase();
    const elided = w.includes("'") ? LEXICON.get(w.slice(0, w.indexOf("'") + 1)) : undefined;
    const langs = LEXICON.get(w) ?? elided;
    if (!langs) continue;
    for (const l of langs) votes.set(l, (votes.get(l) ?? 0) + 1 / langs.length);
  }
  return votes;
}

/** The language of a text (ISO 639-1), or null when eld cannot tell. */
export function detectLanguage(text: string): string | null {
  if (!/\p{L}/u.test(text)) return null;
  return eldDetect(text.slice(0, 5000)).language || null;
}

/** Stretches that often carry untranslated words: [..], (..), «..» within a line. */
const CANDIDATE = /\[([^\]\n]{3,200})\]|\(([^)\n]{3,200})\)|«\s*([^»“\n]{3,200})\s*»/gu;

/**
 * Fragments inside a `docLanguage` text whose function words belong to another language and
 * none to the document's, confirmed by eld: "[durant la conversation]" in English → fr.
 */
export function findUntranslated(text: string, within: readonly Span[], docLanguage: string): Flag[] {
  const flags: Flag[] = [];
  for (const span of within) {
    const slice = text.slice(span.start, span.end);
    for (const m of slice.matchAll(CANDIDATE)) {
      const inner = m[1] ?? m[2] ?? m[3] ?? '';
      const language = untranslatedLanguage(inner, docLanguage);
      if (!language) continue;
      const innerStart = span.start + m.index! + m[0].indexOf(inner);
      flags.push({ start: innerStart, end: innerStart + inner.length, kind: 'untranslated', language });
    }
  }
  return flags;
}

/** The language a fragment is left in, or null when it reads as the document's language. */
export function untranslatedLanguage(fragment: string, docLanguage: string): string | null {
  const words = fragment.match(WORD)?.length ?? 0;
  if (words < 2) return null;
  const votes = languageVotes(fragment);
  if ((votes.get(docLanguage) ?? 0) > 0) return null;
  let best: string | null = null;
  let bestScore = 0;
  for (const [lang, score] of votes) if (score > bestScore) [best, bestScore] = [lang, score];
  const result = eldDetect(fragment);
  const detected = result.language;
  if (!detected || detected === docLanguage) return null;
  // Two function words, or one that eld's n-grams confirm as the same language, or, for a
  // fragment of four words or more without a name in it, eld alone when it is sure.
  if (best && (bestScore >= 2 || (bestScore >= 1 && detected === best))) return detected;
  const lowerWords = (fragment.match(/(?<![\p{L}])\p{Ll}+/gu) ?? []).length;
  return words >= 4 && lowerWords === words && result.isReliable() ? detected : null;
}
