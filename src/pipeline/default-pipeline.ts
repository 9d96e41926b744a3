/**
 * The default pipeline: one ordered array, one comment per entry. A stage may only read layers
 * produced above it; buildPipeline checks that before any document runs.
 */
import { clean } from '../stages/clean/index.js';
import { entities } from '../stages/entities/index.js';
import { events } from '../stages/events/index.js';
import { language } from '../stages/language/index.js';
import { places } from '../stages/places/index.js';
import { quotes } from '../stages/quotes/index.js';
import { syntax } from '../stages/syntax/index.js';
import { time } from '../stages/time/index.js';
import { tokens } from '../stages/tokens/index.js';
import { buildPipeline } from './build-pipeline.js';
import type { Pipeline } from './build-pipeline.js';
import type { Stage } from './stage.js';

export const DEFAULT_STAGES: readonly Stage[] = [
  clean, // regions, title and body: what is the article's own prose
  tokens, // sentences and tokens of the body
  syntax, // part-of-speech tags, lemmas and UD dependencies of every token
  language, // document language and untranslated fragments
  time, // publication date and temporal expressions (TIMEX3) resolved against it
  entities, // named entities merged per real-world thing, coded as CAMEO actors on the document's date
  places, // toponyms resolved to coordinates (gazetteer, context, hints), metonymic uses marked
  quotes, // direct, indirect and mixed quotations with speaker (entity), cue and channel
  events, // who did what to whom (CAMEO), with modality, date, place and evidence; keep last: it reads every layer above
];

let pipeline: Pipeline | undefined;
export function defaultPipeline(): Pipeline {
  pipeline ??= buildPipeline(DEFAULT_STAGES);
  return pipeline;
}
