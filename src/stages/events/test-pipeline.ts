/**
 * A pipeline for the events tests: the default stages (whatever has landed) plus events,
 * built once. Tests only: stages are imported through default-pipeline, as users get them.
 */
import { analyze } from '../../analyze.js';
import type { CasusEvent, Document } from '../../core/document.js';
import { buildPipeline } from '../../pipeline/build-pipeline.js';
import type { Pipeline } from '../../pipeline/build-pipeline.js';
import { DEFAULT_STAGES } from '../../pipeline/default-pipeline.js';
import { events } from './index.js';

let p: Pipeline | undefined;
export function eventsPipeline(): Pipeline {
  p ??= buildPipeline([...DEFAULT_STAGES.filter((s) => s.name !== 'events'), events]);
  return p;
}

export function codeText(text: string, published = '2021-12-30'): Document {
  return analyze(text, { published, pipeline: eventsPipeline() });
}

/** "SRC>TGT:CODE" for compact assertions. */
export function dyad(e: CasusEvent): string {
  return `${e.source?.code ?? '-'}>${e.target?.code ?? '-'}:${e.code}`;
}
