/**
 * The analysed document (JSON format `casus/1`): one zod schema that is both the runtime
 * validator and the TypeScript type. See ../shared/docs/output-format.md; fields may be added,
 * existing ones keep their names and meanings.
 */
import { z } from 'zod';
import { SpanSchema } from './span.js';

export const FORMAT = 'casus/1';

export const RegionKinds = [
  'title', 'heading', 'body', 'caption', 'related-link', 'paywall-notice', 'byline',
  'dateline', 'footer', 'advertisement', 'duplicate', 'other-boilerplate',
] as const;
export const RegionKindSchema = z.enum(RegionKinds);
export type RegionKind = z.infer<typeof RegionKindSchema>;

export const RegionSchema = SpanSchema.extend({
  kind: RegionKindSchema,
  /** Which rule classified it: explainability for boilerplate too. */
  rule: z.string().optional(),
});
export type Region = z.infer<typeof RegionSchema>;

export const SourceSchema = z.object({
  id: z.string().optional(),
  uri: z.string().optional(),
  format: z.enum(['text', 'html', 'jsonl', 'rss', 'warc']),
  /** Line number within a JSON Lines file, 1-based. */
  line: z.number().int().positive().optional(),
});
export type Source = z.infer<typeof SourceSchema>;

export const PublishedSchema = z.object({
  value: z.string(),
  evidence: z.string(),
  confidence: z.number().min(0).max(1),
});

export const ActorSchema = z.object({
  code: z.string(),
  country: z.string().nullable(),
  sector: z.string().nullable(),
  role: z.string().nullable(),
});

export const EntityTypes = ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'EVENT', 'OTHER'] as const;
export const EntitySchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(EntityTypes),
  aliases: z.array(z.string()),
  actor: ActorSchema.nullable(),
  mentions: z.array(SpanSchema),
});

export const TimeSchema = SpanSchema.extend({
  id: z.string().optional(),
  type: z.enum(['DATE', 'TIME', 'DURATION', 'SET']),
  value: z.string(),
  mod: z.string().optional(),
});

export const QuoteSchema = SpanSchema.extend({
  kind: z.enum(['direct', 'indirect', 'mixed']),
  speaker: z.string().nullable(),
  speakerSpan: SpanSchema.nullable(),
  cue: SpanSchema.nullable(),
  channel: z.string().nullable().optional(),
});

export const PlaceSchema = z.object({
  id: z.string().optional(),
  entity: z.string().nullable(),
  name: z.string(),
  country: z.string().nullable(),
  lat: z.number(),
  lon: z.number(),
  geonameId: z.number().int().nullable(),
  /** A mention flagged `metonymic` uses the name for its government ("Moscow demands…"): not a location. */
  mentions: z.array(SpanSchema.extend({ metonymic: z.boolean().optional() })),
  /** True when at least one mention is metonymic. */
  metonymic: z.boolean().optional(),
  /** What kind of place: country, admin1, region, water, physical, city, admin2, locality. */
  kind: z.string().optional(),
});

const EventActorSchema = z.object({ entity: z.string().nullable(), code: z.string() });
export const EventSchema = z.object({
  id: z.string(),
  code: z.string(),
  label: z.string(),
  root: z.string(),
  quadClass: z.number().int().min(1).max(4),
  goldstein: z.number(),
  plover: z.string().nullable(),
  trigger: SpanSchema,
  sentence: z.number().int().nonnegative(),
  source: EventActorSchema.nullable(),
  target: EventActorSchema.nullable(),
  date: z.object({
    value: z.string(),
    time: z.string().nullable(),
    /** How precise the date is: year, month, week, day, time… ("unknown" when unresolved). */
    granularity: z.enum(['year', 'season', 'quarter', 'month', 'week', 'day', 'time', 'unknown']).optional(),
    /** Where it came from: a time expression in the text, the publication date, or nowhere. */
    from: z.enum(['text', 'published', 'unresolved']).optional(),
  }).nullable(),
  place: z.string().nullable(),
  modality: z.enum(['asserted', 'negated', 'conditional', 'intended', 'hypothetical', 'reported']),
  confidence: z.number().min(0).max(1),
  why: z.string(),
});

/** Per token, columnar: UD part of speech, PTB tag, lemma, head (token index, -1 for a sentence root), UD relation. */
export const SyntaxSchema = z.object({
  start: z.array(z.number().int()),
  end: z.array(z.number().int()),
  upos: z.array(z.string()),
  xpos: z.array(z.string()),
  lemma: z.array(z.string()),
  head: z.array(z.number().int()),
  rel: z.array(z.string()),
  /**
   * Per sentence (index into `sentences`): whether the dependency parser ran on it. Only sentences
   * the events coder reads are parsed (an event trigger and an actor the parse could give it); the
   * tokens of the others keep their tags and lemmas but have head -1 and relation "_". Absent:
   * every sentence was parsed.
   */
  parsed: z.array(z.boolean()).optional(),
});

