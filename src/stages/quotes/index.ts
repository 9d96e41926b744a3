/**
 * The quotes stage: direct, indirect and mixed quotations with their speaker (an entity id when
 * the entity layer names one), the speaker and cue words, and the channel when stated. Reads the
 * body, sentences, tokens and entities; quote marks are paired on the text, across sentences.
 */
import type { Quote } from '../../core/document.js';
import type { Span } from '../../core/span.js';
import type { Stage, WorkingDocument } from '../../pipeline/stage.js';
import { defaultQuoteCues } from '../../resources/quote-cues.js';
import type { QuoteCues } from '../../resources/quote-cues.js';
import { findChannel } from './channel.js';
import { findAttributions } from './find-attributions.js';
import { findQuotedSpans } from './quote-marks.js';
import { mentionIndex, namesDocument, resolveSpeaker } from './resolve-speaker.js';
import type { MentionRef, SpokenBefore } from './resolve-speaker.js';
import { createTokenView, spanOf, tokenAtOrAfter } from './token-view.js';

export { findQuotedSpans } from './quote-marks.js';

const PRONOUN = /^(he|him|she|her|they|them|it)$/i;

type QuoteInput = Pick<WorkingDocument, 'text' | 'body' | 'sentences' | 'tokens' | 'entities'>;

/** Index of the span containing the offset (spans sorted), or -1. */
function indexOf(spans: readonly Span[], offset: number): number {
  let lo = 0, hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * Quotations of one document, in text order.
 * @example findQuotes(doc, defaultQuoteCues()) // [{ kind: 'direct', speaker: 'e7', … }]
 */
export function findQuotes(doc: QuoteInput, cues: QuoteCues): Quote[] {
  if (!doc.tokens || doc.tokens.length === 0 || doc.body.length === 0) return [];
  const text = doc.text;
  const v = createTokenView(text, doc.tokens, doc.sentences);
  const spans = findQuotedSpans(text, doc.body);
  const drafts = findAttributions(v, spans, cues, (o) => indexOf(doc.body, o));
  if (drafts.length === 0) return [];
  const mentions = mentionIndex(doc.entities);
  const media = doc.entities.filter((e) => e.actor?.sector === 'MED');
  // Names used as channels ("state radio Mayak", "on Telegram") are never speakers.
  const excluded = (m: MentionRef) => {
    if (cues.platforms.has(m.entity.name.toLowerCase())) return true;
    const t = tokenAtOrAfter(v, m.start);
    return t > 0 && cues.media.has(v.words[t - 1]!);
  };
  const quotedTok = new Uint8Array(v.n);
  for (const q of spans) for (let t = tokenAtOrAfter(v, q.start); t < v.n && v.start[t]! < q.end; t++) quotedTok[t] = 1;

  const out: Quote[] = [];
  const history: (SpokenBefore & { channel: string | null; paragraph: number })[] = [];
  const channelIn = (s: number, content: Span | null, speaker: [number, number] | null) => {
    const lo = v.sentFirst[s]!, hi = v.sentEnd[s]!;
    if (lo < 0) return null;
    const skip = (i: number) => quotedTok[i] === 1 || (content !== null && v.start[i]! >= content.start && v.end[i]! <= content.end);
    return findChannel(v, lo, hi, cues, skip, media, speaker);
  };
  for (const d of drafts) {
    const paragraph = indexOf(doc.body, d.start);
    let speakerSpan: Span | null = d.speaker ? spanOf(v, d.speaker[0], d.speaker[1]) : null;
    let speaker: string | null = null;
    let channel = channelIn(d.sentence, d, d.speaker);
    let sentence = d.sentence;
    if (speakerSpan) {
      speaker = resolveSpeaker({ text, sentences: doc.sentences, entities: doc.entities }, mentions, speakerSpan, d.sentence, history, cues, excluded);
      // A speaker named in an earlier sentence ("According to him"): its channel may be stated there.
      if (!channel && speaker && PRONOUN.test(text.slice(speakerSpan.start, speakerSpan.end))) {
        const before = [...mentions].reverse().find((m) => m.entity.id === speaker && m.end <= speakerSpan!.start && m.start >= (doc.sentences[Math.max(0, d.sentence - 2)]?.start ?? 0));
        const s = before ? indexOf(doc.sentences, before.start) : -1;
        if (s >= 0 && s !== d.sentence) channel = channelIn(s, null, null);
      }
    } else if (d.inherit) {
      const last = history[history.length - 1];
      if (last && paragraph - last.paragraph <= 1 && d.sentence - last.sentence <= 4) {
        speakerSpan = last.span;
        speaker = last.speaker;
        channel ??= last.channel;
        sentence = last.sentence;
      }
    }
    out.push({
      start: d.start, end: d.end, kind: d.kind, speaker, speakerSpan,
      cue: d.cue ? spanOf(v, d.cue.first, d.cue.last) : null,
      channel,
    });
    if (speakerSpan) {
      history.push({ speaker, span: speakerSpan, document: namesDocument(text, speakerSpan, cues), sentence: Math.max(sentence, d.sentence), channel, paragraph });
    }
  }
  return out;
}

export interface QuotesOptions {
  /** Replaces the bundled cue lexicon (tests pass small ones). */
  cues?: () => QuoteCues;
}

export function createQuotesStage(options: QuotesOptions = {}): Stage {
  let cues: QuoteCues | undefined;
  return {
    name: 'quotes',
    requires: ['body', 'sentences', 'tokens', 'entities'],
    produces: ['quotes'],
    run(doc) {
      cues ??= (options.cues ?? defaultQuoteCues)();
      return { quotes: findQuotes(doc, cues) };
    },
  };
}

export const quotes: Stage = createQuotesStage();
