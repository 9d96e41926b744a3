/**
 * Test helpers for the quotes stage: analyse a text with the stages quotes needs (clean, tokens,
 * entities, quotes) and read quotes back as words, so assertions check text, not offsets.
 */
import { analyzeWorking } from '../../analyze.js';
import type { Document, Quote } from '../../core/document.js';
import { buildPipeline } from '../../pipeline/build-pipeline.js';
import type { Pipeline } from '../../pipeline/build-pipeline.js';
import { clean } from '../clean/index.js';
import { entities } from '../entities/index.js';
import { tokens } from '../tokens/index.js';
import { quotes } from './index.js';

let pipeline: Pipeline | undefined;

export function analyzeQuotes(text: string): Document {
  pipeline ??= buildPipeline([clean, tokens, entities, quotes]);
  return analyzeWorking(text, { format: 'text', pipeline });
}

export interface QuoteWords {
  kind: Quote['kind'];
  content: string;
  speakerSpan: string | null;
  speaker: string | null;
  cue: string | null;
  channel: string | null;
}

/** A quote as the words it points at, with the speaker entity's name. */
export function words(doc: Document, q: Quote): QuoteWords {
  const t = (s: { start: number; end: number } | null) => (s ? doc.text.slice(s.start, s.end) : null);
  return {
    kind: q.kind,
    content: t(q)!,
    speakerSpan: t(q.speakerSpan),
    speaker: q.speaker ? doc.entities.find((e) => e.id === q.speaker)?.name ?? q.speaker : null,
    cue: t(q.cue),
    channel: q.channel ?? null,
  };
}