export const FlagSchema = SpanSchema.extend({
  kind: z.enum(['untranslated']),
  language: z.string(),
});

/** Problems found in the data (not programming errors): kept on the document, never thrown. */
export const DocumentIssueSchema = z.object({
  code: z.string(),
  message: z.string(),
  span: SpanSchema.nullable().optional(),
});

/** What the page said about itself (HTML meta tags, JSON-LD, <time>, canonical URL), for later layers. */
export const MetadataSchema = z.object({
  title: z.string().optional(),
  canonicalUrl: z.string().optional(),
  meta: z.record(z.string(), z.string()).optional(),
  jsonLd: z.array(z.unknown()).optional(),
  /** Date evidence in the page: <time>, itemprop/RDFa dates, date-named elements, labelled dates ("Published …"), script dates; `kind` says which. */
  times: z.array(z.object({ datetime: z.string().optional(), text: z.string(), kind: z.string().optional() })).optional(),
  /** The reference date given by the caller (JSONL `published` or `--published`). */
  published: z.string().optional(),
}).optional();

export const DocumentSchema = z.object({
  format: z.literal(FORMAT),
  id: z.string(),
  source: SourceSchema,
  text: z.string(),
  language: z.string().nullable(),
  title: SpanSchema.nullable(),
  published: PublishedSchema.nullable(),
  metadata: MetadataSchema,
  regions: z.array(RegionSchema),
  body: z.array(SpanSchema),
  sentences: z.array(SpanSchema),
  entities: z.array(EntitySchema),
  times: z.array(TimeSchema),
  quotes: z.array(QuoteSchema),
  places: z.array(PlaceSchema),
  events: z.array(EventSchema),
  flags: z.array(FlagSchema),
  /** Tags, lemmas and dependencies of the body's tokens (the syntax stage). */
  syntax: SyntaxSchema.optional(),
  issues: z.array(DocumentIssueSchema),
});
export type Document = z.infer<typeof DocumentSchema>;
export type Entity = z.infer<typeof EntitySchema>;
export type Time = z.infer<typeof TimeSchema>;
export type Quote = z.infer<typeof QuoteSchema>;
export type Place = z.infer<typeof PlaceSchema>;
export type CasusEvent = z.infer<typeof EventSchema>;
export type Flag = z.infer<typeof FlagSchema>;
export type Syntax = z.infer<typeof SyntaxSchema>;
export type DocumentIssue = z.infer<typeof DocumentIssueSchema>;
export type Metadata = z.infer<typeof MetadataSchema>;

/** What a document that could not be read becomes in the output: the batch goes on. */
export const ErrorRecordSchema = z.object({
  format: z.literal(FORMAT),
  error: z.object({ code: z.string(), message: z.string() }),
  source: SourceSchema.partial().extend({ uri: z.string().optional() }),
});
export type ErrorRecord = z.infer<typeof ErrorRecordSchema>;

/** Checks that every span lies inside the text: the one invariant zod cannot express alone. */
export function spanIssues(doc: Document): string[] {
  const n = doc.text.length;
  const bad: string[] = [];
  const check = (where: string, s: { start: number; end: number } | null | undefined) => {
    if (s && (s.start > s.end || s.end > n)) bad.push(`${where}: [${s.start}, ${s.end}) outside text of length ${n}`);
  };
  check('title', doc.title);
  doc.regions.forEach((r, i) => check(`regions[${i}]`, r));
  doc.body.forEach((r, i) => check(`body[${i}]`, r));
  doc.sentences.forEach((r, i) => check(`sentences[${i}]`, r));
  doc.entities.forEach((e, i) => e.mentions.forEach((m, j) => check(`entities[${i}].mentions[${j}]`, m)));
  doc.times.forEach((r, i) => check(`times[${i}]`, r));
  doc.quotes.forEach((q, i) => { check(`quotes[${i}]`, q); check(`quotes[${i}].cue`, q.cue); check(`quotes[${i}].speakerSpan`, q.speakerSpan); });
  doc.places.forEach((p, i) => p.mentions.forEach((m, j) => check(`places[${i}].mentions[${j}]`, m)));
  doc.events.forEach((e, i) => check(`events[${i}].trigger`, e.trigger));
  doc.flags.forEach((r, i) => check(`flags[${i}]`, r));
  return bad;
}

/** Validates a document: the schema, then the span invariant. Returns the list of problems. */
export function validateDocument(value: unknown): string[] {
  const parsed = DocumentSchema.safeParse(value);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  return spanIssues(parsed.data);
}
