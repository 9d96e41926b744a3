/**
 * The channel a quotation came through, when the text states it: a platform ("on Telegram"), a
 * named medium next to a media noun ("state radio Mayak", "the TASS news agency"), a news outlet
 * coded as media by the entity layer, or a document kind ("in a statement", "in an article").
 */
import type { Entity } from '../../core/document.js';
import type { QuoteCues } from '../../resources/quote-cues.js';
import { firstWords, phraseAt } from './cue-match.js';
import type { TokenView } from './token-view.js';
import { isCapitalized } from './token-view.js';

const DETERMINER = /^(a|an|the|his|her|their|its|our|this|that|in|on|via|through|during|official|state|new|recent|latest|own|exclusive|joint|written|televised|brief|short|long|succinct|substantial|more|very)$/;

/** Capitalised tokens right after i (skipping "the"), as a name. */
function nameAfter(v: TokenView, i: number, hi: number): string | null {
  let a = i;
  if (a < hi && v.words[a] === 'the') a++;
  let b = a;
  while (b < hi && isCapitalized(v, b) && /\p{L}/u.test(v.words[b]!)) b++;
  return b > a ? v.text.slice(v.start[a]!, v.end[b - 1]!) : null;
}

/** Capitalised tokens right before i, as a name. */
function nameBefore(v: TokenView, i: number, lo: number): string | null {
  let a = i;
  while (a - 1 >= lo && isCapitalized(v, a - 1) && /\p{L}/u.test(v.words[a - 1]!) && v.words[a - 1] !== 'the') a--;
  return a < i ? v.text.slice(v.start[a]!, v.end[i - 1]!) : null;
}

/**
 * The channel named in tokens [lo, hi) outside quoted text, or null.
 * @example "wrote Mr. X on the social network Telegram" → "Telegram"; "in a statement" → "statement"
 */
export function findChannel(v: TokenView, lo: number, hi: number, cues: QuoteCues, skip: (i: number) => boolean, media: readonly Entity[], speakerTokens: [number, number] | null): string | null {
  let documentChannel: string | null = null;
  // A word that opens no channel phrase and is no channel word names no channel: one look-up instead of six.
  const starts = firstWords(cues, 'channels', () => [cues.platformPhrases, cues.platforms, cues.mediaPhrases, cues.media, cues.documentPhrases, cues.documents]);
  for (let i = lo; i < hi; i++) {
    if (!starts.has(v.words[i]!) || skip(i)) continue;
    const w = v.words[i]!;
    const pl = phraseAt(v, i, cues.platformPhrases, hi);
    if (pl) return cues.platforms.get(v.words.slice(i, i + pl).join(' ')) ?? null;
    if (cues.platforms.has(w) && isCapitalized(v, i)) return cues.platforms.get(w)!;
    const ml = phraseAt(v, i, cues.mediaPhrases, hi) || (cues.media.has(w) && !isCapitalized(v, i) ? 1 : 0);
    if (ml) {
      const name = nameAfter(v, i + ml, hi) ?? nameBefore(v, i, lo);
      if (name && !cues.platforms.has(name.toLowerCase())) return name;
      if (name) return cues.platforms.get(name.toLowerCase())!;
      continue;
    }
    if (documentChannel === null) {
      const dl = phraseAt(v, i, cues.documentPhrases, hi) || (cues.documents.has(w) && !isCapitalized(v, i) ? 1 : 0);
      // A document noun after a determiner or preposition ("in a statement"), never a verb ("report").
      if (dl && i > lo && DETERMINER.test(v.words[i - 1]!)) documentChannel = cues.documents.get(v.words.slice(i, i + dl).join(' ')) ?? null;
    }
  }
  // A news outlet the entity layer codes as media, outside the speaker phrase ("told CNN").
  for (const e of media) {
    for (const m of e.mentions) {
      if (m.start < v.start[lo]! || m.end > v.end[hi - 1]!) continue;
      if (speakerTokens && m.start >= v.start[speakerTokens[0]]! && m.end <= v.end[speakerTokens[1]]!) continue;
      return e.name;
    }
  }
  return documentChannel;
}
