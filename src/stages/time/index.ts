/**
 * The time stage: the publication date (given, page metadata, or inferred from the text) and
 * every temporal expression in the body, captions and datelines, as TIMEX3 values resolved against it.
 */
import type { Span } from '../../core/span.js';
import type { Stage } from '../../pipeline/stage.js';
import { dayFirstOf } from './date-order.js';
import { extractTimes } from './extract-times.js';
import { inferPublished } from './published.js';

/** Regions outside the body whose dates are real statements about the story. */
const DATED_REGIONS = new Set(['caption', 'dateline']);

export const time: Stage = {
  name: 'time',
  requires: ['sentences', 'body', 'regions'],
  produces: ['times', 'published'],
  run(doc, ctx) {
    const published = inferPublished(doc);
    ctx.trace(() => `time: published ${published ? `${published.value} (${published.evidence})` : 'unknown'}`);
    // Body sentences, plus each caption and dateline as one stretch (they are not split into sentences).
    const stretches: Span[] = [...doc.sentences];
    for (const r of doc.regions) if (DATED_REGIONS.has(r.kind)) stretches.push({ start: r.start, end: r.end });
    stretches.sort((a, b) => a.start - b.start);
    // Tense from the syntax layer's tags where the body was tagged (captions and datelines fall back to words).
    const tags = doc.syntax ?? null;
    const times = extractTimes(doc.text, stretches, { reference: published?.value ?? null, tags, dayFirst: dayFirstOf(doc) });
    return { times, published };
  },
};
